/**
 * The Pinduoduo (POP) channel connector: signed calls (protocols.md §2.2–§2.3), the two order list
 * APIs with their windows and paging (§2.4, §2.5), errors (§2.6), normalisation into OrderInput.
 */
import type { OrderStatus } from '../../contract/orders.js';
import type { ChannelConnector, PulledPage, ShopContext, TimeWindow } from '../types.js';
import { pinduoduoAuth } from './auth.js';
import { callPdd } from './client.js';
import { malformedError } from './errors.js';
import type { PddSkuField } from './normalize.js';
import {
  DEFAULT_PDD_ERROR_CODES,
  PDD_ALL_ORDER_STATUS,
  PDD_ALL_REFUND_STATUS,
  PDD_API,
  PDD_INCREMENT_MAX_WINDOW_S,
  PDD_INCREMENT_SAFETY_LAG_MS,
  PDD_LIST_MAX_WINDOW_S,
  PDD_MAX_PAGE_SIZE,
  PDD_ROOTS,
  type PddErrorCodes,
} from './protocol.js';
import { type PullConfig, type PullSpec, pullWindow } from './pull.js';
import { toUnixSeconds } from './time.js';

export interface PinduoduoOptions {
  /** Item field used as our platform SKU (shop setting `skuField`); default `outer_id`, falling back to `sku_id`. */
  skuField?: PddSkuField;
  /** Rows per page, 1..100 (§2.4/§2.5: max 100; default 100). */
  pageSize?: number;
  /** PDD logistics_id → carrier code; unlisted ids become `PDD-<id>` (§11.6: ids come from pdd.logistics.companies.get). */
  carriers?: Record<string, string>;
  /** Error codes per PlatformError kind; replaces the [U] defaults of protocol.ts per kind given. */
  errorCodes?: Partial<PddErrorCodes>;
  /** Extra or replacement status-table rows, keyed `order_status=N;refund_status=M[;confirm_status=K]`. */
  statusOverrides?: Record<string, OrderStatus>;
  /** Who funds 团长免单 (capital_free_discount) — not documented [U]; default 'seller'. */
  capitalFreeDiscountFundedBy?: 'seller' | 'platform';
  /** The merchant's authorise page (§2.1); the sandbox or a test may point it elsewhere. */
  authoriseUrl?: string;
}

const CREATED: PullSpec = {
  api: PDD_API.orderList,
  startParam: 'start_confirm_at',
  endParam: 'end_confirm_at',
  maxSpanS: PDD_LIST_MAX_WINDOW_S,
  timeField: 'confirm_time',
  direction: 'forward', // confirm time never changes: the window's rows are stable
};

const MODIFIED: PullSpec = {
  api: PDD_API.orderIncrement,
  startParam: 'start_updated_at',
  endParam: 'end_updated_at',
  maxSpanS: PDD_INCREMENT_MAX_WINDOW_S,
  timeField: 'updated_at',
  direction: 'backward', // §2.5: page backwards (last page first)
};

export function pullConfig(options: PinduoduoOptions = {}): PullConfig {
  const pageSize = options.pageSize ?? PDD_MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PDD_MAX_PAGE_SIZE) throw new RangeError(`pageSize must be 1..${PDD_MAX_PAGE_SIZE} (protocols.md §2.4)`);
  return {
    pageSize,
    skuField: options.skuField ?? 'outer_id',
    carriers: options.carriers ?? {},
    statusOverrides: options.statusOverrides,
    capitalFreeDiscountFundedBy: options.capitalFreeDiscountFundedBy ?? 'seller',
    errorCodes: { ...DEFAULT_PDD_ERROR_CODES, ...options.errorCodes },
  };
}

export interface PinduoduoConnector extends ChannelConnector {
  readonly channel: 'pinduoduo';
  /** Longest back-fill window one request may span (§2.4); pullCreated splits longer ones itself. */
  readonly createdMaxWindowMs: number;
  /** End incremental windows this long before now (§2.5); the runner's `safetyLagMs` for PDD shops. */
  readonly recommendedSafetyLagMs: number;
}

export function createPinduoduoConnector(options: PinduoduoOptions = {}): PinduoduoConnector {
  const config = pullConfig(options);
  return {
    channel: 'pinduoduo',
    // The runner splits by this: the increment API's 30 min (§2.5), the tighter of the two limits.
    maxWindowMs: PDD_INCREMENT_MAX_WINDOW_S * 1000,
    createdMaxWindowMs: PDD_LIST_MAX_WINDOW_S * 1000,
    recommendedSafetyLagMs: PDD_INCREMENT_SAFETY_LAG_MS,
    auth: pinduoduoAuth(config.errorCodes, options.authoriseUrl),
    pullModified: (shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>) => pullWindow(shop, window, MODIFIED, config, onPage),
    pullCreated: (shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>) => pullWindow(shop, window, CREATED, config, onPage),
    testConnection: (shop: ShopContext) => testConnection(shop, config),
  };
}

/** One page of size 1 of the increment API over the minute before the safety lag: cheap, signed, token-bound. */
async function testConnection(shop: ShopContext, config: PullConfig): Promise<{ ok: true; detail: string }> {
  const end = toUnixSeconds(shop.env.now() - PDD_INCREMENT_SAFETY_LAG_MS);
  const api = PDD_API.orderIncrement;
  const answer = await callPdd(
    shop,
    api,
    { order_status: PDD_ALL_ORDER_STATUS, refund_status: PDD_ALL_REFUND_STATUS, start_updated_at: end - 60, end_updated_at: end, page: 1, page_size: 1, use_has_next: true },
    config.errorCodes,
  );
  const body = answer.body[PDD_ROOTS[api].root];
  if (typeof body !== 'object' || body === null) throw malformedError(api, `the answer has no "${PDD_ROOTS[api].root}" object`, answer.text);
  const total = (body as { total_count?: unknown }).total_count;
  return { ok: true, detail: `${api} answered (client_id ${shop.credentials.appKey}; ${String(total ?? 0)} order(s) updated in the last minute before the safety lag)` };
}
