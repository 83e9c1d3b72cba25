/**
 * Paging through one PDD list API over a window. `pdd.order.list.get` (by confirm time, §2.4) pages
 * forward with `has_next`; `pdd.order.number.list.increment.get` (by updated_at, §2.5) pages BACKWARDS
 * as its doc asks: an order updated while we page leaves the window, which shifts later rows to
 * earlier pages — read back to front, a shift re-delivers a row (harmless, ingestion is idempotent)
 * instead of skipping one.
 */
import { descending, walkForward, walkKnownPages } from '../prefetch.js';
import type { PulledPage, ShopContext, TimeWindow } from '../types.js';
import { callPdd } from './client.js';
import { malformedError } from './errors.js';
import { arrayElementTexts } from './json-spans.js';
import { normalizePddOrder, type PddNormalizeOptions } from './normalize.js';
import { isObject, type PddObject } from './fields.js';
import { PDD_ALL_ORDER_STATUS, PDD_ALL_REFUND_STATUS, PDD_API, PDD_ROOTS, type PddErrorCodes } from './protocol.js';
import { parsePddTime } from './time.js';
import { inWindow, type RequestWindow, requestWindows } from './windows.js';

export interface PullSpec {
  api: typeof PDD_API.orderList | typeof PDD_API.orderIncrement;
  startParam: string;
  endParam: string;
  maxSpanS: number;
  /** The order field the API selects by, used for the exact half-open filter. */
  timeField: 'confirm_time' | 'updated_at';
  direction: 'forward' | 'backward';
}

export interface PullConfig extends PddNormalizeOptions {
  pageSize: number;
  errorCodes: PddErrorCodes;
}

interface ListPage {
  orders: unknown[];
  texts: string[];
  totalCount: number | null;
  hasNext: boolean | null;
}

export async function pullWindow(shop: ShopContext, window: TimeWindow, spec: PullSpec, config: PullConfig, onPage: (page: PulledPage) => Promise<void>): Promise<void> {
  // The shop's field mapping (core/channels/mapping) supersedes the connector's skuField option.
  const normalising: PullConfig = shop.mapping ? { ...config, mapping: shop.mapping } : config;
  const seen = new Set<string>();
  for (const chunk of requestWindows(window, spec.maxSpanS)) {
    const fetchPage = (page: number) => fetchListPage(shop, spec, config, chunk, page);
    const emit = (page: ListPage) => onPage(toPulledPage(page, shop.shopId, spec, normalising, chunk, seen));
    const first = await fetchPage(1);
    if (spec.direction === 'forward') {
      await walkForward(first, 1, (page, pageNo) => morePages(page, pageNo, config.pageSize), fetchPage, emit);
      continue;
    }
    if (!morePages(first, 1, config.pageSize)) {
      await emit(first);
      continue;
    }
    if (first.totalCount === null) throw malformedError(spec.api, 'total_count is missing, cannot page backwards (§2.5)', '');
    // The probe only told us how many pages there are; page 1 is read again last, after any shift.
    await walkKnownPages(descending(Math.ceil(first.totalCount / config.pageSize), 1), fetchPage, emit);
  }
}

/** `has_next` when given (use_has_next, §2.4/§2.5); otherwise what total_count implies. */
function morePages(page: ListPage, pageNo: number, pageSize: number): boolean {
  if (page.orders.length === 0) return false;
  if (page.hasNext !== null) return page.hasNext;
  return page.totalCount !== null && pageNo * pageSize < page.totalCount;
}

async function fetchListPage(shop: ShopContext, spec: PullSpec, config: PullConfig, chunk: RequestWindow, page: number): Promise<ListPage> {
  const answer = await callPdd(
    shop,
    spec.api,
    {
      order_status: PDD_ALL_ORDER_STATUS,
      refund_status: PDD_ALL_REFUND_STATUS,
      [spec.startParam]: chunk.startS,
      [spec.endParam]: chunk.endS,
      page, // from 1 (§2.4)
      page_size: config.pageSize, // ≤ 100 (§2.4, §2.5)
      use_has_next: true,
    },
    config.errorCodes,
  );
  const { root, list } = PDD_ROOTS[spec.api];
  const body = answer.body[root];
  if (!isObject(body)) throw malformedError(spec.api, `the answer has no "${root}" object`, answer.text);
  const orders = body[list] ?? [];
  if (!Array.isArray(orders)) throw malformedError(spec.api, `"${root}.${list}" is not an array`, answer.text);
  const texts = orders.length > 0 ? arrayElementTexts(answer.text, [root, list]) : [];
  if (!texts || texts.length !== orders.length) throw malformedError(spec.api, `could not locate the ${list} entries in the answer text`, answer.text);
  const totalCount = typeof body.total_count === 'number' ? body.total_count : null;
  const hasNext = typeof body.has_next === 'boolean' ? body.has_next : null;
  return { orders, texts, totalCount, hasNext };
}

function toPulledPage(page: ListPage, shopId: string, spec: PullSpec, config: PullConfig, chunk: RequestWindow, seen: Set<string>): PulledPage {
  const out: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
  page.orders.forEach((value, i) => {
    const order: PddObject = isObject(value) ? value : {};
    const time = parsePddTime(order[spec.timeField], spec.timeField, false);
    if (!inWindow(time.ok ? time.ms : null, chunk)) return;
    // The same order at the same update time twice in one pull (a backward-paging shift): once is enough.
    if (order.order_sn !== undefined) {
      const key = `${String(order.order_sn)}@${String(order.updated_at)}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const outcome = normalizePddOrder(value, page.texts[i]!, shopId, config);
    if (outcome.kind === 'order') out.orders.push(outcome.order);
    else if (outcome.kind === 'unknown-status') out.unknownStatuses.push({ platformOrderId: outcome.platformOrderId, status: outcome.status });
    else out.rejected.push({ platformOrderId: outcome.platformOrderId, message: outcome.message });
  });
  return out;
}
