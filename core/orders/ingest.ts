/**
 * Exactly-once ingestion of one order (connectors, imports, demo): the same order seen twice changes
 * nothing; a newer platform modified time wins; an older one is recorded on the timeline and not
 * applied. Every change is one audited event with the raw payload linked.
 */
import type { FieldChange } from '../contract/audit.js';
import type { OrderInput } from '../contract/orders.js';
import { storeRawPayload } from '../audit/raw-payloads.js';
import type { WriteContext } from '../kernel/mutation.js';
import { auditValue, SOURCE_FIELDS } from './fields.js';
import { phoneTail } from './mask.js';
import type { LineDbRow, OrderDbRow, ShipmentDbRow } from './rows.js';
import { transitionError } from './state-machine.js';
import { orderStatements, searchTerms } from './statements.js';

export type IngestOutcome = { kind: 'inserted' | 'updated' | 'unchanged' | 'stale'; orderId: number };

export function ingestOrder(w: WriteContext, input: OrderInput): IngestOutcome {
  const s = orderStatements(w.db);
  const existing = s.byKey.get(input.channel, input.shopId, input.platformOrderId) as OrderDbRow | undefined;
  if (!existing) return { kind: 'inserted', orderId: insertOrder(w, input) };
  if (input.platformModifiedAt < existing.platform_modified_at) {
    const rawPayloadId = keepRaw(w, input);
    w.audit({
      entityType: 'order',
      entityId: existing.id,
      action: 'stale-update-ignored',
      reason: `The update was modified at ${new Date(input.platformModifiedAt).toISOString()}, older than the order's ${new Date(existing.platform_modified_at).toISOString()}; not applied.`,
      rawPayloadId,
    });
    return { kind: 'stale', orderId: existing.id };
  }
  return updateOrder(w, existing, input);
}

function keepRaw(w: WriteContext, input: OrderInput): number | null {
  return input.raw ? storeRawPayload(w.db, { source: w.source, contentType: input.raw.contentType, body: input.raw.body, receivedAt: w.at }) : null;
}

function resolveSku(w: WriteContext, input: OrderInput, platformSku: string, given: string | null | undefined): string | null {
  if (given) return given;
  const row = orderStatements(w.db).skuLookup.get(input.channel, platformSku) as { standard_sku: string } | undefined;
  return row?.standard_sku ?? null;
}

function insertLines(w: WriteContext, orderId: number, input: OrderInput): void {
  const s = orderStatements(w.db);
  input.lines.forEach((l, i) => {
    s.insertLine.run(orderId, i + 1, l.platformItemId ?? null, l.platformSku, resolveSku(w, input, l.platformSku, l.standardSku), l.title, l.quantity, l.unitPriceFen, l.amountFen);
  });
}

/** Adds parcels not yet known; returns the waybills added. */
function addShipments(w: WriteContext, orderId: number, input: OrderInput): string[] {
  const s = orderStatements(w.db);
  const added: string[] = [];
  for (const p of input.shipments ?? []) {
    const info = s.insertShipment.run(orderId, p.carrier, p.waybillNo, p.shippedAt, JSON.stringify(p.lineNos ?? []), w.at);
    if (info.changes > 0) added.push(`${p.carrier}:${p.waybillNo}`);
  }
  return added;
}

function insertOrder(w: WriteContext, input: OrderInput): number {
  const s = orderStatements(w.db);
  const rawPayloadId = keepRaw(w, input);
  const waybills = (input.shipments ?? []).map((p) => p.waybillNo).join(' ');
  const info = s.insertOrder.run({
    channel: input.channel,
    shop_id: input.shopId,
    platform_order_id: input.platformOrderId,
    status: input.status,
    platform_status: input.platformStatus ?? null,
    buyer_nick: input.buyerNick ?? null,
    receiver_name: input.receiver.name,
    receiver_phone: input.receiver.phone,
    receiver_phone_tail: phoneTail(input.receiver.phone),
    receiver_province: input.receiver.province,
    receiver_city: input.receiver.city,
    receiver_district: input.receiver.district,
    receiver_address: input.receiver.address,
    goods_fen: input.amounts.goodsFen,
    platform_discount_fen: input.amounts.platformDiscountFen,
    seller_discount_fen: input.amounts.sellerDiscountFen,
    shipping_fen: input.amounts.shippingFen,
    paid_fen: input.amounts.paidFen,
    platform_fee_fen: input.amounts.platformFeeFen,
    created_at: input.createdAt,
    paid_at: input.paidAt ?? null,
    ship_by_at: input.shipByAt ?? null,
    platform_modified_at: input.platformModifiedAt,
    updated_at: w.at,
    tags: JSON.stringify(input.tags ?? []),
    buyer_remark: input.buyerRemark ?? '',
    seller_remark: input.sellerRemark ?? '',
    waybill_nos: waybills,
    line_count: input.lines.length,
    raw_payload_id: rawPayloadId,
  });
  const orderId = Number(info.lastInsertRowid);
  insertLines(w, orderId, input);
  addShipments(w, orderId, input);
  s.insertSearch.run(orderId, searchTerms(input.platformOrderId, input.receiver.name, waybills));
  w.audit({
    entityType: 'order',
    entityId: orderId,
    action: 'create',
    changes: [
      { field: 'status', before: null, after: input.status },
      { field: 'paidFen', before: null, after: input.amounts.paidFen },
    ],
    rawPayloadId,
  });
  w.emit('orders/changed', { ids: [orderId], source: w.source });
  return orderId;
}

function linesKey(lines: Array<Pick<LineDbRow, 'platform_sku' | 'title' | 'quantity' | 'unit_price_fen' | 'amount_fen'>>): string {
  return JSON.stringify(lines.map((l) => [l.platform_sku, l.title, l.quantity, l.unit_price_fen, l.amount_fen]));
}

function updateOrder(w: WriteContext, existing: OrderDbRow, input: OrderInput): IngestOutcome {
  const s = orderStatements(w.db);
  const changes: FieldChange[] = [];
  const sets: Record<string, unknown> = {};
  let reason: string | null = null;
  for (const spec of SOURCE_FIELDS) {
    const after = spec.from(input);
    const before = existing[spec.column] as string | number | null;
    if (after === before) continue;
    if (spec.field === 'status') {
      const problem = transitionError(existing.status, input.status, 'reachable');
      if (problem) {
        reason = `Status ${input.status} from the source was not applied: ${problem}`;
        continue;
      }
    }
    changes.push({ field: spec.field, before: auditValue(spec.field, before), after: auditValue(spec.field, after) });
    sets[spec.column] = after;
  }
  const tags = [...new Set([...(JSON.parse(existing.tags) as string[]), ...(input.tags ?? [])])];
  if (tags.length !== (JSON.parse(existing.tags) as string[]).length) {
    changes.push({ field: 'tags', before: JSON.parse(existing.tags), after: tags });
    sets.tags = JSON.stringify(tags);
  }
  const oldLines = s.linesOf.all(existing.id) as LineDbRow[];
  const newLines = input.lines.map((l) => ({ platform_sku: l.platformSku, title: l.title, quantity: l.quantity, unit_price_fen: l.unitPriceFen, amount_fen: l.amountFen }));
  const linesChanged = linesKey(oldLines) !== linesKey(newLines);
  if (linesChanged) changes.push({ field: 'lines', before: oldLines.length, after: newLines.length });
  const addedParcels = addShipments(w, existing.id, input);
  if (addedParcels.length) changes.push({ field: 'shipments', before: null, after: addedParcels });
  // A rejected status seen again with the same modified time is the same news: record it once.
  if (changes.length === 0 && (!reason || input.platformModifiedAt === existing.platform_modified_at)) return { kind: 'unchanged', orderId: existing.id };

  const rawPayloadId = keepRaw(w, input);
  if (linesChanged) {
    s.deleteLines.run(existing.id);
    insertLines(w, existing.id, input);
    sets.line_count = input.lines.length;
  }
  if (sets.receiver_phone !== undefined) sets.receiver_phone_tail = phoneTail(String(sets.receiver_phone));
  if (addedParcels.length) {
    const all = (s.shipmentsOf.all(existing.id) as ShipmentDbRow[]).map((p) => p.waybill_no).join(' ');
    sets.waybill_nos = all;
  }
  Object.assign(sets, { platform_modified_at: input.platformModifiedAt, updated_at: w.at, raw_payload_id: rawPayloadId ?? existing.raw_payload_id });
  applyOrderUpdate(w, existing, sets);
  w.audit({ entityType: 'order', entityId: existing.id, action: changes.length ? 'update' : 'update-rejected', changes, reason, rawPayloadId });
  w.emit('orders/changed', { ids: [existing.id], source: w.source });
  return { kind: changes.length ? 'updated' : 'unchanged', orderId: existing.id };
}

/** One UPDATE for the changed columns, a version bump, and the search index kept in step. */
export function applyOrderUpdate(w: WriteContext, existing: OrderDbRow, sets: Record<string, unknown>): void {
  const columns = Object.keys(sets);
  if (columns.length === 0) return;
  const sql = `UPDATE orders SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, version = version + 1 WHERE id = @id`;
  w.db.prepare(sql).run({ ...sets, id: existing.id });
  if ('receiver_name' in sets || 'waybill_nos' in sets) {
    const s = orderStatements(w.db);
    s.deleteSearch.run(existing.id);
    s.insertSearch.run(existing.id, searchTerms(existing.platform_order_id, String(sets.receiver_name ?? existing.receiver_name), String(sets.waybill_nos ?? existing.waybill_nos)));
  }
}
