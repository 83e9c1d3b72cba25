/** Reading rule hits ("why did it fire") and the deadlines drawn on an order's logistics trail. */
import type { ParcelDeadlines, SlaDeadline, SlaHitAction, SlaHitInfo, SlaHitQuery, SlaRuleId, SlaSettings } from '../../contract/logistics-exceptions.js';
import type { TrackingState } from '../../contract/logistics.js';
import type { Db } from '../../store/db.js';
import { TERMINAL_STATES } from '../taxonomy.js';
import { deadlineOf } from './calendar.js';
import type { CandidateParcel } from './fire.js';
import { effectiveRule } from './resolve.js';

interface HitRow {
  id: number;
  parcel_id: number;
  rule: SlaRuleId;
  anchor_field: 'shipped_at' | 'last_event_at';
  anchor_at: number;
  threshold_minutes: number;
  business_hours: number;
  override_id: string | null;
  deadline_at: number;
  fired_at: number;
  state: TrackingState;
  reason: string;
  actions: string;
  ticket_id: number | null;
  cleared_at: number | null;
  cleared_by: string | null;
  carrier: string;
  waybill_no: string;
}

function ordersOf(db: Db, parcelIds: number[]): Map<number, SlaHitInfo['orders']> {
  const out = new Map<number, SlaHitInfo['orders']>();
  const stmt = db.prepare('SELECT o.id, o.platform_order_id FROM parcel_orders po JOIN orders o ON o.id = po.order_id WHERE po.parcel_id = ? ORDER BY o.id');
  for (const id of new Set(parcelIds)) out.set(id, (stmt.all(id) as Array<{ id: number; platform_order_id: string }>).map((o) => ({ orderId: o.id, platformOrderId: o.platform_order_id })));
  return out;
}

function toInfo(r: HitRow, orders: SlaHitInfo['orders']): SlaHitInfo {
  return {
    id: r.id,
    rule: r.rule,
    parcelId: r.parcel_id,
    carrier: r.carrier,
    waybillNo: r.waybill_no,
    orders,
    anchorField: r.anchor_field,
    anchorAt: r.anchor_at,
    thresholdMinutes: r.threshold_minutes,
    businessHoursOnly: r.business_hours === 1,
    overrideId: r.override_id,
    deadlineAt: r.deadline_at,
    firedAt: r.fired_at,
    state: r.state,
    reason: r.reason,
    actions: JSON.parse(r.actions) as SlaHitAction[],
    clearedAt: r.cleared_at,
    clearedBy: r.cleared_by,
    ticketId: r.ticket_id,
  };
}

export function listHits(db: Db, query: SlaHitQuery): { rows: SlaHitInfo[]; open: Record<SlaRuleId, number> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit ?? 200 };
  if (query.rule) {
    where.push('h.rule = @rule');
    params.rule = query.rule;
  }
  if (query.open !== undefined) where.push(query.open ? 'h.cleared_at IS NULL' : 'h.cleared_at IS NOT NULL');
  if (query.parcelIds) {
    where.push('h.parcel_id IN (SELECT value FROM json_each(@parcelIds))');
    params.parcelIds = JSON.stringify(query.parcelIds);
  }
  if (query.orderId) {
    where.push('h.parcel_id IN (SELECT parcel_id FROM parcel_orders WHERE order_id = @orderId)');
    params.orderId = query.orderId;
  }
  if (query.beforeId) {
    where.push('h.id < @beforeId');
    params.beforeId = query.beforeId;
  }
  const rows = db
    .prepare(`SELECT h.*, p.carrier, p.waybill_no FROM sla_hits h JOIN parcels p ON p.id = h.parcel_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.id DESC LIMIT @limit`)
    .all(params) as HitRow[];
  const orders = ordersOf(db, rows.map((r) => r.parcel_id));
  const open = { firstScan: 0, stall: 0 };
  for (const c of db.prepare('SELECT rule, count(*) AS n FROM sla_hits WHERE cleared_at IS NULL GROUP BY rule').all() as Array<{ rule: SlaRuleId; n: number }>) open[c.rule] = c.n;
  return { rows: rows.map((r) => toInfo(r, orders.get(r.parcel_id) ?? [])), open };
}

/** The parcel columns the rules read: the same row the evaluation fires on. */
type ParcelRow = CandidateParcel;

/** The two clocks of a parcel as they stand now, for drawing on its trail. */
export function parcelDeadlines(db: Db, settings: SlaSettings, parcelIds: number[], now: number): ParcelDeadlines[] {
  if (parcelIds.length === 0) return [];
  const parcels = db.prepare('SELECT id, carrier, waybill_no, shipped_at, state, first_scan_at, last_event_at, warehouse, channel FROM parcels WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(parcelIds)) as ParcelRow[];
  const { rows: hits } = listHits(db, { parcelIds, limit: 500 });
  return parcels.map((p) => {
    const first = effectiveRule(settings, 'firstScan', p);
    const stall = effectiveRule(settings, 'stall', p);
    const firstDeadline = deadlineOf(p.shipped_at, first.thresholdMinutes, first.businessHoursOnly, settings.calendar);
    const stallAnchor = p.last_event_at ?? p.shipped_at;
    const stallDeadline = deadlineOf(stallAnchor, stall.thresholdMinutes, stall.businessHoursOnly, settings.calendar);
    const firstHit = hits.some((h) => h.parcelId === p.id && h.rule === 'firstScan');
    const stallHit = hits.some((h) => h.parcelId === p.id && h.rule === 'stall' && h.anchorAt === stallAnchor);
    const deadlines: SlaDeadline[] = [
      {
        rule: 'firstScan',
        enabled: first.enabled,
        anchorField: 'shipped_at',
        anchorAt: p.shipped_at,
        deadlineAt: firstDeadline,
        thresholdMinutes: first.thresholdMinutes,
        businessHoursOnly: first.businessHoursOnly,
        overrideId: first.overrideId,
        status: !first.enabled ? 'off' : p.first_scan_at !== null ? (p.first_scan_at <= firstDeadline ? 'met' : 'missed') : firstHit || firstDeadline <= now ? 'missed' : TERMINAL_STATES.has(p.state) ? 'off' : 'pending',
      },
      {
        rule: 'stall',
        enabled: stall.enabled,
        anchorField: p.last_event_at !== null ? 'last_event_at' : 'shipped_at',
        anchorAt: stallAnchor,
        deadlineAt: stallDeadline,
        thresholdMinutes: stall.thresholdMinutes,
        businessHoursOnly: stall.businessHoursOnly,
        overrideId: stall.overrideId,
        status: !stall.enabled || settings.stallIgnoredStates.includes(p.state) ? 'off' : stallHit || stallDeadline <= now ? 'missed' : 'pending',
      },
    ];
    return { parcelId: p.id, deadlines, hits: hits.filter((h) => h.parcelId === p.id) };
  });
}

/** The parcels of an order (parcel_orders, 0003). */
export function parcelIdsOfOrder(db: Db, orderId: number): number[] {
  return (db.prepare('SELECT parcel_id AS id FROM parcel_orders WHERE order_id = ? ORDER BY parcel_id').all(orderId) as Array<{ id: number }>).map((r) => r.id);
}
