/**
 * Re-applying a shop's mapping to the orders it already has: each order's stored raw payload (the
 * version last applied) is normalised again with the current mapping and written through the same
 * exactly-once ingestion a pull uses (`ingestOrder`), as the operator, in audited batches. A line
 * whose platform SKU changes is re-resolved through the SKU mapping table; an order whose payload
 * cannot be read again (imported, or rejected now) is counted as skipped and left as it is.
 * Like any platform update, it replaces the platform-sourced fields an operator may have edited.
 */
import type { Actor } from '../../contract/actors.js';
import type { FieldSources, MappingReapplyResult } from '../../contract/mapping.js';
import type { Channel } from '../../contract/orders.js';
import { readRawPayload } from '../../audit/raw-payloads.js';
import type { MutationQueue } from '../../kernel/mutation.js';
import { ingestOrder } from '../../orders/ingest.js';
import { orderInputSchema } from '../../orders/validate-input.js';
import type { Db } from '../../store/db.js';
import { normaliseSample } from './normalise-sample.js';

const BATCH = 200;

export async function reapplyMapping(db: Db, mutations: MutationQueue, actor: Actor, source: string, shop: { id: string; channel: Channel }, sources: FieldSources): Promise<MappingReapplyResult> {
  const ids = db.prepare('SELECT id, platform_order_id, raw_payload_id FROM orders WHERE channel = ? AND shop_id = ? ORDER BY id').all(shop.channel, shop.id) as Array<{ id: number; platform_order_id: string; raw_payload_id: number | null }>;
  const result: MappingReapplyResult = { considered: ids.length, updated: 0, unchanged: 0, skipped: 0 };
  for (let i = 0; i < ids.length; i += BATCH) {
    await mutations.run(actor, source, (w) => {
      for (const row of ids.slice(i, i + BATCH)) {
        const raw = row.raw_payload_id === null ? null : readRawPayload(w.db, row.raw_payload_id);
        const outcome = raw && raw.contentType.includes('json') ? normaliseSample(shop.channel, raw.body, shop.id, sources) : null;
        if (!outcome || outcome.kind !== 'order' || outcome.order.platformOrderId !== row.platform_order_id || !orderInputSchema.safeParse(outcome.order).success) {
          result.skipped++;
          continue;
        }
        const written = ingestOrder(w, outcome.order);
        if (written.kind === 'updated') result.updated++;
        else result.unchanged++;
      }
    });
  }
  await mutations.run(actor, source, (w) =>
    w.audit({ entityType: 'shop', entityId: shop.id, action: 'field-mapping-reapplied', reason: `Re-applied the field mapping to ${result.considered} order(s): ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped.` }),
  );
  return result;
}
