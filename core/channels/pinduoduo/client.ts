/**
 * One signed POP call: common parameters (protocols.md §2.2), signature (§2.3), form POST to the
 * router (§2.1), JSON answer parsed losslessly, error envelope (§2.6) and transport failures turned
 * into PlatformErrors.
 */
import { parseJsonLossless } from '../lossless-json.js';
import { PlatformError, type ShopContext, withShopToken } from '../types.js';
import { errorEnvelope, malformedError, pddError } from './errors.js';
import { PDD_DATA_TYPE, PDD_VERSION, type PddErrorCodes } from './protocol.js';
import { type PddParams, signPddParams, wireValue } from './sign.js';
import { toUnixSeconds } from './time.js';

export interface PddAnswer {
  body: Record<string, unknown>;
  text: string;
}

/** Common parameters (§2.2 [V]) + business parameters, all as the exact wire strings, then `sign` (§2.3). */
export function signedParams(shop: ShopContext, api: string, business: Record<string, string | number | boolean>, withToken = true): PddParams {
  const { appKey, appSecret, accessToken } = shop.credentials;
  const params: PddParams = {
    type: api,
    client_id: appKey,
    timestamp: String(toUnixSeconds(shop.env.now())), // unix SECONDS, within 10 min of server time (§2.2)
    data_type: PDD_DATA_TYPE,
    version: PDD_VERSION,
  };
  if (accessToken && withToken) params.access_token = accessToken;
  for (const [k, v] of Object.entries(business)) params[k] = wireValue(v);
  params.sign = signPddParams(params, appSecret);
  return params;
}

export async function callPdd(shop: ShopContext, api: string, business: Record<string, string | number | boolean>, codes: PddErrorCodes): Promise<PddAnswer> {
  return withShopToken(shop, () => callPddOnce(shop, api, business, codes, true));
}

/** One signed call; `withToken` false for the token APIs themselves (the code / refresh_token authorises them). */
export async function callPddOnce(shop: ShopContext, api: string, business: Record<string, string | number | boolean>, codes: PddErrorCodes, withToken: boolean): Promise<PddAnswer> {
  const body = new URLSearchParams(signedParams(shop, api, business, withToken)).toString();
  let response: Response;
  let text: string;
  try {
    response = await shop.env.fetch(shop.env.baseUrl, {
      method: 'POST', // the SDK sends POST form fields (§2.1)
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(shop.env.timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    throw transportError(api, err, shop.env.timeoutMs);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(text);
  } catch (err) {
    if (response.status >= 500) throw httpError(api, response, text);
    throw malformedError(api, `unparseable JSON (HTTP ${response.status}): ${(err as Error).message}`, text);
  }
  const envelope = errorEnvelope(parsed);
  if (envelope) throw pddError(api, envelope, text, codes, response.status);
  if (!response.ok) throw httpError(api, response, text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedError(api, 'the answer is not a JSON object', text);
  return { body: parsed as Record<string, unknown>, text };
}

function transportError(api: string, err: unknown, timeoutMs: number): PlatformError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new PlatformError('transient', `Pinduoduo ${api}: no answer within ${timeoutMs} ms`, {}, undefined, 'network.timeout');
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return new PlatformError('transient', `Pinduoduo ${api}: network error ${err instanceof Error ? err.message : String(err)}${cause}`, {}, undefined, 'network.unreachable');
}

function httpError(api: string, response: Response, text: string): PlatformError {
  const raw = text.slice(0, 2000);
  const message = `Pinduoduo ${api}: HTTP ${response.status} ${response.statusText}`.trim();
  if (response.status === 429) return new PlatformError('rate-limit', message, { code: 'HTTP 429', raw }, retryAfterMs(response));
  if (response.status >= 500) return new PlatformError('transient', message, { code: `HTTP ${response.status}`, raw });
  return new PlatformError('permanent', message, { code: `HTTP ${response.status}`, raw });
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
