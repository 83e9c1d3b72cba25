/** The logistics tables (0003_logistics.sql): parcels, their order links, trail events, unknown codes. */
import type { ParcelInfo, ParcelOrderRef, ParcelSubscription, TrackingEventInfo, TrackingSourceName, UnknownCarrierCodeInfo } from '../contract/logistics.js';
import type { Db, Statement } from '../store/db.js';
import { carrierInfo } from './carriers.js';
import type { TrackingState } from './taxonomy.js';

export interface ParcelDbRow {
  id: number;
  carrier: string;
  waybill_no: string;
  shipped_at: number;
  state: TrackingState;
  state_at: number | null;
  progress_state: TrackingState;
  first_scan_at: number | null;
  last_event_at: number | null;
  last_received_at: number | null;
  event_count: number;
  unknown_event_count: number;
  phone_tail: string | null;
  channel: string | null;
  warehouse: string | null;
  partner: string | null;
  subscription: ParcelSubscription;
  next_poll_at: number | null;
  subscribed_at: number | null;
  poll_failures: number;
  last_error_kind: string | null;
  last_error: string | null;
  last_error_at: number | null;
  corrected_from: string | null;
  created_at: number;
  updated_at: number;
}

export interface EventDbRow {
  id: number;
  parcel_id: number;
  occurred_at: number;
  partner: string;
  partner_status: string;
  state: TrackingState | null;
  description: string;
  location: string | null;
  source: TrackingSourceName;
  received_at: number;
  raw_payload_id: number | null;
  applied: number;
  unknown_code: number;
  dedupe_key: string;
}

export interface LogisticsStatements {
  parcelByKey: Statement;
  parcelById: Statement;
  insertParcel: Statement;
  linkOrder: Statement;
  ordersOf: Statement;
  parcelIdsOfOrder: Statement;
  eventExists: Statement;
  keysOf: Statement;
  insertEvent: Statement;
  updateAfterIngest: Statement;
  upsertUnknown: Statement;
  eventsOf: Statement;
  stopPolling: Statement;
  endSubscription: Statement;
}

const cache = new WeakMap<Db, LogisticsStatements>();

export function logisticsStatements(db: Db): LogisticsStatements {
  let s = cache.get(db);
  if (s) return s;
  s = {
    parcelByKey: db.prepare('SELECT * FROM parcels WHERE carrier = ? AND waybill_no = ?'),
    parcelById: db.prepare('SELECT * FROM parcels WHERE id = ?'),
    insertParcel: db.prepare(
      `INSERT INTO parcels (carrier, waybill_no, shipped_at, phone_tail, channel, warehouse, partner, next_poll_at, created_at, updated_at)
       VALUES (@carrier, @waybill_no, @shipped_at, @phone_tail, @channel, @warehouse, @partner, @next_poll_at, @at, @at)`,
    ),
    linkOrder: db.prepare('INSERT OR IGNORE INTO parcel_orders (parcel_id, order_id, shipment_id) VALUES (?, ?, ?)'),
    ordersOf: db.prepare(
      `SELECT o.id AS orderId, o.channel AS channel, o.shop_id AS shopId, o.platform_order_id AS platformOrderId
       FROM parcel_orders po JOIN orders o ON o.id = po.order_id WHERE po.parcel_id = ? ORDER BY o.id`,
    ),
    parcelIdsOfOrder: db.prepare('SELECT parcel_id AS id FROM parcel_orders WHERE order_id = ? ORDER BY parcel_id'),
    eventExists: db.prepare('SELECT 1 FROM tracking_events WHERE parcel_id = ? AND dedupe_key = ?'),
    keysOf: db.prepare('SELECT dedupe_key FROM tracking_events WHERE parcel_id = ?').pluck(),
    insertEvent: db.prepare(
      `INSERT INTO tracking_events (parcel_id, occurred_at, partner, partner_status, state, description, location, source, received_at, raw_payload_id, applied, unknown_code, dedupe_key)
       VALUES (@parcel_id, @occurred_at, @partner, @partner_status, @state, @description, @location, @source, @received_at, @raw_payload_id, @applied, @unknown_code, @dedupe_key)`,
    ),
    updateAfterIngest: db.prepare(
      `UPDATE parcels SET state = @state, state_at = @state_at, progress_state = @progress_state, first_scan_at = @first_scan_at,
         last_event_at = @last_event_at, last_received_at = @last_received_at, event_count = event_count + @added,
         unknown_event_count = unknown_event_count + @unknown_added, updated_at = @at
       WHERE id = @id`,
    ),
    upsertUnknown: db.prepare(
      `INSERT INTO unknown_carrier_codes (partner, code, first_seen_at, last_seen_at, occurrences, sample_waybill, sample_description)
       VALUES (?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (partner, code) DO UPDATE SET last_seen_at = excluded.last_seen_at, occurrences = occurrences + 1`,
    ),
    eventsOf: db.prepare('SELECT * FROM tracking_events WHERE parcel_id = ? ORDER BY occurred_at, id'),
    stopPolling: db.prepare('UPDATE parcels SET next_poll_at = NULL WHERE id = ? AND next_poll_at IS NOT NULL'),
    endSubscription: db.prepare("UPDATE parcels SET subscription = 'ended', updated_at = ? WHERE id = ?"),
  };
  cache.set(db, s);
  return s;
}

export function toParcelInfo(row: ParcelDbRow, orders: ParcelOrderRef[]): ParcelInfo {
  return {
    id: row.id,
    carrier: row.carrier,
    carrierName: carrierInfo(row.carrier)?.nameZh ?? row.carrier,
    waybillNo: row.waybill_no,
    state: row.state,
    stateAt: row.state_at,
    shippedAt: row.shipped_at,
    firstScanAt: row.first_scan_at,
    lastEventAt: row.last_event_at,
    lastReceivedAt: row.last_received_at,
    eventCount: row.event_count,
    unknownEventCount: row.unknown_event_count,
    channel: row.channel,
    warehouse: row.warehouse,
    partner: row.partner as ParcelInfo['partner'],
    subscription: row.subscription,
    nextPollAt: row.next_poll_at,
    pollFailures: row.poll_failures,
    lastError: row.last_error && row.last_error_at !== null ? { kind: row.last_error_kind ?? 'unknown', message: row.last_error, at: row.last_error_at } : null,
    carrierCorrectedFrom: row.corrected_from,
    orders,
  };
}

export function toEventInfo(row: EventDbRow): TrackingEventInfo {
  return {
    id: row.id,
    parcelId: row.parcel_id,
    occurredAt: row.occurred_at,
    state: row.state,
    partner: row.partner,
    partnerStatus: row.partner_status,
    description: row.description,
    location: row.location,
    source: row.source,
    receivedAt: row.received_at,
    rawPayloadId: row.raw_payload_id,
    applied: row.applied === 1,
    unknownCode: row.unknown_code === 1,
  };
}

export function parcelInfo(db: Db, id: number): ParcelInfo | null {
  const s = logisticsStatements(db);
  const row = s.parcelById.get(id) as ParcelDbRow | undefined;
  return row ? toParcelInfo(row, s.ordersOf.all(id) as ParcelOrderRef[]) : null;
}

export function listUnknownCodes(db: Db): UnknownCarrierCodeInfo[] {
  const rows = db.prepare('SELECT * FROM unknown_carrier_codes ORDER BY last_seen_at DESC, partner, code').all() as Array<{
    partner: string; code: string; first_seen_at: number; last_seen_at: number; occurrences: number; sample_waybill: string; sample_description: string;
  }>;
  return rows.map((r) => ({ partner: r.partner, code: r.code, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, occurrences: r.occurrences, sampleWaybill: r.sample_waybill, sampleDescription: r.sample_description }));
}
