/** The Kuaidi100 adapter, push parser and poller against the simulator over real HTTP (protocols.md §5.4). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startKuaidi100Simulator, type Kuaidi100SimulatorOptions } from '../../../sandbox/kuaidi100/index.js';
import { memoryStore } from '../../../test/support/engine.js';
import { sampleOrder } from '../../../test/support/orders.js';
import { ingestOrder } from '../../orders/ingest.js';
import { withCarrierOverrides } from '../carriers.js';
import { readLogisticsConfig } from '../config.js';
import { parcelTrail } from '../query.js';
import { LogisticsService } from '../service.js';
import { Kuaidi100Adapter } from './adapter.js';
import { readKuaidi100Config } from './config.js';

const T0 = Date.UTC(2026, 10, 28, 2);
const HOUR = 3_600_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function simulator(now: () => number, extra: Partial<Kuaidi100SimulatorOptions> = {}) {
  const sim = await startKuaidi100Simulator({ seed: 11, customers: { CUST1: 'key-1' }, now, headStartMs: 10 * 24 * HOUR, ...extra });
  closers.push(() => sim.close());
  return sim;
}

function adapterFor(url: string, over: Record<string, unknown> = {}) {
  return new Kuaidi100Adapter(readKuaidi100Config({ baseUrl: url, customer: 'CUST1', key: 'key-1', salt: 'salt-1', timeoutMs: 2000, ...over })!);
}

describe('Kuaidi100 adapter against the simulator', () => {
  it('signs the exact param string and maps the trail oldest first', async () => {
    let now = T0;
    const sim = await simulator(() => now, { scenarios: { YT1234567890123: 'locker' } });
    const adapter = adapterFor(sim.url);
    const param = adapter.queryParam({ carrier: 'YTO', waybillNo: 'YT1234567890123' });
    expect(JSON.parse(param)).toEqual({ com: 'yuantong', num: 'YT1234567890123', resultv2: '1', show: '0', order: 'asc' });
    now = T0 + 10 * 24 * HOUR;
    const r = await adapter.query({ carrier: 'YTO', waybillNo: 'YT1234567890123' });
    expect(r).toMatchObject({ partner: 'kuaidi100', carrier: 'YTO', waybillNo: 'YT1234567890123', correctedCarrier: null });
    const states = r.events.map((e) => e.state);
    expect(states[0]).toBe('AWAITING_PICKUP');
    expect(states).toEqual(expect.arrayContaining(['PICKED_UP', 'ARRIVED_DEST_CITY', 'AVAILABLE_FOR_PICKUP', 'DELIVERED']));
    expect(r.events.at(-1)!.partnerStatus).toBe('kuaidi100:3/304');
    const times = r.events.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sim.stats.queries).toBe(1);
  });

  it('errors become CarrierError kinds: bad key, SF without phone, no record yet, unsupported company', async () => {
    const now = T0;
    const sim = await simulator(() => now, { headStartMs: 0 });
    await expect(adapterFor(sim.url, { key: 'wrong' }).query({ carrier: 'YTO', waybillNo: 'YT1' })).rejects.toMatchObject({ kind: 'auth', partner: { code: '503' } });
    expect(sim.stats.rejectedSignatures).toBe(1);
    await expect(adapterFor(sim.url).query({ carrier: 'SF', waybillNo: 'SF1234567890123' })).rejects.toMatchObject({ kind: 'permanent', partner: { code: '408' } });
    await expect(adapterFor(sim.url).query({ carrier: 'YTO', waybillNo: 'YT9999999999999' })).rejects.toMatchObject({ kind: 'not-found', partner: { code: '500' } });
    const table = withCarrierOverrides({ ANE: { kuaidi100: 'annengwuliu' } });
    const odd = new Kuaidi100Adapter(readKuaidi100Config({ baseUrl: sim.url, customer: 'CUST1', key: 'key-1', salt: 's' })!, table);
    await expect(odd.subscribe({ carrier: 'ANE', waybillNo: 'AN1', callbackUrl: 'http://127.0.0.1:1/cb' })).rejects.toMatchObject({ kind: 'permanent', partner: { code: '700' } });
    expect(() => adapterFor(sim.url).queryParam({ carrier: 'NOPE', waybillNo: '1' })).toThrow(/no company code/);
  });

  it('throttling, server errors, malformed bodies and timeouts', async () => {
    const now = T0 + 48 * HOUR;
    const throttled = await simulator(() => now, { knobs: { perMinute: 2 } });
    const a = adapterFor(throttled.url);
    await a.query({ carrier: 'YTO', waybillNo: 'YT1111111111111' });
    await a.query({ carrier: 'YTO', waybillNo: 'YT1111111111111' });
    await expect(a.query({ carrier: 'YTO', waybillNo: 'YT1111111111111' })).rejects.toMatchObject({ kind: 'rate-limit', partner: { code: '502' } });
    const http429 = await simulator(() => now, { knobs: { perMinute: 0.5, throttleStatus429: true } });
    await expect(adapterFor(http429.url).query({ carrier: 'YTO', waybillNo: 'YT1' })).rejects.toMatchObject({ kind: 'rate-limit', retryAfterMs: 2000 });
    const broken = await simulator(() => now, { knobs: { errorRate: 1 } });
    await expect(adapterFor(broken.url).query({ carrier: 'YTO', waybillNo: 'YT1' })).rejects.toMatchObject({ kind: 'transient' });
    const malformed = await simulator(() => now, { knobs: { malformedRate: 1 } });
    await expect(adapterFor(malformed.url).query({ carrier: 'YTO', waybillNo: 'YT2222222222222' })).rejects.toMatchObject({ kind: 'malformed' });
    const slow = await simulator(() => now, { knobs: { latencyMs: 300 } });
    await expect(adapterFor(slow.url, { timeoutMs: 50 }).query({ carrier: 'YTO', waybillNo: 'YT1' })).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/within 50 ms/) });
  });

  it('subscribe: accepted, then a repeat is the same success (501 重复订阅)', async () => {
    const sim = await simulator(() => T0);
    const a = adapterFor(sim.url);
    await expect(a.subscribe({ carrier: 'YTO', waybillNo: 'YT3333333333333', callbackUrl: 'http://127.0.0.1:9/cb' })).resolves.toEqual({ ok: true, detail: '提交成功' });
    await expect(a.subscribe({ carrier: 'YTO', waybillNo: 'YT3333333333333', callbackUrl: 'http://127.0.0.1:9/cb' })).resolves.toEqual({ ok: true, detail: 'POLL:重复订阅' });
    expect(sim.subscriptions().get('YT3333333333333')).toMatchObject({ com: 'yuantong', salt: 'salt-1', resultv2: true });
  });
});

/** The engine side: store, service and a loopback hook server like the console host's /hooks/<partner>. */
async function engine(simOptions: Partial<Kuaidi100SimulatorOptions> = {}, salt = 'salt-1') {
  const store = memoryStore(T0);
  const hook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void service.push.receive('kuaidi100', { headers: {}, body: Buffer.concat(chunks) }).then((answer) => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => hook.close(() => r())));
  const callbackUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/kuaidi100`;
  const sim = await simulator(() => store.clock.now(), { headStartMs: 3_600_000, ...simOptions });
  const config = readLogisticsConfig({ logistics: { kuaidi100: { baseUrl: sim.url, customer: 'CUST1', key: 'key-1', salt, callbackUrl, timeoutMs: 2000 } } });
  const service = new LogisticsService({ db: store.db, mutations: store.mutations, clock: store.clock, config, random: () => 0.5 });
  const ship = (waybillNo: string, carrier = 'YTO', id = '1') =>
    store.mutations.run({ type: 'system', id: 't', name: 't' }, 'test', (w) => ingestOrder(w, sampleOrder({ platformOrderId: `4000${id}`, status: 'shipped', shipments: [{ carrier, waybillNo, shippedAt: store.clock.now() }] })).orderId);
  return { ...store, sim, service, ship, callbackUrl };
}

describe('Kuaidi100 push and polling through the engine', () => {
  it('the poller subscribes and queries; pushes are acknowledged with the required reply and ingested once, duplicates and out-of-order pushes change nothing', async () => {
    const e = await engine({ knobs: { duplicatePushRate: 1, outOfOrderPushRate: 1 }, scenarios: { YT5555508965056: 'normal' } });
    await e.ship('YT5555508965056');
    e.clock.advance(2 * HOUR);
    const tick = await e.service.tick();
    expect(tick.followed).toBe(1);
    expect(tick.polled).toMatchObject({ due: 1, subscribed: 1, queried: 1, failed: 0 });
    expect(e.sim.subscriptions().get('YT5555508965056')).toMatchObject({ callbackUrl: e.callbackUrl, salt: 'salt-1' });
    const afterPoll = parcelTrail(e.db, 1)!;
    expect(afterPoll.parcel).toMatchObject({ subscription: 'subscribed', partner: 'kuaidi100' });
    expect(afterPoll.events.every((ev) => ev.source === 'poll')).toBe(true);

    for (let i = 0; i < 12; i++) {
      e.clock.advance(6 * HOUR);
      const pushes = await e.sim.pushDue();
      for (const p of pushes) expect(p.reply).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    }
    const kinds = new Set(e.sim.stats.pushes.map((p) => p.kind));
    expect(kinds).toEqual(new Set(['new', 'duplicate', 'out-of-order']));
    const trail = parcelTrail(e.db, 1)!;
    const journey = e.sim.journey('YT5555508965056')!;
    expect(trail.parcel.state).toBe('DELIVERED');
    expect(trail.parcel.nextPollAt).toBeNull();
    expect(trail.events).toHaveLength(journey.steps.length);
    expect(new Set(trail.events.map((ev) => ev.source))).toEqual(new Set(['poll', 'push']));
    const transitions = e.db.prepare("SELECT changes FROM audit_events WHERE action = 'logistics-state'").all() as Array<{ changes: string }>;
    const path = transitions.map((t) => (JSON.parse(t.changes) as Array<{ after: string }>)[0]!.after);
    expect(path.at(-1)).toBe('DELIVERED');
    expect(new Set(path).size).toBe(path.length);
    expect(e.sim.subscriptions().get('YT5555508965056')!.ended).toBe(true);
  });

  it('a push with a bad signature is rejected with a retry reply and nothing is ingested; the next good push lands', async () => {
    const e = await engine({ scenarios: { YT7777777777777: 'normal' } });
    await e.ship('YT7777777777777');
    e.clock.advance(30 * 60_000);
    await e.service.tick();
    e.clock.advance(24 * HOUR);
    const before = (e.db.prepare('SELECT COUNT(*) AS n FROM tracking_events').get() as { n: number }).n;
    const audits = (e.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
    const bad = await e.sim.pushWithSalt('YT7777777777777', 'not-the-salt');
    expect(bad.accepted).toBe(false);
    expect(JSON.parse(bad.reply)).toMatchObject({ result: false });
    expect((e.db.prepare('SELECT COUNT(*) AS n FROM tracking_events').get() as { n: number }).n).toBe(before);
    expect((e.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n).toBe(audits);
    const good = await e.sim.pushDue();
    expect(good[0]).toMatchObject({ accepted: true });
    expect((e.db.prepare('SELECT COUNT(*) AS n FROM tracking_events').get() as { n: number }).n).toBeGreaterThan(before);
  });

  it('the aggregator corrects the carrier (autoCheck comOld → comNew) and the parcel follows it', async () => {
    const e = await engine({ realCompany: { V030344422: 'ems' }, scenarios: { V030344422: 'normal' } });
    await e.ship('V030344422', 'YTO');
    e.clock.advance(HOUR);
    await e.service.tick();
    expect(parcelTrail(e.db, 1)!.parcel).toMatchObject({ carrier: 'EMS', carrierCorrectedFrom: 'YTO' });
    e.clock.advance(24 * HOUR);
    const pushes = await e.sim.pushDue();
    expect(pushes[0]).toMatchObject({ accepted: true });
    const p = parcelTrail(e.db, 1)!;
    expect(p.parcel.orders).toHaveLength(1);
    expect((e.db.prepare('SELECT COUNT(*) AS n FROM parcels').get() as { n: number }).n).toBe(1);
  });

  it('poll failures back off per parcel; a rate limit pauses the partner without counting a failure', async () => {
    const e = await engine({ knobs: { errorRate: 1 } });
    await e.ship('YT8888888888888');
    e.clock.advance(HOUR);
    const first = await e.service.tick();
    expect(first.polled).toMatchObject({ due: 1, failed: 1 });
    const p = parcelTrail(e.db, 1)!.parcel;
    expect(p).toMatchObject({ pollFailures: 1, lastError: { kind: 'transient' } });
    // Full jitter with random 0.5: half of base × 2^1.
    expect(p.nextPollAt! - e.clock.now()).toBe(5 * 60_000);
    expect((await e.service.tick()).polled.due).toBe(0);

    const limited = await engine({ knobs: { perMinute: 0.5 } });
    await limited.ship('YT6666666666666');
    limited.clock.advance(HOUR);
    const t = await limited.service.tick();
    expect(t.polled.failed).toBe(1);
    expect(parcelTrail(limited.db, 1)!.parcel).toMatchObject({ pollFailures: 0, lastError: { kind: 'rate-limit' } });
  });
});
