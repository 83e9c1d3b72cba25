/**
 * Douyin shop (抖店) open-platform constants. Every value cites protocols.md; values tagged [U] there
 * are defaults of `DouyinConnectorOptions`, never hard-coded into validation.
 */

/** §3.1: production gateway host (the connector takes `env.baseUrl`; this is the value to configure). */
export const DOUYIN_GATEWAY = 'https://openapi-fxg.jinritemai.com';

/** §3.1/§3.3: protocol version, sent as `v` and signed as `"v" + "2"`. */
export const API_VERSION = '2';

/** §3.1: `sign_method` values; §3.3 gives the algorithm for each. */
export type SignMethod = 'hmac-sha256' | 'md5';

/** §3.4: `code` of a successful answer (new envelope); §3.4: `err_no` 0 in the old envelope. */
export const SUCCESS_CODE = 10000;
export const OLD_SUCCESS_ERR_NO = 0;

/** §3.6: `size` is at most 100; `page` starts at 0. */
export const MAX_PAGE_SIZE = 100;
export const FIRST_PAGE = 0;

/**
 * Longest search window. protocols.md §3.6 documents no span limit for order.searchList ([U], §9
 * "Douyin per-API QPS" is unconfirmed too), so this is a conservative default — the same one day as
 * the Taobao and Pinduoduo windows (§1.5, §2.4) — and configurable.
 */
export const DEFAULT_MAX_WINDOW_MS = 24 * 3600_000;

/**
 * How many results one window may hold before it is bisected. Douyin's deep-paging limit is not in
 * protocols.md ([U]); 10,000 keeps page × size in a range every known gateway serves. Configurable.
 */
export const DEFAULT_MAX_RESULTS_PER_WINDOW = 10_000;

/** §3.1: extra header of the official SDK: answer with the new envelope only (no err_no/message). */
export const SDK_HEADERS: Record<string, string> = {
  'Content-Type': 'application/json;charset=UTF-8',
  Accept: '*/*',
  'x-open-no-old-err-code': '1',
};

/** §3.1: path = method with `.` → `/` (`order.searchList` → `/order/searchList`). */
export function methodPath(method: string): string {
  return `/${method.split('.').join('/')}`;
}

/** §3.1/§0: `timestamp` is unix seconds in the official SDK; the literal string is what is signed. */
export function unixSecondsTimestamp(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

/**
 * §3.1 names `/token/create` (no access_token) [S]; the authorisation-code grant and the refresh
 * call are from third-party SDKs [S] (`repo:gaigeshen/doudian` AccessTokenDoudianClient,
 * `repo:shitingbao/throwflow` douke/config.go): `token.create` {code, grant_type: authorization_code},
 * `token.refresh` {refresh_token, grant_type: refresh_token}; `data` = {access_token, expires_in (s),
 * refresh_token, scope, shop_id, shop_name}.
 */
export const TOKEN_METHODS = { create: 'token.create', refresh: 'token.refresh' } as const;
export const GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';

/**
 * [U] not in protocols.md: the 服务市场 authorise page and its parameters depend on the app type
 * (tool apps are bought through fuwu.jinritemai.com). Configurable (`DouyinConnectorOptions.authoriseUrl`).
 */
export const DEFAULT_AUTHORISE_URL = 'https://fuwu.jinritemai.com/authorize';
