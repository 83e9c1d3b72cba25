/** Read side of logistics: the parcels grid with counts per state, and an order's trails. */
import type { ParcelListResult, ParcelOrderRef, ParcelQuery, ParcelTrail } from '../contract/logistics.js';
import type { Db } from '../store/db.js';
import { logisticsStatements, toEventInfo, toParcelInfo, type EventDbRow, type ParcelDbRow } from './repo.js';
import { TRACKING_STATES, type TrackingState } from './taxonomy.js';
import { normaliseWaybillNo } from './waybill-patterns.js';

export function listParcels(db: Db, q: ParcelQuery): ParcelListResult {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.carrier) {
    where.push('p.carrier = ?');
    params.push(q.carrier);
  }
  if (q.channel) {
    where.push('p.channel = ?');
    params.push(q.channel);
  }
  if (q.waybillNo) {
    where.push('p.waybill_no LIKE ?');
    params.push(`${normaliseWaybillNo(q.waybillNo).replace(/[%_]/g, '')}%`);
  }
  if (q.orderId !== undefined) {
    where.push('p.id IN (SELECT parcel_id FROM parcel_orders WHERE order_id = ?)');
    params.push(q.orderId);
  }
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const counts = Object.fromEntries(TRACKING_STATES.map((s) => [s, 0])) as Record<TrackingState, number>;
  for (const r of db.prepare(`SELECT p.state AS state, COUNT(*) AS n FROM parcels p ${base} GROUP BY p.state`).all(...params) as Array<{ state: TrackingState; n: number }>) counts[r.state] = r.n;
  const states = q.state === undefined ? [] : Array.isArray(q.state) ? q.state : [q.state];
  const filtered = states.length ? `${base ? `${base} AND` : 'WHERE'} p.state IN (${states.map(() => '?').join(',')})` : base;
  const all = [...params, ...states];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM parcels p ${filtered}`).get(...all) as { n: number }).n;
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  const rows = db.prepare(`SELECT p.* FROM parcels p ${filtered} ORDER BY COALESCE(p.last_event_at, p.shipped_at) DESC, p.id DESC LIMIT ? OFFSET ?`).all(...all, limit, q.offset ?? 0) as ParcelDbRow[];
  const s = logisticsStatements(db);
  return { rows: rows.map((r) => toParcelInfo(r, s.ordersOf.all(r.id) as ParcelOrderRef[])), total, counts, untracked: untrackedParcels(db, base, params) };
}

/** Under way, never answered for (sla/evaluate.ts leaves them alone until a partner answers). */
function untrackedParcels(db: Db, base: string, params: unknown[]): ParcelListResult['untracked'] {
  const where = `${base ? `${base} AND` : 'WHERE'} p.last_received_at IS NULL AND p.state NOT IN ('DELIVERED', 'RETURNED')`;
  const count = (db.prepare(`SELECT COUNT(*) AS n FROM parcels p ${where}`).get(...params) as { n: number }).n;
  if (count === 0) return { count, commonError: null };
  const common = db.prepare(`SELECT p.last_error AS e, COUNT(*) AS n FROM parcels p ${where} AND p.last_error IS NOT NULL GROUP BY p.last_error ORDER BY n DESC LIMIT 1`).get(...params) as { e: string } | undefined;
  return { count, commonError: common?.e ?? null };
}

export function parcelTrail(db: Db, parcelId: number): ParcelTrail | null {
  const s = logisticsStatements(db);
  const row = s.parcelById.get(parcelId) as ParcelDbRow | undefined;
  if (!row) return null;
  return { parcel: toParcelInfo(row, s.ordersOf.all(row.id) as ParcelOrderRef[]), events: (s.eventsOf.all(row.id) as EventDbRow[]).map(toEventInfo) };
}

export function orderParcelIds(db: Db, orderId: number): number[] {
  return (logisticsStatements(db).parcelIdsOfOrder.all(orderId) as Array<{ id: number }>).map((r) => r.id);
}
