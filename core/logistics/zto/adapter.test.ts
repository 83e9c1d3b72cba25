import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startZtoSimulator, type ZtoSimulator } from '../../../sandbox/zto/index.js';
import type { TrackingResult } from '../types.js';
import { createZtoAdapter } from './adapter.js';
import { ZTO_DEFAULT_OPTIONS, type ZtoAdapterConfig } from './config.js';
import { createZtoPushParser } from './push.js';

const START = Date.UTC(2024, 5, 1);
const LATER = START + 30 * 86400_000;
let sim: ZtoSimulator | undefined;
afterEach(async () => { await sim?.close(); sim = undefined; });
const cfg = (s: ZtoSimulator, secret = 'sek'): ZtoAdapterConfig => ({ host: s.host, credentials: { appKey: 'ak1', appSecret: secret }, options: ZTO_DEFAULT_OPTIONS, env: { fetch, now: () => LATER, timeoutMs: 5000 } });

describe('ZTO adapter against the ZTO simulator over loopback HTTP', () => {
  it('track query maps a locker journey (INBOUND then DEPARTURE_SIGNED); subscribe answers SYS000', async () => {
    sim = await startZtoSimulator({ seed: 3, parcels: 1, start: START, apps: { ak1: 'sek' }, now: () => LATER, kinds: ['locker'] });
    const j = sim.journeys[0]!;
    const r = await createZtoAdapter(cfg(sim)).query({ carrier: 'ZTO', waybillNo: j.waybillNo, phoneTail: j.phoneTail });
    expect(r.events.map((e) => e.partnerStatus)).toEqual(['zto:GOT', 'zto:DEPARTURE', 'zto:ARRIVAL', 'zto:DEPARTURE', 'zto:ARRIVAL', 'zto:DISPATCH', 'zto:INBOUND', 'zto:DEPARTURE_SIGNED']);
    expect(r.events.at(-1)!.state).toBe('DELIVERED');
    expect(r.events.map((e) => e.occurredAt)).toEqual(j.steps.map((s) => Math.floor(s.at / 1000) * 1000));
    await expect(createZtoAdapter(cfg(sim)).subscribe!({ carrier: 'ZTO', waybillNo: j.waybillNo, phoneTail: j.phoneTail, callbackUrl: 'x' })).resolves.toMatchObject({ ok: true });
    expect(sim.subscribed.has(j.waybillNo)).toBe(true);
  });

  it('S211 bad signature → auth; S221/S206 → rate-limit; E416 → not-found; malformed → malformed', async () => {
    sim = await startZtoSimulator({ seed: 3, parcels: 1, start: START, apps: { ak1: 'sek' }, now: () => LATER });
    const q = { carrier: 'ZTO', waybillNo: sim.journeys[0]!.waybillNo };
    await expect(createZtoAdapter(cfg(sim, 'bad')).query(q)).rejects.toMatchObject({ kind: 'auth', partner: { code: 'S211' } });
    await expect(createZtoAdapter(cfg(sim)).query({ carrier: 'ZTO', waybillNo: 'NOTZTO' })).rejects.toMatchObject({ kind: 'not-found', partner: { code: 'E416' } });
    sim.knobs.throttleEvery = 1;
    await expect(createZtoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'rate-limit', partner: { code: 'S221' } });
    sim.knobs.throttleCode = 'S206';
    await expect(createZtoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'rate-limit', partner: { code: 'S206' } });
    sim.knobs.throttleEvery = 0;
    sim.knobs.malformedEvery = 1;
    await expect(createZtoAdapter(cfg(sim)).query(q)).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('push: duplicates and reordering arrive as sent; a push signed with another secret is refused', async () => {
    sim = await startZtoSimulator({ seed: 5, parcels: 1, start: START, apps: { ak1: 'sek' }, now: () => LATER, kinds: ['normal'], knobs: { duplicateEvery: 3, reorder: true } });
    const got: TrackingResult[] = [];
    let secret = 'other';
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const o = createZtoPushParser({ appKey: 'ak1', appSecret: secret }, ZTO_DEFAULT_OPTIONS)({ headers: {}, body: Buffer.concat(chunks) });
          got.push(...o.results);
          res.writeHead(200, { 'content-type': o.reply.contentType }).end(o.reply.body);
        } catch (err) {
          res.writeHead(401).end(JSON.stringify({ status: false, message: (err as Error).message }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/zto`;
    try {
      const j = sim.journeys[0]!;
      const refused = await sim.push(url, j.waybillNo);
      expect(refused.every((r) => r.status === 401)).toBe(true);
      expect(got).toEqual([]);
      secret = 'sek';
      await sim.push(url, j.waybillNo);
      const times = got.map((r) => r.events[0]!.occurredAt);
      expect(got).toHaveLength(j.steps.length + Math.floor(j.steps.length / 3));
      expect(times[0]).toBe(Math.max(...times)); // newest first
      expect(new Set(times).size).toBe(j.steps.length);
      expect(await sim.push(url, j.waybillNo)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
