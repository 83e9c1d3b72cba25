import { afterEach, describe, expect, it } from 'vitest';
import { startKdniaoSimulator, type KdniaoSimulator } from '../../../sandbox/kdniao/index.js';
import { createKdniaoAdapter } from './adapter.js';
import { KDNIAO_DEFAULT_OPTIONS, type KdniaoAdapterConfig } from './config.js';
import { createKdniaoPushParser } from './push.js';

const START = Date.UTC(2024, 5, 1);
const LATER = START + 30 * 86400_000;
let sim: KdniaoSimulator | undefined;
afterEach(async () => { await sim?.close(); sim = undefined; });
const cfg = (s: KdniaoSimulator, appKey = 'k1', type: '8001' | '1002' = '8001'): KdniaoAdapterConfig => ({ endpoint: s.url, credentials: { eBusinessId: '1237100', appKey }, options: { ...KDNIAO_DEFAULT_OPTIONS, queryRequestType: type }, env: { fetch, now: () => LATER, timeoutMs: 5000 } });

describe('Kdniao adapter against the Kdniao simulator over loopback HTTP', () => {
  it('8001 maps every trace by its Action; 1002 leaves older traces without status and states only the newest', async () => {
    sim = await startKdniaoSimulator({ seed: 9, parcels: 1, start: START, shipperCode: 'YTO', users: { '1237100': 'k1' }, now: () => LATER, kinds: ['refusal'] });
    const j = sim.journeys[0]!;
    const r = await createKdniaoAdapter(cfg(sim)).query({ carrier: 'YTO', waybillNo: j.waybillNo });
    expect(r.carrier).toBe('YTO');
    expect(r.events.map((e) => e.state)).toEqual(['PICKED_UP', 'IN_TRANSIT', 'IN_TRANSIT', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'RETURNED', 'RETURNING', 'RETURNED']);
    const free = await createKdniaoAdapter(cfg(sim, 'k1', '1002')).query({ carrier: 'YTO', waybillNo: j.waybillNo });
    expect(free.events.slice(0, -1).every((e) => e.noStatus === true && e.state === null)).toBe(true);
    expect(free.events.at(-1)).toMatchObject({ state: 'EXCEPTION', partnerStatus: 'kdniao:4' }); // only State 4 问题件, on the newest trace
  });

  it('bad DataSign → auth; throttled → rate-limit; malformed → malformed; 503 → transient', async () => {
    sim = await startKdniaoSimulator({ seed: 9, parcels: 1, start: START, shipperCode: 'YTO', users: { '1237100': 'k1' }, now: () => LATER });
    const q = { carrier: 'YTO', waybillNo: sim.journeys[0]!.waybillNo };
    await expect(createKdniaoAdapter(cfg(sim, 'wrong')).query(q)).rejects.toMatchObject({ kind: 'auth' });
    sim.knobs.throttleEvery = 1;
    await expect(createKdniaoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'rate-limit' });
    sim.knobs.throttleEvery = 0;
    sim.knobs.malformedEvery = 1;
    await expect(createKdniaoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'malformed' });
    sim.knobs.malformedEvery = 0;
    sim.knobs.errorRate = 1;
    await expect(createKdniaoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'transient' });
  });

  it('subscribe 8008 then a 102 push with duplicated, reordered traces is parsed faithfully; bad sign refused', async () => {
    sim = await startKdniaoSimulator({ seed: 2, parcels: 1, start: START, shipperCode: 'ZTO', users: { '1237100': 'k1' }, now: () => LATER, kinds: ['normal'], knobs: { duplicateEvery: 2, reorder: true } });
    const j = sim.journeys[0]!;
    await createKdniaoAdapter(cfg(sim)).subscribe!({ carrier: 'ZTO', waybillNo: j.waybillNo, callbackUrl: 'http://x' });
    const { createServer } = await import('node:http');
    let key = 'nope';
    const got: unknown[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const o = createKdniaoPushParser({ eBusinessId: '1237100', appKey: key }, KDNIAO_DEFAULT_OPTIONS, () => LATER)({ headers: {}, body: Buffer.concat(chunks) });
          got.push(...o.results);
          res.writeHead(200, { 'content-type': o.reply.contentType }).end(o.reply.body);
        } catch (err) {
          res.writeHead(401).end(JSON.stringify({ Success: false, Reason: (err as Error).message }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/kdniao`;
    try {
      expect((await sim.push(url))[0]!.status).toBe(401);
      key = 'k1';
      const [reply] = await sim.push(url);
      expect(JSON.parse(reply!.text)).toMatchObject({ EBusinessID: '1237100', Success: true });
      const r = got[0] as { carrier: string; events: { state: string; occurredAt: number }[] };
      expect(r.carrier).toBe('ZTO');
      expect(r.events).toHaveLength(j.steps.length + Math.floor(j.steps.length / 2));
      expect(r.events[0]!.state).toBe('DELIVERED');
    } finally {
      server.close();
    }
  });
});
