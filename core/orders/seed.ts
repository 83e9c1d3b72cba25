/** Bulk ingestion in batches: one transaction (and one anchor write) per batch, not per order. */
import type { Actor } from '../contract/actors.js';
import type { OrderInput } from '../contract/orders.js';
import type { MutationQueue } from '../kernel/mutation.js';
import { type IngestOutcome, ingestOrder } from './ingest.js';
import { orderInputSchema } from './validate-input.js';

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: Array<{ platformOrderId: string; message: string }>;
}

export function ingestBatch(mutations: MutationQueue, actor: Actor, source: string, orders: OrderInput[]): BatchOutcome {
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: [] };
  const valid: OrderInput[] = [];
  for (const order of orders) {
    const parsed = orderInputSchema.safeParse(order);
    if (parsed.success) valid.push(order);
    else outcome.rejected.push({ platformOrderId: String(order?.platformOrderId), message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  mutations.runNow(actor, source, (w) => {
    for (const order of valid) {
      const r: IngestOutcome = ingestOrder(w, order);
      outcome[r.kind]++;
    }
  });
  return outcome;
}

export function ingestAll(mutations: MutationQueue, actor: Actor, source: string, orders: Iterable<OrderInput>, batchSize = 1000): BatchOutcome {
  const total: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: [] };
  let batch: OrderInput[] = [];
  const flush = () => {
    const r = ingestBatch(mutations, actor, source, batch);
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    total.stale += r.stale;
    total.rejected.push(...r.rejected);
    batch = [];
  };
  for (const order of orders) {
    batch.push(order);
    if (batch.length >= batchSize) flush();
  }
  if (batch.length) flush();
  return total;
}
