/**
 * Parcel discovery: every order shipment becomes a followed parcel. Decision: a scan job with a
 * cursor on shipments.id, not a hook inside order ingestion — orders/ingest.ts belongs to the orders
 * module and is shared by every connector, import and push, and a scan also picks up shipments
 * written before logistics existed. Shipments are only ever inserted (ids grow), so the cursor sees
 * each exactly once; the engine runs the scan after every committed 'orders/changed' and each minute.
 */
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import { followParcel } from './follow.js';

export const DISCOVERY_CURSOR_KEY = 'logistics.discovery.cursor';
const SYSTEM = { type: 'system' as const, id: 'logistics', name: '物流跟踪' };

export function discoverParcelsIn(w: WriteContext, limit = 2000): { scanned: number; followed: number; cursor: number } {
  const row = w.db.prepare('SELECT value FROM settings WHERE key = ?').get(DISCOVERY_CURSOR_KEY) as { value: string } | undefined;
  const from = row ? Number(row.value) : 0;
  const shipments = w.db.prepare('SELECT id, order_id, carrier, waybill_no, shipped_at FROM shipments WHERE id > ? ORDER BY id LIMIT ?').all(from, limit) as Array<{ id: number; order_id: number; carrier: string; waybill_no: string; shipped_at: number }>;
  if (shipments.length === 0) return { scanned: 0, followed: 0, cursor: from };
  let followed = 0;
  for (const sh of shipments) {
    if (!sh.waybill_no.trim()) continue;
    if (followParcel(w, { orderId: sh.order_id, carrier: sh.carrier, waybillNo: sh.waybill_no, shippedAt: sh.shipped_at, shipmentId: sh.id }).linked) followed++;
  }
  const cursor = shipments[shipments.length - 1]!.id;
  w.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DISCOVERY_CURSOR_KEY, String(cursor));
  w.audit({ entityType: 'logistics', entityId: 'discovery', action: 'parcels-discovered', changes: [{ field: 'cursor', before: from, after: cursor }, { field: 'followed', before: null, after: followed }] });
  return { scanned: shipments.length, followed, cursor };
}

/** Runs batches until no shipment is left behind the cursor. */
export async function discoverParcels(mutations: MutationQueue): Promise<{ followed: number }> {
  let followed = 0;
  for (;;) {
    const r = await mutations.run(SYSTEM, 'logistics:discovery', (w) => discoverParcelsIn(w));
    followed += r.followed;
    if (r.scanned === 0) return { followed };
  }
}
