/**
 * What a proposed mapping makes of the sample: the connector's own normalisation (normalise-sample.ts)
 * and then the real ingestion (`ingestOrder`, which resolves standard SKUs through the SKU mapping
 * table) inside a transaction that is always rolled back (MutationQueue.simulate): nothing is
 * written, audited or announced, and the lines shown are the lines a pull would store.
 */
import type { Actor } from '../../contract/actors.js';
import type { FieldSources, MappingPreview, MappingPreviewLine } from '../../contract/mapping.js';
import type { Channel, OrderInput } from '../../contract/orders.js';
import type { MutationQueue } from '../../kernel/mutation.js';
import { ingestOrder } from '../../orders/ingest.js';
import { orderInputSchema } from '../../orders/validate-input.js';
import { normaliseSample } from './normalise-sample.js';

interface LineRow {
  line_no: number;
  platform_sku: string;
  standard_sku: string | null;
  title: string;
  quantity: number;
  unit_price_fen: number;
  amount_fen: number;
}

/** The preview order is ingested under its own key, so an order already stored is neither matched nor touched. */
export const PREVIEW_ORDER_PREFIX = 'mapping-preview:';

export async function previewMapping(mutations: MutationQueue, actor: Actor, shop: { id: string; channel: Channel }, raw: string, sources: FieldSources): Promise<MappingPreview> {
  const outcome = normaliseSample(shop.channel, raw, shop.id, sources);
  const empty = { effective: sources, order: null, lines: [], unmappedLines: 0 };
  if (outcome.kind === 'unknown-status') return { kind: 'unknown-status', message: `platform status "${outcome.status}" is not in the ${shop.channel} status table; such an order is flagged, not applied`, ...empty };
  if (outcome.kind === 'rejected') return { kind: 'rejected', message: outcome.message, ...empty };
  const order: OrderInput = outcome.order;
  // The sync runner refuses what the order schema refuses (runner.ts writePage); so does the preview.
  const gate = orderInputSchema.safeParse(order);
  if (!gate.success) return { kind: 'rejected', message: gate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), ...empty };
  const rows = await mutations.simulate(actor, `mapping-preview:${shop.id}`, (w) => {
    const { orderId } = ingestOrder(w, { ...order, platformOrderId: `${PREVIEW_ORDER_PREFIX}${order.platformOrderId}` });
    return w.db.prepare('SELECT line_no, platform_sku, standard_sku, title, quantity, unit_price_fen, amount_fen FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId) as LineRow[];
  });
  const lines: MappingPreviewLine[] = rows.map((r) => ({
    lineNo: r.line_no,
    platformSku: r.platform_sku,
    standardSku: r.standard_sku,
    title: r.title,
    quantity: r.quantity,
    unitPriceFen: r.unit_price_fen,
    amountFen: r.amount_fen,
  }));
  return {
    kind: 'order',
    message: null,
    effective: sources,
    order: {
      platformOrderId: order.platformOrderId,
      status: order.status,
      platformStatus: order.platformStatus ?? null,
      receiver: order.receiver,
      amounts: order.amounts,
      buyerRemark: order.buyerRemark ?? '',
      sellerRemark: order.sellerRemark ?? '',
    },
    lines,
    unmappedLines: lines.filter((l) => l.standardSku === null).length,
  };
}
