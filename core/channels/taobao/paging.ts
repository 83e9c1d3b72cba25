/**
 * Window and page walking for the two trade list APIs:
 * - back-fill by creation time, `taobao.trades.sold.get` (§1.4): front to back with `use_has_next`;
 *   `created` never changes, so the order of the result is stable;
 * - incremental by modified time, `taobao.trades.sold.increment.get` (§1.5): results are ordered by
 *   `modified` descending and the doc says to page "from the last page backwards" (从后往前翻页) so
 *   as not to miss trades: read the count first, then pages last → first. A trade modified while we
 *   page leaves the window (its new time is later) and the older trades behind it move one slot
 *   forward, i.e. into pages already read (a duplicate, removed here) — never into a page we skip.
 *   This needs the window's end to be in the past (the sync runner's lag), or new trades could enter.
 * Wire windows never exceed one day (§1.5) and are clipped to our half-open [from, to) client-side.
 */
import { descending, walkForward, walkKnownPages } from '../prefetch.js';
import { PlatformError, type PulledPage, type TimeWindow } from '../types.js';
import { ceilToSecond, floorToSecond, formatBeijing } from './beijing-time.js';
import type { TopAnswer, TopParamValue } from './client.js';
import type { TradeOutcome } from './normalise.js';
import { MAX_WINDOW_MS, METHODS, TRADE_FIELDS } from './protocol.js';
import { listOf } from './trade-fields.js';

export interface PagerDeps {
  call(method: string, params: Record<string, TopParamValue>): Promise<TopAnswer>;
  normalise(trade: unknown): TradeOutcome;
  pageSize: number;
  /** §1.4 `type`: comma list; without it most trade types are not returned. */
  tradeTypes: string;
}

/** A guard against a gateway that never says "last page". */
const MAX_PAGES = 10_000;

/**
 * Splits [from, to) so that each piece, sent as whole seconds [floor(from), ceil(to)], spans at most
 * `maxMs` on the wire (§1.5: end − start ≤ 1 day).
 */
export function wireChunks(window: TimeWindow, maxMs: number = MAX_WINDOW_MS): TimeWindow[] {
  const chunks: TimeWindow[] = [];
  for (let from = window.from; from < window.to; ) {
    const to = Math.min(window.to, floorToSecond(from) + maxMs);
    chunks.push({ from, to });
    from = to;
  }
  return chunks;
}

/** Keeps one pull's pages inside their windows and free of duplicates. */
class PageCollector {
  private readonly emitted = new Map<string, number>();
  private readonly reported = new Set<string>();
  constructor(private readonly timeKey: 'createdAt' | 'modifiedAt') {}

  collect(trades: unknown[], chunk: TimeWindow, normalise: PagerDeps['normalise']): PulledPage {
    const page: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
    for (const trade of trades) {
      const outcome = normalise(trade);
      const at = outcome[this.timeKey];
      // Whole-second bounds are inclusive on the wire; our windows are half-open (an order modified
      // exactly at `to` belongs to the next window).
      if (at !== null && (at < chunk.from || at >= chunk.to)) continue;
      if (outcome.kind === 'order') {
        const seen = this.emitted.get(outcome.order.platformOrderId);
        if (seen !== undefined && seen >= outcome.order.platformModifiedAt) continue;
        this.emitted.set(outcome.order.platformOrderId, outcome.order.platformModifiedAt);
        page.orders.push(outcome.order);
      } else {
        const key = `${outcome.platformOrderId}\u0000${outcome.kind === 'rejected' ? outcome.message : outcome.status}`;
        if (this.reported.has(key)) continue;
        this.reported.add(key);
        if (outcome.kind === 'rejected') page.rejected.push({ platformOrderId: outcome.platformOrderId, message: outcome.message });
        else page.unknownStatuses.push({ platformOrderId: outcome.platformOrderId, status: outcome.status });
      }
    }
    return page;
  }
}

const isEmpty = (p: PulledPage): boolean => p.orders.length + p.unknownStatuses.length + p.rejected.length === 0;

function tradesOf(answer: TopAnswer): unknown[] {
  return listOf(answer.root.trades, 'trade');
}

function flag(value: unknown): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

function totalResults(answer: TopAnswer, method: string): number {
  const raw = answer.root.total_results;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  if (raw === undefined && tradesOf(answer).length === 0) return 0; // TOP omits empty lists
  throw new PlatformError('malformed', `${method}: total_results is missing; back-to-front paging needs the count (§1.5)`, { raw: answer.text.slice(0, 2000) });
}

function listParams(deps: PagerDeps, page: number): Record<string, TopParamValue> {
  return { fields: TRADE_FIELDS, type: deps.tradeTypes, page_no: page, page_size: deps.pageSize };
}

export async function pullCreatedPages(deps: PagerDeps, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>): Promise<void> {
  const collector = new PageCollector('createdAt');
  for (const chunk of wireChunks(window)) {
    const range = { start_created: formatBeijing(floorToSecond(chunk.from)), end_created: formatBeijing(ceilToSecond(chunk.to)) };
    const fetchPage = (pageNo: number) => {
      if (pageNo > MAX_PAGES) return Promise.reject(new PlatformError('malformed', `${METHODS.soldGet}: more than ${MAX_PAGES} pages`));
      return deps.call(METHODS.soldGet, { ...listParams(deps, pageNo), ...range, use_has_next: true });
    };
    const hasMore = (answer: TopAnswer, pageNo: number) => {
      const trades = tradesOf(answer);
      // §1.4: with use_has_next the answer has has_next and no total_results; fall back if absent.
      const total = Number(answer.root.total_results);
      const hasNext = flag(answer.root.has_next) ?? (Number.isSafeInteger(total) ? pageNo * deps.pageSize < total : trades.length >= deps.pageSize);
      return hasNext && trades.length > 0;
    };
    await walkForward(await fetchPage(1), 1, hasMore, fetchPage, async (answer) => {
      const page = collector.collect(tradesOf(answer), chunk, deps.normalise);
      if (!isEmpty(page)) await onPage(page);
    });
  }
}

export async function pullModifiedPages(deps: PagerDeps, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>): Promise<void> {
  const collector = new PageCollector('modifiedAt');
  for (const chunk of wireChunks(window)) {
    const range = { start_modified: formatBeijing(floorToSecond(chunk.from)), end_modified: formatBeijing(ceilToSecond(chunk.to)) };
    const first = await deps.call(METHODS.incrementGet, { ...listParams(deps, 1), ...range });
    const pages = Math.ceil(totalResults(first, METHODS.incrementGet) / deps.pageSize);
    if (pages > MAX_PAGES) throw new PlatformError('malformed', `${METHODS.incrementGet}: ${pages} pages`);
    // One page: the count call already holds all of it. More: page 1 is read again last, because
    // trades leaving the window after the count call move older trades into it.
    if (pages <= 1) {
      const page = collector.collect(tradesOf(first), chunk, deps.normalise);
      if (!isEmpty(page)) await onPage(page);
      continue;
    }
    await walkKnownPages(
      descending(pages, 1),
      (pageNo) => deps.call(METHODS.incrementGet, { ...listParams(deps, pageNo), ...range }),
      async (answer) => {
        const page = collector.collect(tradesOf(answer), chunk, deps.normalise);
        if (!isEmpty(page)) await onPage(page);
      },
    );
  }
}
