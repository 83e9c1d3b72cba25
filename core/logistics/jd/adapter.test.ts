import { afterEach, describe, expect, it } from 'vitest';
import { startJdSimulator, type JdSimulator } from '../../../sandbox/jd/index.js';
import { createJdAdapter } from './adapter.js';
import { JD_DEFAULT_OPTIONS, type JdAdapterConfig, type JdOptions } from './config.js';

const START = Date.UTC(2024, 5, 1);
const LATER = START + 30 * 86400_000;
let sim: JdSimulator | undefined;
afterEach(async () => { await sim?.close(); sim = undefined; });
const cfg = (s: JdSimulator, options: Partial<JdOptions> = {}, secret = 'js'): JdAdapterConfig => ({
  host: s.host, credentials: { appKey: 'jk', appSecret: secret, accessToken: 'tok', customerCode: '010K139548' },
  options: { ...JD_DEFAULT_OPTIONS, josUrl: s.josUrl, errorKinds: { '1004': 'auth', '19': 'auth' }, ...options }, env: { fetch, now: () => LATER, timeoutMs: 5000 },
});

describe('JD adapter against the JD simulator over loopback HTTP', () => {
  it.each(['lop', 'jos'] as const)('%s trace query maps a delivered journey with exact times', async (api) => {
    sim = await startJdSimulator({ seed: 4, parcels: 1, start: START, apps: { jk: { secret: 'js', token: 'tok' } }, now: () => LATER, kinds: ['normal'] });
    const j = sim.journeys[0]!;
    const r = await createJdAdapter(cfg(sim, { api })).query({ carrier: 'JD', waybillNo: j.waybillNo });
    expect(r.events.map((e) => e.state)).toEqual(['PICKED_UP', 'IN_TRANSIT', 'IN_TRANSIT', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(r.events.map((e) => e.occurredAt)).toEqual(j.steps.map((s) => (api === 'lop' ? s.at : Math.floor(s.at / 1000) * 1000)));
  });

  it('unknown titles are flagged; bad sign → auth (LOP and JOS); throttled → rate-limit; malformed → malformed', async () => {
    sim = await startJdSimulator({ seed: 4, parcels: 1, start: START, apps: { jk: { secret: 'js', token: 'tok' } }, now: () => LATER, kinds: ['locker'] });
    const q = { carrier: 'JD', waybillNo: sim.journeys[0]!.waybillNo };
    const r = await createJdAdapter(cfg(sim)).query(q);
    expect(r.events.find((e) => e.partnerStatus === 'jd:已放入自提柜')).toMatchObject({ state: null });
    await expect(createJdAdapter(cfg(sim, {}, 'bad')).query(q)).rejects.toMatchObject({ kind: 'auth', partner: { code: '1004' } });
    await expect(createJdAdapter(cfg(sim, { api: 'jos' }, 'bad')).query(q)).rejects.toMatchObject({ kind: 'auth', partner: { code: '19' } });
    sim.knobs.throttleEvery = 1;
    await expect(createJdAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'rate-limit' });
    sim.knobs.throttleEvery = 0;
    sim.knobs.malformedEvery = 1;
    await expect(createJdAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'malformed' });
  });
});
