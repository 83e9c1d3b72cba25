/**
 * The 抖店 connector (issue 3): `order.searchList` by creation / update time (§3.6), `order.orderDetail`
 * for pushed order ids (§3.7), one cheap signed call to prove credentials. Retries, circuit breaking
 * and cursors belong to core/channels/sync; this file only speaks the protocol.
 */
import type { OrderStatus } from '../../contract/orders.js';
import { type ChannelConnector, PlatformError, type PulledPage, type ShopContext, type TimeWindow } from '../types.js';
import { douyinAuth } from './auth.js';
import { callDouyin } from './client.js';
import { idOf, isObject } from './fields.js';
import type { NormalizeOptions, SkuField } from './normalize.js';
import { toPulledPage } from './page.js';
import { DEFAULT_MAX_RESULTS_PER_WINDOW, DEFAULT_MAX_WINDOW_MS, MAX_PAGE_SIZE, type SignMethod } from './protocol.js';
import { valueText } from './raw-slices.js';
import { searchPage, searchWindows, type SearchSettings } from './search.js';
import { DOUYIN_ORDER_STATUS } from './status.js';

/**
 * Douyin logistics company codes (§11.9 lists them only through `order.logisticsCompanyList`) →
 * the engine's carrier vocabulary. [U]: the codes below are the common lower-case pinyin codes
 * (as in Kuaidi100, §5.4), not confirmed against the Douyin list; configurable. An unmapped code
 * falls back to the company name, then to the code as sent.
 */
export const DEFAULT_DOUYIN_CARRIER_CODES: Readonly<Record<string, string>> = {
  shunfeng: 'SF',
  zhongtong: 'ZTO',
  yuantong: 'YTO',
  shentong: 'STO',
  yunda: 'YUNDA',
  jd: 'JD',
  jingdong: 'JD',
  ems: 'EMS',
  youzhengguonei: 'EMS',
  jtexpress: 'JTEXPRESS',
  jtsd: 'JTEXPRESS',
};

export interface DouyinConnectorOptions {
  /** Which 商品单 field becomes `platformSku` (default out_sku_id 商家外部编码, falling back to sku_id). */
  skuField?: SkuField;
  /** §3.6: ≤ 100. */
  pageSize?: number;
  /** [U] (§3.6 documents none): longest searchList window; longer windows are split. */
  maxWindowMs?: number;
  /** [U]: a window with more results is bisected before paging. */
  maxResultsPerWindow?: number;
  /** §3.1: hmac-sha256 (default) or md5. */
  signMethod?: SignMethod;
  /** Extra or overriding order_status mappings (merged over §3.6's table). */
  statusTable?: Record<string, OrderStatus>;
  carrierCodes?: Record<string, string>;
  /** Map after-sale refunds onto the status (status.ts). Default true. */
  afterSaleOverlay?: boolean;
  /** [U] the shop's authorise page (protocol.ts DEFAULT_AUTHORISE_URL). */
  authoriseUrl?: string;
}

export interface DouyinConnector extends ChannelConnector {
  readonly channel: 'douyin';
  /** §3.7 order.orderDetail for each id (a push names the order; this fetches its current version). */
  fetchOrders(shop: ShopContext, orderIds: readonly string[]): Promise<PulledPage>;
}

export function createDouyinConnector(options: DouyinConnectorOptions = {}): DouyinConnector {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
  const signMethod = options.signMethod ?? 'hmac-sha256';
  const statusTable = { ...DOUYIN_ORDER_STATUS, ...options.statusTable };
  const carrierCodes = { ...DEFAULT_DOUYIN_CARRIER_CODES, ...options.carrierCodes };
  const normalize = (shop: ShopContext): NormalizeOptions => ({
    shopId: shop.shopId,
    platformShopId: shop.credentials.platformShopId,
    skuField: options.skuField ?? 'out_sku_id',
    ...(shop.mapping ? { mapping: shop.mapping } : {}),
    statusTable,
    carrierCodes,
    afterSaleOverlay: options.afterSaleOverlay ?? true,
  });
  const settings: SearchSettings = {
    pageSize,
    maxWindowMs: options.maxWindowMs ?? DEFAULT_MAX_WINDOW_MS,
    maxResults: options.maxResultsPerWindow ?? DEFAULT_MAX_RESULTS_PER_WINDOW,
    signMethod,
    normalize,
  };

  return {
    channel: 'douyin',
    maxWindowMs: settings.maxWindowMs,
    auth: douyinAuth(signMethod, options.authoriseUrl),
    pullCreated: (shop, window, onPage) => searchWindows(requireToken(shop), 'create_time', window, settings, onPage),
    pullModified: (shop, window, onPage) => searchWindows(requireToken(shop), 'update_time', window, settings, onPage),

    async testConnection(shop) {
      const now = shop.env.now();
      const window: TimeWindow = { from: now - 60_000, to: now };
      const page = await searchPage(requireToken(shop), 'update_time', window, 0, { pageSize: 1, signMethod });
      return { ok: true, detail: `抖店 order.searchList answered: ${page.total} order(s) updated in the last minute` };
    },

    async fetchOrders(shop, orderIds) {
      requireToken(shop);
      const page: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
      for (const id of orderIds) {
        const one = await fetchOne(shop, id, signMethod, normalize(shop));
        page.orders.push(...one.orders);
        page.unknownStatuses.push(...one.unknownStatuses);
        page.rejected.push(...one.rejected);
      }
      return page;
    },
  };
}

async function fetchOne(shop: ShopContext, id: string, signMethod: SignMethod, options: NormalizeOptions): Promise<PulledPage> {
  const rejected = (message: string): PulledPage => ({ orders: [], unknownStatuses: [], rejected: [{ platformOrderId: id, message }] });
  if (!/^\d{1,20}$/.test(id)) return rejected('not a Douyin order id (digits only)');
  let answer;
  try {
    answer = await callDouyin(shop, 'order.orderDetail', { shop_order_id: id }, signMethod);
  } catch (err) {
    // A business refusal (no such order, not this shop's) concerns this id only; everything else stops the fetch.
    if (err instanceof PlatformError && err.kind === 'permanent') return rejected(err.message);
    throw err;
  }
  const detail = isObject(answer.data) ? answer.data.shop_order_detail : undefined;
  if (!isObject(detail)) return rejected('order.orderDetail answered without data.shop_order_detail (§3.7)');
  if (idOf(detail.order_id) !== id) return rejected(`order.orderDetail answered order ${String(detail.order_id)} for ${id}`);
  const text = valueText(answer.text, ['data', 'shop_order_detail']) ?? JSON.stringify(detail);
  return toPulledPage([{ value: detail, text }], options);
}

function requireToken(shop: ShopContext): ShopContext {
  if (!shop.credentials.accessToken) throw new PlatformError('auth', '抖店: this shop has no access_token (authorise the app first)', { code: 'no-access-token' }, undefined, 'auth.tokenMissing');
  return shop;
}
