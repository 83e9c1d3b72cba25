/** Normalised orders of one answer → a PulledPage (orders, unknown statuses, rejected). */
import type { PulledPage } from '../types.js';
import { idOf, isObject } from './fields.js';
import { normalizeShopOrder, type NormalizeOptions } from './normalize.js';

/**
 * `seen` (order id @ update_time) drops exact repeats within one pull — back-to-front paging
 * re-reads page 0 — so a repeat costs a request, not a write.
 */
export function toPulledPage(items: ReadonlyArray<{ value: unknown; text: string }>, options: NormalizeOptions, seen?: Set<string>): PulledPage {
  const page: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
  for (const { value, text } of items) {
    if (seen && isObject(value)) {
      const key = `${idOf(value.order_id) ?? text}@${String(value.update_time)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const result = normalizeShopOrder(value, text, options);
    if (result.kind === 'order') page.orders.push(result.order);
    else if (result.kind === 'unknown-status') page.unknownStatuses.push({ platformOrderId: result.platformOrderId, status: result.status });
    else page.rejected.push({ platformOrderId: result.platformOrderId, message: result.message });
  }
  return page;
}
