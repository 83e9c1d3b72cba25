/**
 * Windowed, paged `order.searchList` (§3.6) with the guarantees ChannelConnector promises:
 *
 * - Half-open windows [from, to) in ms over second-granular platform times. The query asks for
 *   [ceil(from/1000), ceil(to/1000)] seconds — whether the platform's `*_end` is inclusive or
 *   exclusive is not documented — and orders outside [from, to) are dropped here, so either reading
 *   is safe and no order is ever in two adjacent windows.
 * - Ascending order by the window's own time field, pages fetched back to front after page 0: an
 *   order updated while we page leaves the window and shifts later rows *down*, which a back-to-front
 *   walk turns into a harmless repeat instead of a skipped row (the stability the contract asks for,
 *   like Taobao's back-to-front increment paging, §1.5). New updates land at the end, past the
 *   pages we walk; the sync runner's safety lag keeps `to` in the past.
 * - A window holding more than `maxResults` is bisected before paging ([U] depth limit).
 */
import { descending, walkKnownPages } from '../prefetch.js';
import type { PulledPage, ShopContext, TimeWindow } from '../types.js';
import { callDouyin } from './client.js';
import { isObject } from './fields.js';
import { FIRST_PAGE, type SignMethod } from './protocol.js';
import { arrayItemTexts } from './raw-slices.js';
import type { NormalizeOptions } from './normalize.js';
import { toPulledPage } from './page.js';

export type TimeField = 'create_time' | 'update_time';

export interface SearchSettings {
  pageSize: number;
  maxWindowMs: number;
  maxResults: number;
  signMethod: SignMethod;
  normalize: (shop: ShopContext) => NormalizeOptions;
}

interface SearchPage {
  total: number;
  orders: Array<{ value: unknown; text: string }>;
}

export async function searchWindows(shop: ShopContext, field: TimeField, window: TimeWindow, settings: SearchSettings, onPage: (page: PulledPage) => Promise<void>): Promise<void> {
  const seen = new Set<string>();
  for (let from = window.from; from < window.to; from += settings.maxWindowMs) {
    await searchWindow(shop, field, { from, to: Math.min(window.to, from + settings.maxWindowMs) }, settings, onPage, seen);
  }
}

async function searchWindow(shop: ShopContext, field: TimeField, w: TimeWindow, settings: SearchSettings, onPage: (page: PulledPage) => Promise<void>, seen: Set<string>): Promise<void> {
  const first = await searchPage(shop, field, w, FIRST_PAGE, settings);
  if (first.total > settings.maxResults && w.to - w.from > 1000) {
    const mid = w.from + Math.floor((w.to - w.from) / 2);
    await searchWindow(shop, field, { from: w.from, to: mid }, settings, onPage, seen);
    await searchWindow(shop, field, { from: mid, to: w.to }, settings, onPage, seen);
    return;
  }
  const emit = (page: SearchPage) => onPage(toPulledPage(inWindow(page.orders, field, w), settings.normalize(shop), seen));
  await emit(first);
  if (first.total <= settings.pageSize) return;
  const lastPage = Math.ceil(first.total / settings.pageSize) - 1;
  // Page 0 is walked again last: rows may have shifted into it while the later pages were read.
  await walkKnownPages(descending(lastPage, FIRST_PAGE), (page) => searchPage(shop, field, w, page, settings), emit);
}

/** One searchList call; `data.shop_order_list` items keep their exact source text. */
export async function searchPage(shop: ShopContext, field: TimeField, w: TimeWindow, page: number, settings: Pick<SearchSettings, 'pageSize' | 'signMethod'>): Promise<SearchPage> {
  const prefix = field === 'create_time' ? 'create' : 'update';
  const answer = await callDouyin(
    shop,
    'order.searchList',
    {
      [`${prefix}_time_start`]: Math.ceil(w.from / 1000),
      [`${prefix}_time_end`]: Math.ceil(w.to / 1000),
      order_by: field,
      order_asc: true,
      page,
      size: settings.pageSize,
    },
    settings.signMethod,
  );
  return readSearchData(answer.data, answer.text);
}

/** §3.6 response `data`: `{page, size, total, shop_order_list}`; an empty result may omit the list. */
export function readSearchData(data: unknown, text: string): SearchPage {
  if (!isObject(data)) return { total: 0, orders: [] };
  const list = Array.isArray(data.shop_order_list) ? data.shop_order_list : [];
  const texts = arrayItemTexts(text, ['data', 'shop_order_list']);
  const exact = texts !== null && texts.length === list.length;
  const total = Number(data.total);
  return {
    total: Number.isSafeInteger(total) && total >= 0 ? total : list.length,
    orders: list.map((value, i) => ({ value, text: exact ? texts[i]! : JSON.stringify(value) })),
  };
}

function inWindow(orders: SearchPage['orders'], field: TimeField, w: TimeWindow): SearchPage['orders'] {
  return orders.filter(({ value }) => {
    if (!isObject(value)) return true; // normalisation rejects it with a reason
    const seconds = Number(value[field]);
    if (!Number.isFinite(seconds)) return true;
    return seconds * 1000 >= w.from && seconds * 1000 < w.to;
  });
}
