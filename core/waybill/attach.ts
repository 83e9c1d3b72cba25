/**
 * The write of a confirmed waybill, in one audited transaction: the photo kept as evidence, the
 * shipment on the order (with its waybill list and search terms), the order moved to shipped when it
 * was still waiting for shipment, and the parcel followed by logistics.
 */
import type { FieldChange } from '../contract/audit.js';
import type { OrderStatus } from '../contract/orders.js';
import type { ReadingSource } from '../contract/waybill.js';
import { storeRawPayload } from '../audit/raw-payloads.js';
import type { WriteContext } from '../kernel/mutation.js';
import { followParcel } from '../logistics/follow.js';
import { applyOrderUpdate } from '../orders/ingest.js';
import type { OrderDbRow } from '../orders/rows.js';
import { canTransition } from '../orders/state-machine.js';
import type { PendingPhoto } from './photos.js';

export interface AttachRequest {
  orderId: number;
  waybillNo: string;
  carrier: string;
  source: ReadingSource;
  photo: PendingPhoto | null;
  /** What the agent confirmed, and the warnings they saw: kept in the audit reason. */
  note: string;
}

export function attachConfirmedWaybill(w: WriteContext, req: AttachRequest): { parcelId: number; photoPayloadId: number | null } {
  const order = w.db.prepare('SELECT * FROM orders WHERE id = ?').get(req.orderId) as OrderDbRow;
  const photoPayloadId = req.photo
    ? storeRawPayload(w.db, { source: `ocr:photo:${req.photo.fileName ?? req.photo.sha256.slice(0, 12)}`, contentType: `${req.photo.mime};base64`, body: req.photo.bytes.toString('base64'), receivedAt: w.at })
    : null;
  const inserted = w.db
    .prepare('INSERT INTO shipments (order_id, carrier, waybill_no, shipped_at, line_nos, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(order.id, req.carrier, req.waybillNo, w.at, '[]', w.at);
  const shipmentId = inserted.changes > 0 ? Number(inserted.lastInsertRowid) : null;
  const waybills = (w.db.prepare('SELECT waybill_no FROM shipments WHERE order_id = ? ORDER BY shipped_at, id').all(order.id) as Array<{ waybill_no: string }>).map((r) => r.waybill_no);
  const sets: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const waybillText = [...new Set(waybills)].join(' ');
  if (waybillText !== order.waybill_nos) {
    sets.waybill_nos = waybillText;
    changes.push({ field: 'waybillNos', before: order.waybill_nos, after: waybillText });
  }
  // The warehouse has shipped it: an order still waiting for shipment follows the parcel.
  const status = order.status as OrderStatus;
  if ((status === 'paid' || status === 'awaiting_shipment' || status === 'partially_shipped') && canTransition(status, 'shipped')) {
    sets.status = 'shipped';
    changes.push({ field: 'status', before: status, after: 'shipped' });
  }
  if (Object.keys(sets).length) applyOrderUpdate(w, order, { ...sets, updated_at: w.at });
  const followed = followParcel(w, { orderId: order.id, carrier: req.carrier, waybillNo: req.waybillNo, shippedAt: w.at, shipmentId });
  w.audit({
    entityType: 'order',
    entityId: order.id,
    action: 'waybill-attached',
    changes: [{ field: 'shipments', before: null, after: `${req.carrier}:${req.waybillNo}` }, ...changes],
    reason: `补推运单 (waybill re-push) · ${req.source === 'barcode' ? '条码识别' : req.source === 'text' ? '文字识别' : '人工录入'} · ${req.note}`,
    rawPayloadId: photoPayloadId,
  });
  w.emit('orders/changed', { ids: [order.id], source: w.source });
  return { parcelId: followed.parcelId, photoPayloadId };
}

export function detachWaybill(w: WriteContext, orderId: number, waybillNo: string, reason: string): boolean {
  const order = w.db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderDbRow | undefined;
  if (!order) return false;
  const removed = w.db.prepare('SELECT id, carrier FROM shipments WHERE order_id = ? AND waybill_no = ?').all(orderId, waybillNo) as Array<{ id: number; carrier: string }>;
  if (removed.length === 0) return false;
  w.db.prepare('DELETE FROM parcel_orders WHERE order_id = ? AND parcel_id IN (SELECT id FROM parcels WHERE waybill_no = ?)').run(orderId, waybillNo);
  w.db.prepare('DELETE FROM shipments WHERE order_id = ? AND waybill_no = ?').run(orderId, waybillNo);
  const waybills = (w.db.prepare('SELECT waybill_no FROM shipments WHERE order_id = ? ORDER BY shipped_at, id').all(orderId) as Array<{ waybill_no: string }>).map((r) => r.waybill_no);
  const waybillText = [...new Set(waybills)].join(' ');
  applyOrderUpdate(w, order, { waybill_nos: waybillText, updated_at: w.at });
  w.audit({
    entityType: 'order',
    entityId: orderId,
    action: 'waybill-detached',
    changes: [
      { field: 'shipments', before: removed.map((r) => `${r.carrier}:${waybillNo}`), after: null },
      { field: 'waybillNos', before: order.waybill_nos, after: waybillText },
    ],
    reason,
  });
  w.emit('orders/changed', { ids: [orderId], source: w.source });
  return true;
}
