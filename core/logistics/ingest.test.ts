import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../test/support/engine.js';
import { sampleOrder } from '../../test/support/orders.js';
import { ingestOrder } from '../orders/ingest.js';
import { verifyAuditChain } from '../audit/verify.js';
import { discoverParcels } from './discovery.js';
import { ingestTracking } from './ingest.js';
import { listParcels, parcelTrail } from './query.js';
import { listUnknownCodes } from './repo.js';
import type { CarrierEvent, TrackingResult } from './types.js';

const T0 = Date.UTC(2026, 10, 28, 2);
const MIN = 60_000;
const OPERATOR = { type: 'operator' as const, id: '1', name: 'admin' };

function setup() {
  const store = memoryStore(T0);
  const orderIds: number[] = [];
  return { ...store, orderIds };
}

async function shipOrders(s: ReturnType<typeof setup>, waybill = 'YT5555508965056', carrier = 'YTO', n = 2) {
  for (let i = 0; i < n; i++) {
    const id = await s.mutations.run(OPERATOR, 'test', (w) =>
      ingestOrder(w, sampleOrder({ platformOrderId: `37912345678901234${i}`, status: 'shipped', shipments: [{ carrier, waybillNo: waybill, shippedAt: T0 - 10 * MIN }] })).orderId,
    );
    s.orderIds.push(id);
  }
  return discoverParcels(s.mutations);
}

const ev = (minutes: number, code: string, state: CarrierEvent['state'], description = `scan ${code}`): CarrierEvent => ({ occurredAt: T0 + minutes * MIN, partnerStatus: `kuaidi100:${code}`, state, description, location: null });

function result(events: CarrierEvent[], extra: Partial<TrackingResult> = {}): TrackingResult {
  return { partner: 'kuaidi100', carrier: 'YTO', waybillNo: 'YT5555508965056', events, raw: JSON.stringify({ events: events.map((e) => e.description), n: Math.random() }), ...extra };
}

const PUSH = { kind: 'push' as const, label: 'kuaidi100:push' };
const count = (s: ReturnType<typeof setup>, sql: string) => (s.db.prepare(sql).get() as { n: number }).n;

describe('tracking ingestion', () => {
  it('discovery: two orders in one parcel become one followed parcel with both linked, at the shipment time', async () => {
    const s = setup();
    expect(await shipOrders(s)).toEqual({ followed: 2 });
    const { rows, counts } = listParcels(s.db, {});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ carrier: 'YTO', waybillNo: 'YT5555508965056', state: 'AWAITING_PICKUP', shippedAt: T0 - 10 * MIN, channel: 'taobao', nextPollAt: T0 });
    expect(rows[0]!.orders.map((o) => o.orderId)).toEqual(s.orderIds);
    expect(counts.AWAITING_PICKUP).toBe(1);
    // A second scan finds nothing new and writes nothing.
    const before = count(s, 'SELECT COUNT(*) AS n FROM audit_events');
    expect(await discoverParcels(s.mutations)).toEqual({ followed: 0 });
    expect(count(s, 'SELECT COUNT(*) AS n FROM audit_events')).toBe(before);
  });

  it('transitions are audited on every order of the parcel, with the raw payload linked once', async () => {
    const s = setup();
    await shipOrders(s);
    const r = result([ev(30, '1/103', 'PICKED_UP'), ev(90, '0', 'IN_TRANSIT'), ev(300, '0/1001', 'ARRIVED_DEST_CITY')]);
    const [o] = await ingestTracking(s.mutations, r, PUSH);
    expect(o).toMatchObject({ added: 3, duplicates: 0, stateBefore: 'AWAITING_PICKUP', stateAfter: 'ARRIVED_DEST_CITY' });
    expect(o!.transitions.map((t) => t.to)).toEqual(['PICKED_UP', 'IN_TRANSIT', 'ARRIVED_DEST_CITY']);
    const audits = s.db.prepare("SELECT entity_id, actor_type, actor_id, source, changes, raw_payload_id FROM audit_events WHERE action = 'logistics-state' ORDER BY seq").all() as Array<Record<string, unknown>>;
    expect(audits).toHaveLength(6);
    expect(new Set(audits.map((a) => Number(a.entity_id)))).toEqual(new Set(s.orderIds));
    expect(audits[0]).toMatchObject({ actor_type: 'courier', actor_id: 'kuaidi100', source: 'kuaidi100:push' });
    expect(JSON.parse(audits[5]!.changes as string)).toEqual([{ field: 'logistics.state', before: 'IN_TRANSIT', after: 'ARRIVED_DEST_CITY' }]);
    expect(count(s, 'SELECT COUNT(*) AS n FROM raw_payloads WHERE source = \'kuaidi100:push\'')).toBe(1);
    const trail = parcelTrail(s.db, o!.parcelId)!;
    expect(new Set(trail.events.map((e) => e.rawPayloadId))).toEqual(new Set([audits[0]!.raw_payload_id]));
    expect(trail.parcel).toMatchObject({ firstScanAt: T0 + 30 * MIN, lastEventAt: T0 + 300 * MIN, eventCount: 3, lastReceivedAt: T0 });
    expect(verifyAuditChain(s.db, null).ok).toBe(true);
  });

  it('a duplicate push changes nothing: no event, no raw payload, no audit row', async () => {
    const s = setup();
    await shipOrders(s);
    const events = [ev(30, '1/103', 'PICKED_UP'), ev(90, '0', 'IN_TRANSIT')];
    await ingestTracking(s.mutations, result(events), PUSH);
    const snapshot = () => [count(s, 'SELECT COUNT(*) AS n FROM tracking_events'), count(s, 'SELECT COUNT(*) AS n FROM raw_payloads'), count(s, 'SELECT COUNT(*) AS n FROM audit_events')];
    const before = snapshot();
    // Same events, re-sent with trailing spaces and in the other order, as Kuaidi100 does.
    const [again] = await ingestTracking(s.mutations, result([{ ...events[1]!, description: `${events[1]!.description} ` }, events[0]!]), { kind: 'poll', label: 'kuaidi100:poll' });
    expect(again).toMatchObject({ added: 0, duplicates: 2, transitions: [] });
    expect(snapshot()).toEqual(before);
  });

  it('out of order: a late older event joins the trail trail-only; a stale 在途 after 签收 stays delivered', async () => {
    const s = setup();
    await shipOrders(s);
    await ingestTracking(s.mutations, result([ev(90, '0', 'IN_TRANSIT'), ev(600, '3/301', 'DELIVERED')]), PUSH);
    const [late] = await ingestTracking(s.mutations, result([ev(30, '1/103', 'PICKED_UP'), ev(700, '0', 'IN_TRANSIT', '运输中 stale')]), PUSH);
    expect(late).toMatchObject({ added: 2, stateBefore: 'DELIVERED', stateAfter: 'DELIVERED', transitions: [] });
    const trail = parcelTrail(s.db, late!.parcelId)!;
    expect(trail.events.map((e) => [e.state, e.applied])).toEqual([['PICKED_UP', false], ['IN_TRANSIT', true], ['DELIVERED', true], ['IN_TRANSIT', false]]);
    // The lost first scan still counts as the first scan.
    expect(trail.parcel.firstScanAt).toBe(T0 + 30 * MIN);
    expect(trail.parcel.nextPollAt).toBeNull();
  });

  it('an unknown code is kept with state null, flagged and counted, never guessed', async () => {
    const s = setup();
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    await ingestTracking(s.mutations, result([ev(30, '1/103', 'PICKED_UP'), ev(60, '0/1009', null, '神秘扫描')]), PUSH);
    await ingestTracking(s.mutations, result([ev(90, '0/1009', null, '神秘扫描 2')]), PUSH);
    expect(listUnknownCodes(s.db)).toEqual([{ partner: 'kuaidi100', code: '0/1009', firstSeenAt: T0, lastSeenAt: T0, occurrences: 2, sampleWaybill: 'YT5555508965056', sampleDescription: '神秘扫描' }]);
    const trail = parcelTrail(s.db, 1)!;
    expect(trail.parcel).toMatchObject({ state: 'PICKED_UP', unknownEventCount: 2, eventCount: 3 });
    expect(trail.events.filter((e) => e.unknownCode).map((e) => [e.state, e.applied])).toEqual([[null, false], [null, false]]);
  });

  it('a status-less item (no resultv2) is trail-only and not flagged', async () => {
    const s = setup();
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    await ingestTracking(s.mutations, result([{ ...ev(30, '-', null), noStatus: true }]), PUSH);
    expect(listUnknownCodes(s.db)).toEqual([]);
    expect(parcelTrail(s.db, 1)!.events[0]).toMatchObject({ unknownCode: false, applied: false });
  });

  it('a push before the order sync is kept; discovery then links the order and takes the shipment time', async () => {
    const s = setup();
    const [o] = await ingestTracking(s.mutations, result([ev(30, '1/103', 'PICKED_UP')]), PUSH);
    expect(o).toMatchObject({ created: true, stateAfter: 'PICKED_UP' });
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    const parcel = parcelTrail(s.db, o!.parcelId)!.parcel;
    expect(parcel).toMatchObject({ shippedAt: T0 - 10 * MIN, state: 'PICKED_UP', orders: [{ orderId: s.orderIds[0] }] });
    const followed = s.db.prepare("SELECT changes FROM audit_events WHERE action = 'logistics-followed'").get() as { changes: string };
    expect(JSON.parse(followed.changes)[0].after).toMatchObject({ state: 'PICKED_UP' });
  });

  it('a carrier corrected by the aggregator moves the parcel and keeps its orders', async () => {
    const s = setup();
    await shipOrders(s, 'V030344422', 'YTO', 1);
    const [o] = await ingestTracking(s.mutations, result([ev(30, '0', 'IN_TRANSIT')], { carrier: 'EMS', waybillNo: 'V030344422', correctedCarrier: { from: 'YTO', to: 'EMS' } }), PUSH);
    expect(o).toMatchObject({ carrierCorrected: true, created: false });
    expect(parcelTrail(s.db, o!.parcelId)!.parcel).toMatchObject({ carrier: 'EMS', carrierCorrectedFrom: 'YTO', state: 'IN_TRANSIT', orders: [{ orderId: s.orderIds[0] }] });
    expect(count(s, "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'logistics-carrier-corrected'")).toBe(1);
    // The next push already names EMS: found directly, nothing corrected again.
    const [next] = await ingestTracking(s.mutations, result([ev(60, '0/1001', 'ARRIVED_DEST_CITY')], { carrier: 'EMS', waybillNo: 'V030344422' }), PUSH);
    expect(next).toMatchObject({ parcelId: o!.parcelId, carrierCorrected: false, stateAfter: 'ARRIVED_DEST_CITY' });
  });

  it('subscription ended (shutdown/abort) is recorded once', async () => {
    const s = setup();
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    await ingestTracking(s.mutations, result([ev(30, '1/103', 'PICKED_UP')], { subscriptionEnded: { reason: 'abort: 3天查询无记录' } }), PUSH);
    expect(parcelTrail(s.db, 1)!.parcel.subscription).toBe('ended');
  });

  it('list filters by state, carrier and channel; counts ignore the state filter', async () => {
    const s = setup();
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    await shipOrders(s, 'SF7444407228423', 'SF', 1);
    await ingestTracking(s.mutations, result([ev(30, '1/103', 'PICKED_UP')]), PUSH);
    const picked = listParcels(s.db, { state: 'PICKED_UP' });
    expect(picked.rows.map((r) => r.carrier)).toEqual(['YTO']);
    expect(picked.total).toBe(1);
    expect(picked.counts).toMatchObject({ PICKED_UP: 1, AWAITING_PICKUP: 1 });
    expect(listParcels(s.db, { carrier: 'SF' }).rows.map((r) => r.waybillNo)).toEqual(['SF7444407228423']);
    expect(listParcels(s.db, { channel: 'douyin' }).total).toBe(0);
    expect(listParcels(s.db, { waybillNo: 'sf 7444' }).total).toBe(1);
  });

  it('an event without a time is a clear error and nothing of the result is written', async () => {
    const s = setup();
    await shipOrders(s, 'YT5555508965056', 'YTO', 1);
    const before = count(s, 'SELECT COUNT(*) AS n FROM audit_events');
    const bad = result([ev(30, '1/103', 'PICKED_UP'), { ...ev(60, '0', 'IN_TRANSIT'), occurredAt: Number.NaN }]);
    await expect(ingestTracking(s.mutations, bad, PUSH)).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(/lacks a time/) });
    expect(count(s, 'SELECT COUNT(*) AS n FROM tracking_events')).toBe(0);
    expect(count(s, 'SELECT COUNT(*) AS n FROM audit_events')).toBe(before);
  });
});
