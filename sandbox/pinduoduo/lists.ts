/**
 * The two order list APIs of the simulated gateway: `pdd.order.list.get` by confirm time (§2.4) and
 * `pdd.order.number.list.increment.get` by updated_at (§2.5), with their documented window limits,
 * `page` from 1, `page_size` ≤ 100, `use_has_next`, and the order_status / refund_status filters.
 */
import type { OrderStory, StoryVersion } from '../common/story.js';
import { paidVersion, pddStatusOf, renderPddOrder, visibleVersion } from './render.js';
import { type PddFailure, pddFailure } from './failures.js';

interface ListApi {
  root: string;
  list: string;
  start: string;
  end: string;
  maxSpanS: number;
  /** Verbatim text of the too-long-window error (§2.6 shows the 24 h one). */
  tooLong: string;
  timeOf(story: OrderStory, visible: StoryVersion): number;
}

export const LIST_APIS: Record<string, ListApi> = {
  'pdd.order.list.get': {
    root: 'order_list_get_response',
    list: 'order_list',
    start: 'start_confirm_at',
    end: 'end_confirm_at',
    maxSpanS: 24 * 3600,
    tooLong: '时间跨度不能超过24小时',
    timeOf: (story) => paidVersion(story)!.at,
  },
  'pdd.order.number.list.increment.get': {
    root: 'order_sn_increment_get_response',
    list: 'order_sn_list',
    start: 'start_updated_at',
    end: 'end_updated_at',
    maxSpanS: 30 * 60,
    tooLong: '时间跨度不能超过30分钟', // by analogy with the 24 h text; the 30 min text is not in §2.6 [U]
    timeOf: (_story, visible) => visible.at,
  },
};

export interface ListContext {
  stories: readonly OrderStory[];
  seed: number;
  now: number;
  /** Whether the end second is inside the window; undocumented [U], so the simulator can do both. */
  inclusiveEnd: boolean;
  tamper?: (order: Record<string, unknown>, story: OrderStory) => Record<string, unknown> | void;
}

export type ListResult = { ok: true; body: Record<string, unknown>; orders: number } | { ok: false; failure: PddFailure };

function intParam(params: ReadonlyMap<string, string>, name: string, fallback?: number): number | null {
  const text = params.get(name);
  if (text === undefined) return fallback ?? null;
  return /^-?\d+$/.test(text) ? Number(text) : null;
}

export function listOrders(api: ListApi, params: ReadonlyMap<string, string>, ctx: ListContext): ListResult {
  const bad = (name: string) => ({ ok: false as const, failure: pddFailure(10000, `参数错误:${name}`, '10000') });
  const start = intParam(params, api.start);
  const end = intParam(params, api.end);
  if (start === null) return bad(api.start);
  if (end === null || end < start) return bad(api.end);
  if (end - start > api.maxSpanS) return { ok: false, failure: pddFailure(50001, api.tooLong, null) };
  const page = intParam(params, 'page', 1);
  const pageSize = intParam(params, 'page_size', 100);
  if (page === null || page < 1) return bad('page');
  if (pageSize === null || pageSize < 1 || pageSize > 100) return bad('page_size');
  const orderStatus = intParam(params, 'order_status', 5);
  const refundStatus = intParam(params, 'refund_status', 5);
  if (orderStatus === null || ![1, 2, 3, 5].includes(orderStatus)) return bad('order_status');
  if (refundStatus === null || ![1, 2, 3, 4, 5].includes(refundStatus)) return bad('refund_status');

  const matches: Array<{ story: OrderStory; version: StoryVersion; second: number }> = [];
  for (const story of ctx.stories) {
    const version = visibleVersion(story, ctx.now);
    if (!version) continue;
    const second = Math.floor(api.timeOf(story, version) / 1000);
    if (second < start || second > end || (second === end && !ctx.inclusiveEnd)) continue;
    const s = pddStatusOf(story, version.stage);
    if (orderStatus !== 5 && s.orderStatus !== orderStatus) continue;
    if (refundStatus !== 5 && s.refundStatus !== refundStatus) continue;
    matches.push({ story, version, second });
  }
  matches.sort((a, b) => a.second - b.second || a.story.n - b.story.n);
  const slice = matches.slice((page - 1) * pageSize, page * pageSize);
  const orders = slice.map(({ story, version }) => {
    const order = renderPddOrder(story, version, ctx.seed);
    return ctx.tamper?.(order, story) ?? order;
  });
  const body: Record<string, unknown> = { total_count: matches.length, [api.list]: orders };
  if (params.get('use_has_next') === 'true') body.has_next = page * pageSize < matches.length;
  return { ok: true, body: { [api.root]: body }, orders: orders.length };
}
