/**
 * `order.searchList` (protocols.md §3.6) and `order.orderDetail` (§3.7) over the story book. The
 * simulator's clock decides which version of each order is visible, as on the real platform: only
 * the latest version exists, so an order updated after a query window has left it.
 */
import type { OrderStory } from '../common/story.js';
import { shopOrderId } from './ids.js';
import type { JsonValue } from './json-text.js';
import { type RenderContext, renderShopOrder } from './render.js';

/** An API answer before enveloping: `data` as JSON text, or a platform error. */
export type ApiOutcome = { ok: true; dataText: string; orders: number } | { ok: false; code: number; msg: string; subCode: string; subMsg: string };

export interface OrdersApiLimits {
  /** [U] longest allowed create/update window, seconds (protocols.md §3.6 names none). */
  maxWindowSec?: number;
  /** [U] deepest row reachable by paging (page × size + size). */
  maxOffset?: number;
}

interface Visible {
  story: OrderStory;
  versionIndex: number;
  id: string;
  create_time: number;
  update_time: number;
}

/** §3.5: 40004 非法参数(业务), `isv.parameter-invalid:NNN`. */
const invalid = (what: string, subMsg: string): ApiOutcome => ({ ok: false, code: 40004, msg: '非法参数', subCode: `isv.parameter-invalid:${what}`, subMsg });

export class DouyinOrderBook {
  private readonly byId = new Map<string, OrderStory>();
  private readonly rendered = new Map<string, string>();

  constructor(private readonly stories: OrderStory[], private readonly ctx: RenderContext) {
    for (const s of stories) this.byId.set(shopOrderId(ctx.seed, s.n), s);
  }

  /** The story behind a shop order id (the seller's ship calls change it, protocols.md §11.7). */
  storyOf(id: string): OrderStory | undefined {
    return this.byId.get(id);
  }

  idOf(story: OrderStory): string {
    return shopOrderId(this.ctx.seed, story.n);
  }

  private visible(story: OrderStory, now: number): Visible | null {
    let versionIndex = -1;
    for (let i = 0; i < story.versions.length && story.versions[i]!.at <= now; i++) versionIndex = i;
    if (versionIndex < 0) return null;
    const id = this.idOf(story);
    return { story, versionIndex, id, create_time: Math.floor(story.createdAt / 1000), update_time: Math.floor(story.versions[versionIndex]!.at / 1000) };
  }

  private render(v: Visible): string {
    const key = `${v.story.n}:${v.versionIndex}`;
    let text = this.rendered.get(key);
    if (text === undefined) this.rendered.set(key, (text = renderShopOrder(v.story, v.versionIndex, this.ctx)));
    return text;
  }

  searchList(params: Record<string, JsonValue>, now: number, limits: OrdersApiLimits): ApiOutcome {
    const page = params.page === undefined ? 0 : Number(params.page);
    const size = params.size === undefined ? 10 : Number(params.size);
    if (!Number.isInteger(page) || page < 0) return invalid('page', 'page 须为从 0 开始的整数');
    if (!Number.isInteger(size) || size < 1 || size > 100) return invalid('size', 'size 取值范围 1-100');
    const ranges: Array<['create_time' | 'update_time', number, number]> = [];
    for (const field of ['create_time', 'update_time'] as const) {
      const start = params[`${field}_start`];
      const end = params[`${field}_end`];
      if (start === undefined && end === undefined) continue;
      const lo = start === undefined ? 0 : Number(start);
      const hi = end === undefined ? Math.floor(now / 1000) : Number(end);
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi) return invalid(field, `${field}_start/${field}_end 不合法`);
      if (limits.maxWindowSec !== undefined && hi - lo > limits.maxWindowSec) return invalid(field, `查询时间跨度不能超过${limits.maxWindowSec}秒`);
      ranges.push([field, lo, hi]);
    }
    if (limits.maxOffset !== undefined && (page + 1) * size > limits.maxOffset) return invalid('page', `翻页深度不能超过${limits.maxOffset}条`);
    const orderBy = params.order_by === 'update_time' ? 'update_time' : 'create_time';
    const asc = params.order_asc === true || params.order_asc === 'true';
    const hits: Visible[] = [];
    for (const story of this.stories) {
      const v = this.visible(story, now);
      // The ends of both ranges are inclusive, in whole seconds (the connector must cope).
      if (v && ranges.every(([field, lo, hi]) => v[field] >= lo && v[field] <= hi)) hits.push(v);
    }
    hits.sort((a, b) => (asc ? a[orderBy] - b[orderBy] : b[orderBy] - a[orderBy]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const slice = hits.slice(page * size, page * size + size);
    const list = slice.map((v) => this.render(v)).join(',');
    return { ok: true, dataText: `{"page":${page},"size":${size},"total":${hits.length},"shop_order_list":[${list}]}`, orders: slice.length };
  }

  orderDetail(params: Record<string, JsonValue>, now: number): ApiOutcome {
    const id = typeof params.shop_order_id === 'string' ? params.shop_order_id : '';
    if (!id) return { ok: false, code: 40002, msg: '缺少必选参数', subCode: 'isv.missing-parameter:shop_order_id', subMsg: 'shop_order_id 不能为空' };
    const story = this.byId.get(id);
    const v = story ? this.visible(story, now) : null;
    if (!v) return { ok: false, code: 50002, msg: '业务处理失败', subCode: 'isv.business-failed:60033', subMsg: '订单不存在' };
    return { ok: true, dataText: `{"shop_order_detail":${this.render(v)}}`, orders: 1 };
  }
}
