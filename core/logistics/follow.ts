/**
 * Following a parcel: an order's shipment (or a waybill an operator or OCR attached) becomes a parcel
 * the engine tracks. One parcel may carry several orders; the link is by id (parcel_orders) so a
 * carrier corrected later by the aggregator does not lose its orders.
 */
import type { WriteContext } from '../kernel/mutation.js';
import { carrierInfo, carriersNamedIn } from './carriers.js';
import { logisticsStatements, type ParcelDbRow } from './repo.js';
import { detectCarrier, normaliseWaybillNo } from './waybill-patterns.js';

export interface FollowRequest {
  orderId: number;
  /** As the platform or operator gave it; an unknown code is resolved from the number when it is clear. */
  carrier: string | null;
  waybillNo: string;
  /** The "logistics sync timestamp" (shipment shipped_at); defaults to now. */
  shippedAt?: number;
  shipmentId?: number | null;
  warehouse?: string | null;
}

export interface FollowOutcome {
  parcelId: number;
  created: boolean;
  linked: boolean;
  carrier: string;
  waybillNo: string;
  /** Set when the number fits no pattern of the carrier: a warning, never a rejection. */
  warning: string | null;
}

/** How sure the waybill pattern must be before it names a carrier the platform did not (waybill-patterns.ts). */
const DETECT_MIN_CONFIDENCE = 0.9;

export function resolveCarrier(given: string | null, waybillNo: string): { carrier: string; warning: string | null } {
  const check = detectCarrier(waybillNo);
  const known = given && carrierInfo(given.toUpperCase()) ? given.toUpperCase() : given ? carriersNamedIn(given)[0] ?? null : null;
  if (known) {
    const fits = check.guesses.some((g) => g.carrier === known);
    return { carrier: known, warning: fits ? null : check.warning ?? `运单号不像${carrierInfo(known)?.nameZh ?? known}的单号 (number does not fit ${known}'s patterns)` };
  }
  const best = check.guesses[0];
  if (best && best.confidence >= DETECT_MIN_CONFIDENCE) return { carrier: best.carrier, warning: null };
  // Nothing certain: keep what was given; the aggregator's own detection (autoCom) corrects it later.
  return { carrier: (given ?? best?.carrier ?? 'UNKNOWN').slice(0, 32), warning: check.warning ?? '快递公司未识别 (carrier not recognised)' };
}

/** Follow a waybill for an order inside the caller's write; also `attachWaybill` for the OCR re-push flow. */
export function followParcel(w: WriteContext, req: FollowRequest): FollowOutcome {
  const s = logisticsStatements(w.db);
  const waybillNo = normaliseWaybillNo(req.waybillNo);
  const { carrier, warning } = resolveCarrier(req.carrier, waybillNo);
  const order = w.db.prepare('SELECT id, channel, receiver_phone_tail FROM orders WHERE id = ?').get(req.orderId) as { id: number; channel: string; receiver_phone_tail: string } | undefined;
  if (!order) throw new Error(`No order ${req.orderId}.`);
  const shippedAt = req.shippedAt ?? w.at;
  let parcel = s.parcelByKey.get(carrier, waybillNo) as ParcelDbRow | undefined;
  let created = false;
  if (!parcel) {
    // Due at once: the poller subscribes it (or queries it) on its next tick.
    const info = s.insertParcel.run({ carrier, waybill_no: waybillNo, shipped_at: shippedAt, phone_tail: order.receiver_phone_tail || null, channel: order.channel, warehouse: req.warehouse ?? null, partner: null, next_poll_at: w.at, at: w.at });
    parcel = s.parcelById.get(Number(info.lastInsertRowid)) as ParcelDbRow;
    created = true;
  } else if ((s.ordersOf.all(parcel.id) as unknown[]).length === 0) {
    // Created by a push before the order's shipment was known: the shipment's time is the real sync time.
    w.db.prepare('UPDATE parcels SET shipped_at = ?, phone_tail = COALESCE(phone_tail, ?), channel = COALESCE(channel, ?), next_poll_at = COALESCE(next_poll_at, ?), updated_at = ? WHERE id = ?')
      .run(shippedAt, order.receiver_phone_tail || null, order.channel, w.at, w.at, parcel.id);
  }
  const linked = s.linkOrder.run(parcel.id, order.id, req.shipmentId ?? null).changes > 0;
  if (linked) {
    w.audit({
      entityType: 'order', entityId: order.id, action: 'logistics-followed',
      changes: [{ field: 'logistics.parcel', before: null, after: { parcelId: parcel.id, carrier, waybillNo, state: parcel.state } }],
      reason: warning,
    });
  }
  return { parcelId: parcel.id, created, linked, carrier, waybillNo, warning };
}

export const attachWaybill = followParcel;
