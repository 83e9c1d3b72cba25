/**
 * The Taobao / Tmall (TOP) channel connector: ChannelConnector for the sync runner, plus
 * `fetchTrades` (taobao.trade.fullinfo.get per tid, §1.5) for orders named by TMC messages (§12.1).
 */
import { PlatformError, type ChannelConnector, type PulledPage, type ShopContext, type TimeWindow } from '../types.js';
import { taobaoAuth } from './auth.js';
import { formatBeijing } from './beijing-time.js';
import { callTop, type TopParamValue } from './client.js';
import { normaliseTrade, type NormaliseOptions } from './normalise.js';
import { type PagerDeps, pullCreatedPages, pullModifiedPages } from './paging.js';
import { ALL_TRADE_TYPES, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_WINDOW_MS, METHODS, TRADE_FIELDS, type SignMethod } from './protocol.js';
import type { StatusOverrides } from './status.js';
import { asRecord } from './trade-fields.js';
import type { SkuField } from './trade-lines.js';

export interface TaobaoConnectorOptions {
  /** §1.3: `md5` (default), `hmac` (HMAC-MD5) or `hmac-sha256` [S]. */
  signMethod?: SignMethod;
  /** §1.4: 1–100. Default 100; the doc suggests 40–50 for the increment API when it times out. */
  pageSize?: number;
  /** Which Order field becomes the line's platformSku (falls back along outer_sku_id → sku_id → num_iid). */
  skuField?: SkuField;
  /** §1.4 `type` list [U]: defaults to every type the official request class lists. */
  tradeTypes?: readonly string[];
  /** Replaces rows of TAOBAO_STATUS_TABLE, or maps a status the fact sheet does not list yet. */
  statusOverrides?: StatusOverrides;
  /** [U] the seller's authorise page (protocol.ts DEFAULT_AUTHORISE_URL). */
  authoriseUrl?: string;
}

export interface TaobaoConnector extends ChannelConnector {
  readonly channel: 'taobao';
  /** Re-reads named trades (e.g. from TMC), one `taobao.trade.fullinfo.get` each, as one page. */
  fetchTrades(shop: ShopContext, tids: readonly string[]): Promise<PulledPage>;
}

export function createTaobaoConnector(options: TaobaoConnectorOptions = {}): TaobaoConnector {
  const signMethod = options.signMethod ?? 'md5';
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new RangeError(`pageSize must be 1–${MAX_PAGE_SIZE} (protocols.md §1.4)`);
  const tradeTypes = (options.tradeTypes ?? ALL_TRADE_TYPES).join(',');

  const normaliseOptions = (shop: ShopContext): NormaliseOptions => ({
    shopId: shop.shopId,
    skuField: options.skuField ?? 'outer_sku_id',
    ...(shop.mapping ? { mapping: shop.mapping } : {}),
    statusOverrides: options.statusOverrides ?? {},
  });
  const call = (shop: ShopContext, method: string, params: Record<string, TopParamValue>) => callTop(shop, method, params, { signMethod, withSession: true });
  const pager = (shop: ShopContext): PagerDeps => {
    const n = normaliseOptions(shop);
    return { call: (method, params) => call(shop, method, params), normalise: (trade) => normaliseTrade(trade, n), pageSize, tradeTypes };
  };

  async function fetchOne(shop: ShopContext, tid: string, page: PulledPage): Promise<void> {
    let trade: unknown;
    try {
      const answer = await call(shop, METHODS.fullinfoGet, { fields: TRADE_FIELDS, tid });
      trade = answer.root.trade;
    } catch (err) {
      // A trade the platform will not give (isv.* "does not exist", permissions) is this trade's
      // problem; throttling, auth and outages stop the batch so the runner can retry it.
      if (err instanceof PlatformError && err.kind === 'permanent') {
        page.rejected.push({ platformOrderId: tid, message: err.message });
        return;
      }
      throw err;
    }
    if (!asRecord(trade)) {
      page.rejected.push({ platformOrderId: tid, message: `${METHODS.fullinfoGet}: no trade in the answer` });
      return;
    }
    const outcome = normaliseTrade(trade, normaliseOptions(shop));
    if (outcome.kind === 'order') page.orders.push(outcome.order);
    else if (outcome.kind === 'unknown-status') page.unknownStatuses.push({ platformOrderId: outcome.platformOrderId, status: outcome.status });
    else page.rejected.push({ platformOrderId: outcome.platformOrderId ?? tid, message: outcome.message });
  }

  return {
    channel: 'taobao',
    maxWindowMs: MAX_WINDOW_MS,
    auth: taobaoAuth({ signMethod, ...(options.authoriseUrl ? { authoriseUrl: options.authoriseUrl } : {}) }),
    pullCreated: (shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>) => pullCreatedPages(pager(shop), window, onPage),
    pullModified: (shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>) => pullModifiedPages(pager(shop), window, onPage),

    async testConnection(shop: ShopContext) {
      // Cheap but real: signed, needs the seller's session, one trade at most.
      const now = shop.env.now();
      const answer = await call(shop, METHODS.soldGet, {
        fields: 'tid',
        start_created: formatBeijing(now - 24 * 3600_000),
        end_created: formatBeijing(now),
        page_size: 1,
        use_has_next: true,
      });
      const any = asRecord(answer.root.trades) !== null || Array.isArray(answer.root.trades);
      const requestId = typeof answer.root.request_id === 'string' ? ` (request_id ${answer.root.request_id})` : '';
      return { ok: true as const, detail: `${METHODS.soldGet} answered for app ${shop.credentials.appKey}${requestId}: session valid, ${any ? 'trades' : 'no trades'} in the last 24 h` };
    },

    async fetchTrades(shop: ShopContext, tids: readonly string[]): Promise<PulledPage> {
      const page: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
      for (const tid of new Set(tids)) await fetchOne(shop, tid, page);
      return page;
    },
  };
}
