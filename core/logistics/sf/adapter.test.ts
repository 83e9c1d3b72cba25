import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSfSimulator, type SfSimulator } from '../../../sandbox/sf/index.js';
import { createSfAdapter } from './adapter.js';
import { SF_DEFAULT_OPTIONS, type SfAdapterConfig } from './config.js';
import { createSfPushParser } from './push.js';
import type { CarrierPushOutcome, TrackingResult } from '../types.js';

const START = Date.UTC(2024, 5, 1, 0, 0, 0);
const LATER = START + 30 * 86400_000;
let sim: SfSimulator | undefined;
afterEach(async () => { await sim?.close(); sim = undefined; });

const configFor = (s: SfSimulator, checkWord = 'cw-1'): SfAdapterConfig => ({ endpoint: s.url, credentials: { partnerId: 'P1', checkWord }, options: SF_DEFAULT_OPTIONS, env: { fetch, now: () => LATER, timeoutMs: 5000 } });

describe('SF adapter against the SF simulator over loopback HTTP', () => {
  it('queries a delivered parcel: every route mapped, times exact, raw kept; checkPhoneNo enforced', async () => {
    sim = await startSfSimulator({ seed: 7, parcels: 3, start: START, partners: { P1: 'cw-1' }, now: () => LATER, kinds: ['normal', 'refusal', 'locker'] });
    const j = sim.journeys[0]!;
    const r = await createSfAdapter(configFor(sim)).query({ carrier: 'SF', waybillNo: j.waybillNo, phoneTail: j.phoneTail });
    expect(r.events.map((e) => e.occurredAt)).toEqual(j.steps.map((s) => Math.floor(s.at / 1000) * 1000));
    expect(r.events.map((e) => e.state)).toEqual(['PICKED_UP', 'IN_TRANSIT', 'IN_TRANSIT', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(r.raw).toContain('"apiResultCode":"A1000"');
    const refused = await createSfAdapter(configFor(sim)).query({ carrier: 'SF', waybillNo: sim.journeys[1]!.waybillNo, phoneTail: sim.journeys[1]!.phoneTail });
    // 648 (refusal) is an unconfirmed opCode: recorded, flagged null, never guessed.
    expect(refused.events.find((e) => e.partnerStatus === 'sf:648')).toMatchObject({ state: null });
    const wrongTail = await createSfAdapter(configFor(sim)).query({ carrier: 'SF', waybillNo: j.waybillNo, phoneTail: '0000' === j.phoneTail ? '1111' : '0000' });
    expect(wrongTail.events).toEqual([]);
  });

  it('wrong checkWord → the gateway\'s bad-signature code as auth; throttling → rate-limit; malformed → malformed; 503 → transient', async () => {
    sim = await startSfSimulator({ seed: 7, parcels: 1, start: START, partners: { P1: 'cw-1' }, now: () => LATER });
    const q = { carrier: 'SF', waybillNo: sim.journeys[0]!.waybillNo };
    await expect(createSfAdapter(configFor(sim, 'wrong')).query(q)).rejects.toMatchObject({ kind: 'auth', partner: { code: 'A1006' } });
    sim.knobs.throttleEvery = 1;
    await expect(createSfAdapter(configFor(sim)).query(q)).rejects.toMatchObject({ kind: 'rate-limit', retryAfterMs: 2000 });
    sim.knobs.throttleCode = 'A1099';
    await expect(createSfAdapter({ ...configFor(sim), options: { ...SF_DEFAULT_OPTIONS, gatewayErrorKinds: { A1099: 'rate-limit' } } }).query(q)).rejects.toMatchObject({ kind: 'rate-limit', partner: { code: 'A1099' } });
    sim.knobs.throttleEvery = 0;
    sim.knobs.malformedEvery = 1;
    await expect(createSfAdapter(configFor(sim)).query(q)).rejects.toMatchObject({ kind: 'malformed' });
    sim.knobs.malformedEvery = 0;
    sim.knobs.errorRate = 1;
    await expect(createSfAdapter(configFor(sim)).query(q)).rejects.toMatchObject({ kind: 'transient' });
  });

  it.each(['json', 'xml'] as const)('route push (%s): duplicates and out-of-order events reach the parser faithfully, ack stops re-pushes, a bad token is refused', async (method) => {
    sim = await startSfSimulator({ seed: 11, parcels: 1, start: START, partners: { P1: 'cw-1' }, now: () => LATER, kinds: ['normal'], knobs: { duplicateEvery: 2, reorder: true } });
    const parse = createSfPushParser({ pushToken: 'tok', statusNames: {} });
    const got: TrackingResult[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let out: CarrierPushOutcome['reply'];
        try {
          const o = parse({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks), url: req.url });
          got.push(...o.results);
          out = o.reply;
        } catch (err) {
          out = { status: 401, contentType: 'text/plain', body: String((err as Error).message) };
        }
        res.writeHead(out.status, { 'content-type': out.contentType }).end(out.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/sf`;
    try {
      const refused = await sim.push(`${base}?token=bad`, method);
      expect(refused[0]!.status).toBe(401);
      expect(got).toEqual([]);
      await sim.push(`${base}?token=tok`, method);
      const steps = sim.journeys[0]!.steps;
      const events = got[0]!.events;
      expect(events).toHaveLength(steps.length + Math.floor(steps.length / 2)); // every 2nd sent twice
      expect(events[0]!.state).toBe('DELIVERED'); // newest first: out of order, as sent
      expect(new Set(events.map((e) => e.partnerEventId)).size).toBe(steps.length);
      expect(await sim.push(`${base}?token=tok`, method)).toEqual([]); // acknowledged: nothing re-pushed
    } finally {
      server.close();
    }
  });
});
