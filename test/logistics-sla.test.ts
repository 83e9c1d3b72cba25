/**
 * SLA rules with an injected clock (issue 4): each rule fires once per episode and re-arms on a new
 * carrier event; customer SMS wait out quiet hours; business-hours clocks skip nights, weekends and
 * holidays; overrides per carrier; delivered parcels never fire. Parcels and events go through the
 * tracking module's real follow and ingestion paths.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../core/contract/actors.js';
import type { SlaSettingsInput } from '../core/contract/logistics-exceptions.js';
import type { TrackingState } from '../core/contract/logistics.js';
import type { ManualClock } from '../core/kernel/clock.js';
import type { MutationQueue } from '../core/kernel/mutation.js';
import { followParcel } from '../core/logistics/follow.js';
import { recordNoTrailYet } from '../core/logistics/poller.js';
import { ingestTracking } from '../core/logistics/ingest.js';
import { evaluateSla, findDue } from '../core/logistics/sla/evaluate.js';
import { listHits, parcelDeadlines } from '../core/logistics/sla/hits.js';
import { readSlaSettings, writeSlaSettings } from '../core/logistics/sla/settings.js';
import { listTickets } from '../core/logistics/tickets/tickets.js';
import { ingestOrder } from '../core/orders/ingest.js';
import { TemplateRegistry } from '../core/notify/templates.js';
import { SecretStore } from '../core/secrets/secrets.js';
import type { Db } from '../core/store/db.js';
import { memoryStore } from './support/engine.js';
import { sampleOrder } from './support/orders.js';
import { randomBytes } from 'node:crypto';

const ADMIN: Actor = { type: 'operator', id: '1', name: '管理员' };
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Beijing wall time → UTC epoch ms. */
const bj = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

let db: Db;
let clock: ManualClock;
let mutations: MutationQueue;
let templates: TemplateRegistry;
let secrets: SecretStore;
let seq = 0;

beforeEach(() => {
  ({ db, clock, mutations } = memoryStore(bj(2026, 11, 25, 10)));
  templates = new TemplateRegistry();
  secrets = new SecretStore(db, randomBytes(32));
});

const deps = () => ({ db, mutations, clock, templates });

/** A shipped order's parcel that the tracking partner has been asked about (unless `asked: false`): "no record yet". */
async function shipParcel(opts: { carrier?: string; waybillNo?: string; shippedAt?: number; phone?: string; channel?: 'taobao' | 'douyin'; asked?: boolean } = {}) {
  seq++;
  const carrier = opts.carrier ?? 'YTO';
  const waybillNo = opts.waybillNo ?? `YT${String(5555508965000 + seq)}`;
  return mutations.run(ADMIN, 'test', (w) => {
    const order = ingestOrder(w, sampleOrder({ platformOrderId: `37912345678901${String(seq).padStart(5, '0')}`, channel: opts.channel ?? 'taobao', status: 'shipped', receiver: { name: '张三', phone: opts.phone ?? '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 100 号' } }));
    const parcel = followParcel(w, { orderId: order.orderId, carrier, waybillNo, shippedAt: opts.shippedAt ?? w.at });
    if (opts.asked !== false) recordNoTrailYet(w, parcel.parcelId);
    return { orderId: order.orderId, parcelId: parcel.parcelId, carrier: parcel.carrier, waybillNo: parcel.waybillNo };
  });
}

async function carrierEvent(p: { carrier: string; waybillNo: string }, occurredAt: number, state: TrackingState, code = '0') {
  await ingestTracking(
    mutations,
    { partner: 'kuaidi100', carrier: p.carrier, waybillNo: p.waybillNo, events: [{ occurredAt, partnerStatus: `kuaidi100:${code}/${state}`, state, description: `${state} @ ${occurredAt}`, location: '杭州' }], raw: JSON.stringify({ state, occurredAt }) },
    { kind: 'push', label: 'kuaidi100:push' },
  );
}

const settings = (input: SlaSettingsInput) => mutations.run(ADMIN, 'test', (w) => writeSlaSettings(w, secrets, input, 'test'));
const notifications = () => db.prepare('SELECT * FROM notifications ORDER BY id').all() as Array<{ channel: string; template: string; target_id: string; recipient: string; not_before: number; state: string; idempotency_key: string }>;

describe('first-scan rule', () => {
  it('fires once when 2 hours pass without a scan, flags the parcel red with why, tells the warehouse lead (inbox + WeCom)', async () => {
    const p = await shipParcel();
    const shippedAt = clock.now();
    clock.advance(2 * HOUR - MINUTE);
    expect((await evaluateSla(deps())).fired.firstScan).toBe(0);
    clock.advance(2 * MINUTE);
    const run = await evaluateSla(deps());
    expect(run.fired).toEqual({ firstScan: 1, stall: 0 });

    const { rows, open } = listHits(db, { open: true });
    expect(open.firstScan).toBe(1);
    expect(rows[0]).toMatchObject({ rule: 'firstScan', parcelId: p.parcelId, anchorField: 'shipped_at', anchorAt: shippedAt, deadlineAt: shippedAt + 2 * HOUR, thresholdMinutes: 120, firedAt: clock.now(), clearedAt: null });
    expect(rows[0]!.reason).toContain('发货后 2 小时内无揽收扫描');
    expect(rows[0]!.reason).toContain('截止 2026-11-25 12:00');
    expect(rows[0]!.orders).toEqual([{ orderId: p.orderId, platformOrderId: expect.any(String) }]);

    const sent = notifications();
    expect(sent.map((n) => [n.channel, n.template, n.target_id])).toEqual([
      ['inapp', 'logistics.firstScanOverdue', 'inbox'],
      ['wecom', 'logistics.firstScanOverdue', 'wecom-warehouse'],
    ]);
    expect((db.prepare("SELECT recipient_role FROM inbox_messages").get() as { recipient_role: string }).recipient_role).toBe('warehouse');
    const timeline = db.prepare("SELECT action, reason FROM audit_events WHERE entity_type = 'order' AND entity_id = ? AND action LIKE 'sla.%'").all(String(p.orderId));
    expect(timeline).toEqual([{ action: 'sla.firstScanOverdue', reason: rows[0]!.reason }]);

    // Every later tick: nothing new.
    for (let i = 0; i < 5; i++) {
      clock.advance(MINUTE);
      expect((await evaluateSla(deps())).fired.firstScan).toBe(0);
    }
    expect(notifications()).toHaveLength(2);
  });

  it('judges a parcel without events only once a partner has answered for it: no alarm for our own silence', async () => {
    // Shipped 3 days ago (a back-filled history), followed now; no tracking partner has answered yet.
    const unasked = await shipParcel({ shippedAt: clock.now() - 3 * 24 * HOUR, asked: false });
    const history = await shipParcel({ shippedAt: clock.now() - 3 * 24 * HOUR, asked: false });
    clock.advance(MINUTE);
    expect((await evaluateSla(deps())).fired).toEqual({ firstScan: 0, stall: 0 });
    expect(notifications()).toEqual([]);
    // The partner answers: one parcel has no record at all (never picked up) — it fires at once, counted
    // from its ship time; the other comes with its whole trail, delivered — nothing to say about it.
    await mutations.run(ADMIN, 'test', (w) => {
      recordNoTrailYet(w, unasked.parcelId);
      w.audit({ entityType: 'logistics', entityId: 'poll', action: 'poll-run' }); // as the poller's pass does
    });
    await carrierEvent(history, clock.now() - 3 * 24 * HOUR + HOUR, 'PICKED_UP');
    await carrierEvent(history, clock.now() - 24 * HOUR, 'DELIVERED', '3');
    clock.advance(MINUTE);
    const run = await evaluateSla(deps());
    expect(run.fired).toEqual({ firstScan: 1, stall: 1 });
    expect(listHits(db, { open: true }).rows.map((h) => [h.parcelId, h.rule, h.anchorAt])).toEqual(
      expect.arrayContaining([
        [unasked.parcelId, 'firstScan', clock.now() - 2 * MINUTE - 3 * 24 * HOUR],
        [unasked.parcelId, 'stall', clock.now() - 2 * MINUTE - 3 * 24 * HOUR],
      ]),
    );
    expect(listHits(db, {}).rows.some((h) => h.parcelId === history.parcelId)).toBe(false);
  });

  it('a first scan brings the red flag down; a scan in time never raises it', async () => {
    const late = await shipParcel();
    const onTime = await shipParcel();
    clock.advance(HOUR);
    await carrierEvent(onTime, clock.now() - 5 * MINUTE, 'PICKED_UP');
    clock.advance(HOUR + MINUTE);
    await evaluateSla(deps());
    expect(listHits(db, { open: true }).rows.map((h) => h.parcelId)).toEqual([late.parcelId]);
    await carrierEvent(late, clock.now() - MINUTE, 'PICKED_UP');
    clock.advance(MINUTE);
    const run = await evaluateSla(deps());
    expect(run.cleared).toBe(1);
    expect(listHits(db, { open: true }).rows).toEqual([]);
    expect(listHits(db, { open: false }).rows[0]).toMatchObject({ parcelId: late.parcelId, clearedBy: 'first-scan', clearedAt: clock.now() });
  });

  it('per-carrier override: SF must be scanned within 1 hour, others keep 2 hours', async () => {
    await settings({ overrides: [{ id: 'sf-1h', rule: 'firstScan', carrier: 'SF', thresholdMinutes: 60 }] });
    const sf = await shipParcel({ carrier: 'SF', waybillNo: 'SF7444407228423' });
    const yto = await shipParcel();
    clock.advance(61 * MINUTE);
    await evaluateSla(deps());
    const hits = listHits(db, {}).rows;
    expect(hits.map((h) => [h.parcelId, h.overrideId, h.thresholdMinutes])).toEqual([[sf.parcelId, 'sf-1h', 60]]);
    expect(hits[0]!.reason).toContain('按规则覆盖 sf-1h');
    clock.advance(60 * MINUTE);
    await evaluateSla(deps());
    expect(listHits(db, {}).rows.map((h) => h.parcelId)).toEqual([yto.parcelId, sf.parcelId]);
  });

  it('an override can switch a rule off for one warehouse channel combination; the most specific wins', async () => {
    await settings({
      overrides: [
        { id: 'douyin-3h', rule: 'firstScan', channel: 'douyin', thresholdMinutes: 180 },
        { id: 'douyin-yto-off', rule: 'firstScan', channel: 'douyin', carrier: 'YTO', enabled: false },
      ],
    });
    const dyYto = await shipParcel({ channel: 'douyin' });
    const dySf = await shipParcel({ channel: 'douyin', carrier: 'SF', waybillNo: 'SF7444407228424' });
    clock.advance(3 * HOUR + MINUTE);
    await evaluateSla(deps());
    expect(listHits(db, {}).rows.map((h) => [h.parcelId, h.overrideId])).toEqual([[dySf.parcelId, 'douyin-3h']]);
    expect(findDue(db, readSlaSettings(db), clock.now()).due.map((d) => d.parcel.id)).not.toContain(dyYto.parcelId);
  });

  it('business hours (off by default): a Friday 17:30 shipment is due Monday 10:30, Tuesday when Monday is a holiday', async () => {
    await settings({ rules: { firstScan: { businessHoursOnly: true } }, calendar: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: ['2026-11-30'] } });
    clock.set(bj(2026, 11, 27, 17, 30));
    const p = await shipParcel();
    clock.set(bj(2026, 11, 28, 12)); // Saturday: wall time 18.5 h later, business time 30 min
    expect((await evaluateSla(deps())).fired.firstScan).toBe(0);
    clock.set(bj(2026, 12, 1, 10, 29)); // Tuesday (Monday was a holiday)
    expect((await evaluateSla(deps())).fired.firstScan).toBe(0);
    clock.set(bj(2026, 12, 1, 10, 31));
    expect((await evaluateSla(deps())).fired.firstScan).toBe(1);
    const [hit] = listHits(db, {}).rows;
    expect(hit).toMatchObject({ parcelId: p.parcelId, businessHoursOnly: true, deadlineAt: bj(2026, 12, 1, 10, 30) });
    expect(hit!.reason).toContain('仅计工作时间');
  });

  it('business hours with a make-up working Saturday (调休) count that Saturday', async () => {
    await settings({ rules: { firstScan: { businessHoursOnly: true } }, calendar: { extraWorkdays: ['2026-11-28'] } });
    clock.set(bj(2026, 11, 27, 17, 30));
    await shipParcel();
    clock.set(bj(2026, 11, 28, 10, 31));
    expect((await evaluateSla(deps())).fired.firstScan).toBe(1);
  });
});

describe('stall rule', () => {
  it('24 h without a new carrier event: customer SMS, exception ticket for after-sales; once per episode; re-armed by a new event', async () => {
    clock.set(bj(2026, 11, 25, 9));
    const p = await shipParcel();
    await carrierEvent(p, bj(2026, 11, 25, 10), 'PICKED_UP');
    clock.set(bj(2026, 11, 26, 10, 1));
    const run = await evaluateSla(deps());
    expect(run).toMatchObject({ fired: { stall: 1 }, tickets: 1 });
    const [hit] = listHits(db, { rule: 'stall' }).rows;
    expect(hit).toMatchObject({ anchorField: 'last_event_at', anchorAt: bj(2026, 11, 25, 10), deadlineAt: bj(2026, 11, 26, 10), thresholdMinutes: 1440 });
    expect(hit!.reason).toContain('24 小时无新物流轨迹');
    expect(hit!.actions.map((a) => [a.kind, a.skipped === null])).toEqual([
      ['ticket', true],
      ['sms', true],
      ['site-message', false],
    ]);
    const sms = notifications().filter((n) => n.channel === 'sms');
    expect(sms).toMatchObject([{ template: 'logistics.stalled.customer', recipient: '13812345678', not_before: clock.now() }]);
    const tickets = listTickets(db, {}, clock.now());
    expect(tickets.rows).toMatchObject([{ type: 'stalled', ownerGroup: 'after_sales', status: 'open', origin: 'rule', hitId: hit!.id, parcel: { parcelId: p.parcelId }, order: { orderId: p.orderId }, dueAt: clock.now() + 24 * HOUR, overdue: false }]);
    // the after-sales group's console inbox hears about the ticket
    expect(notifications().some((n) => n.template === 'exceptions.ticketOpened' && n.recipient === 'role:cs')).toBe(true);

    clock.advance(10 * MINUTE);
    expect((await evaluateSla(deps())).fired.stall).toBe(0);

    // A new event: the episode ends, the clock restarts from it.
    await carrierEvent(p, bj(2026, 11, 26, 11), 'IN_TRANSIT');
    clock.set(bj(2026, 11, 26, 11, 5));
    expect((await evaluateSla(deps())).cleared).toBe(1);
    clock.set(bj(2026, 11, 27, 10, 59));
    expect((await evaluateSla(deps())).fired.stall).toBe(0);
    clock.set(bj(2026, 11, 27, 11, 1));
    expect(await evaluateSla(deps())).toMatchObject({ fired: { stall: 1 }, tickets: 0 });
    // Stalled again while the first ticket is still open: commented, not a second ticket; a second SMS.
    const after = listTickets(db, {}, clock.now());
    expect(after.total).toBe(1);
    expect(after.rows[0]!.commentCount).toBe(2);
    expect(notifications().filter((n) => n.channel === 'sms')).toHaveLength(2);
  });

  it('customer quiet hours: a stall found at 23:30 queues the SMS until 08:00 (notBefore), the ticket opens at once', async () => {
    clock.set(bj(2026, 11, 25, 22));
    const p = await shipParcel();
    await carrierEvent(p, bj(2026, 11, 25, 23, 29), 'PICKED_UP');
    clock.set(bj(2026, 11, 26, 23, 30));
    await evaluateSla(deps());
    const sms = notifications().find((n) => n.channel === 'sms')!;
    expect(sms.not_before).toBe(bj(2026, 11, 27, 8));
    expect(listHits(db, { rule: 'stall' }).rows[0]!.actions.find((a) => a.kind === 'sms')!.notBefore).toBe(bj(2026, 11, 27, 8));
    expect(listTickets(db, {}, clock.now()).rows[0]!.createdAt).toBe(bj(2026, 11, 26, 23, 30));
  });

  it('a parcel never scanned stalls from its ship time; a masked phone is a recorded skip, not a lost hit', async () => {
    const p = await shipParcel({ phone: '138****5678' });
    clock.advance(24 * HOUR + MINUTE);
    const run = await evaluateSla(deps());
    expect(run.fired).toEqual({ firstScan: 1, stall: 1 });
    const stall = listHits(db, { rule: 'stall' }).rows[0]!;
    expect(stall).toMatchObject({ parcelId: p.parcelId, anchorField: 'shipped_at' });
    expect(stall.actions.find((a) => a.kind === 'sms')!.skipped).toMatch(/no usable mainland mobile/);
    expect(listTickets(db, {}, clock.now()).total).toBe(1);
  });

  it('delivered and returned parcels never fire, however long they stay quiet', async () => {
    const delivered = await shipParcel();
    const returned = await shipParcel();
    await carrierEvent(delivered, clock.now() + 30 * MINUTE, 'PICKED_UP');
    await carrierEvent(delivered, clock.now() + HOUR, 'DELIVERED', '3');
    await carrierEvent(returned, clock.now() + 30 * MINUTE, 'PICKED_UP');
    await carrierEvent(returned, clock.now() + HOUR, 'RETURNED', '4');
    for (let day = 1; day <= 10; day++) {
      clock.advance(24 * HOUR);
      const run = await evaluateSla(deps());
      expect(run.fired).toEqual({ firstScan: 0, stall: 0 });
    }
    expect(listHits(db, {}).rows).toEqual([]);
    expect(notifications()).toEqual([]);
  });

  it('draws the deadlines for the trail: first scan met, stall clock running from the last event', async () => {
    const p = await shipParcel();
    const shippedAt = clock.now();
    await carrierEvent(p, shippedAt + 30 * MINUTE, 'PICKED_UP');
    clock.advance(HOUR);
    const [d] = parcelDeadlines(db, readSlaSettings(db), [p.parcelId], clock.now());
    expect(d!.deadlines).toEqual([
      expect.objectContaining({ rule: 'firstScan', anchorAt: shippedAt, deadlineAt: shippedAt + 2 * HOUR, status: 'met' }),
      expect.objectContaining({ rule: 'stall', anchorField: 'last_event_at', anchorAt: shippedAt + 30 * MINUTE, deadlineAt: shippedAt + 30 * MINUTE + 24 * HOUR, status: 'pending' }),
    ]);
  });
});

describe('evaluation stays cheap', () => {
  it('scans index ranges only (query plans name the partial and state indexes, never a full parcels scan)', () => {
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    const hitCheck = "AND NOT EXISTS (SELECT 1 FROM sla_hits h WHERE h.parcel_id = p.id AND h.rule = 'stall' AND h.anchor_at = p.last_event_at)";
    expect(plan('SELECT p.id FROM parcels p WHERE p.first_scan_at IS NULL AND p.shipped_at BETWEEN ? AND ?', 0, 1)).toMatch(/USING INDEX parcels_unscanned/);
    expect(plan('SELECT p.id FROM parcels p WHERE p.last_event_at IS NULL AND p.shipped_at BETWEEN ? AND ?', 0, 1)).toMatch(/USING INDEX parcels_silent/);
    const stall = plan(`SELECT p.id FROM parcels p WHERE p.state = ? AND p.last_event_at BETWEEN ? AND ? ${hitCheck}`, 'IN_TRANSIT', 0, 1);
    expect(stall).toMatch(/USING (COVERING )?INDEX parcels_state/);
    expect(stall).toMatch(/SEARCH h USING (COVERING )?INDEX sqlite_autoindex_sla_hits_1/);
    expect(stall).not.toMatch(/\bSCAN p\b/);
  });
});
