/**
 * Pinduoduo Open Platform (POP) protocol constants. Every value names its protocols.md section and
 * confidence tag; [U] values are defaults of `PinduoduoOptions`, never hard-coded into validation.
 */

/** API names travel in the `type` common parameter (§2.1, §2.2). */
export const PDD_API = {
  /** By 成交时间 (confirm time): back-fill (§2.4) [V]. */
  orderList: 'pdd.order.list.get',
  /** By updated_at: the incremental pull (§2.5) [V]. */
  orderIncrement: 'pdd.order.number.list.increment.get',
  /** §2.1 [V]: code → token (`code`); response fields [S] (`repo:lywzx/pdd-node-sdk:…/gongJu/PddPopAuthTokenCreate.ts`). */
  tokenCreate: 'pdd.pop.auth.token.create',
  /** `refresh_token` → new tokens [S] (`repo:SchafferJ/open-pdd:src/http/model/tools/pdd_pop_auth_token_refresh.rs`). */
  tokenRefresh: 'pdd.pop.auth.token.refresh',
} as const;

/** Token answers' roots [S] (same SDK sources as PDD_API.tokenCreate). */
export const PDD_TOKEN_ROOTS = {
  [PDD_API.tokenCreate]: 'pop_auth_token_create_response',
  [PDD_API.tokenRefresh]: 'pop_auth_token_refresh_response',
} as const;

/** §2.1 [V]: the merchant's authorise page (response_type=code, client_id, redirect_uri, state). */
export const PDD_AUTHORISE_URL = 'https://mms.pinduoduo.com/open.html';

/** Response roots (§2.4, §2.5) [V]: the increment API answers under a different root and list key. */
export const PDD_ROOTS = {
  [PDD_API.orderList]: { root: 'order_list_get_response', list: 'order_list' },
  [PDD_API.orderIncrement]: { root: 'order_sn_increment_get_response', list: 'order_sn_list' },
} as const;

/** `start_confirm_at`/`end_confirm_at` span ≤ 24 h (§2.4) [V]. */
export const PDD_LIST_MAX_WINDOW_S = 24 * 3600;
/** `start_updated_at`/`end_updated_at` span ≤ 30 min (§2.5) [V]. */
export const PDD_INCREMENT_MAX_WINDOW_S = 30 * 60;
/**
 * §2.5 [V]: keep `end_updated_at` at least 3 min before PDD system time to avoid misses. The sync
 * runner owns window ends (shop setting `safetyLagMs`); this is the value to configure for PDD shops.
 */
export const PDD_INCREMENT_SAFETY_LAG_MS = 3 * 60_000;

/** `page_size` default 100, max 100; `page` counts from 1 (§2.4, §2.5) [V]. */
export const PDD_MAX_PAGE_SIZE = 100;

/** Query filters meaning "all" (§2.4, §2.5) [V]: order_status 5 全部, refund_status 5 全部. */
export const PDD_ALL_ORDER_STATUS = 5;
export const PDD_ALL_REFUND_STATUS = 5;

/** Common parameters (§2.2) [V]: `data_type` upper-case `JSON`; `version` defaults to `V1`. */
export const PDD_DATA_TYPE = 'JSON';
export const PDD_VERSION = 'V1';

/** Platform times are wall-clock Beijing time, "yyyy-MM-dd HH:mm:ss" (§2.4 sample; §0 time notes). */
export const PDD_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** error_code → PlatformError kind. Only 20004 is verified; the rest are [U] defaults (§2.6, §9). */
export interface PddErrorCodes {
  auth: string[];
  rateLimit: string[];
  transient: string[];
  /** The auth codes meaning "the access_token expired" (refresh, then retry once). */
  tokenExpired: string[];
}

export const DEFAULT_PDD_ERROR_CODES: PddErrorCodes = {
  // 20004 签名验证失败 [V] (§2.6); 10019 "access_token 过期" commonly cited, unverified [U] (§2.6).
  auth: ['20004', '10019'],
  // 70031 "调用过于频繁" commonly cited, unverified [U] (§2.6).
  rateLimit: ['70031'],
  // No "system busy" code is documented (§2.6); HTTP 5xx, network errors and timeouts are transient.
  transient: [],
  // 10019 "access_token 过期" commonly cited, unverified [U] (§2.6, §9).
  tokenExpired: ['10019'],
};

/** 20004 签名验证失败 [V] (§2.6). */
export const PDD_SIGNATURE_CODE = '20004';
