/**
 * One signed call to the 抖店 gateway: request layout §3.1, param_json §3.2, signature §3.3, envelope
 * §3.4, errors §3.5. Every answer is parsed losslessly (19-digit ids stay exact).
 */
import { parseJsonLossless } from '../lossless-json.js';
import { PlatformError, type ShopContext, withShopToken } from '../types.js';
import { clip, type DouyinEnvelope, envelopeError, httpError, isSuccess } from './errors.js';
import { API_VERSION, methodPath, SDK_HEADERS, type SignMethod, unixSecondsTimestamp } from './protocol.js';
import { canonicalParamJson, type ParamValue, signDouyinRequest } from './sign.js';

export interface DouyinAnswer {
  /** `data` of the envelope, parsed losslessly. */
  data: unknown;
  /** The whole answer text, for exact raw slices. */
  text: string;
  logId?: string;
}

/** §3.1: the URL (method path + signed query) and the body (param_json itself) of one request. */
export function buildDouyinRequest(
  shop: ShopContext,
  method: string,
  params: { [key: string]: ParamValue | undefined },
  signMethod: SignMethod,
  withToken = true,
): { url: string; body: string } {
  const { appKey, appSecret, accessToken } = shop.credentials;
  const paramJson = canonicalParamJson(params);
  const timestamp = unixSecondsTimestamp(shop.env.now());
  const sign = signDouyinRequest({ appKey, appSecret, method, paramJson, timestamp }, signMethod);
  const query = new URLSearchParams({ method, app_key: appKey });
  if (accessToken && withToken) query.set('access_token', accessToken);
  query.set('timestamp', timestamp);
  query.set('v', API_VERSION);
  query.set('sign', sign);
  query.set('sign_method', signMethod);
  return { url: `${shop.env.baseUrl.replace(/\/+$/, '')}${methodPath(method)}?${query.toString()}`, body: paramJson };
}

export async function callDouyin(
  shop: ShopContext,
  method: string,
  params: { [key: string]: ParamValue | undefined },
  signMethod: SignMethod = 'hmac-sha256',
): Promise<DouyinAnswer> {
  return withShopToken(shop, () => callDouyinOnce(shop, method, params, signMethod, true));
}

/** One signed call; `withToken` false for token.create / token.refresh (§3.1: no access_token). */
export async function callDouyinOnce(
  shop: ShopContext,
  method: string,
  params: { [key: string]: ParamValue | undefined },
  signMethod: SignMethod,
  withToken: boolean,
): Promise<DouyinAnswer> {
  const { url, body } = buildDouyinRequest(shop, method, params, signMethod, withToken);
  let status: number;
  let text: string;
  try {
    const res = await shop.env.fetch(url, { method: 'POST', headers: SDK_HEADERS, body, signal: AbortSignal.timeout(shop.env.timeoutMs) });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const name = (err as { name?: string }).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const why = timedOut ? `no answer within ${shop.env.timeoutMs} ms` : `network error: ${(err as Error).message}`;
    throw new PlatformError('transient', `抖店 ${method}: ${why}`, { code: timedOut ? 'timeout' : 'network' }, undefined, timedOut ? 'network.timeout' : 'network.unreachable');
  }
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(text);
  } catch {
    if (status < 200 || status >= 300) throw httpError(status, method, text);
    throw new PlatformError('malformed', `抖店 ${method}: the answer is not JSON`, { raw: clip(text) });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PlatformError('malformed', `抖店 ${method}: the answer is not a JSON object`, { raw: clip(text) });
  }
  const env = parsed as DouyinEnvelope;
  const hasEnvelope = env.code !== undefined || env.err_no !== undefined;
  if (!hasEnvelope) {
    if (status < 200 || status >= 300) throw httpError(status, method, text);
    throw new PlatformError('malformed', `抖店 ${method}: the answer has no code/err_no (§3.4)`, { raw: clip(text) });
  }
  if (!isSuccess(env)) throw envelopeError(env, method, text);
  if (status < 200 || status >= 300) throw httpError(status, method, text);
  return { data: env.data, text, logId: env.log_id || undefined };
}
