/**
 * One signed TOP call: system parameters (§1.2), signature (§1.3), form-encoded POST to the router
 * (§1.1), and the JSON answer read losslessly (`tid` is a bare 19-digit number, §1.6) into either the
 * method's response root or a PlatformError.
 */
import { parseJsonLossless } from '../lossless-json.js';
import { PlatformError, type ShopContext, withShopToken } from '../types.js';
import { formatBeijing } from './beijing-time.js';
import { platformErrorFromTop, type TopErrorBody } from './errors.js';
import { responseRootOf, TOP_FORMAT, TOP_VERSION, type SignMethod } from './protocol.js';
import { signTopParams } from './sign.js';

export type TopParamValue = string | number | boolean | undefined | null;

export interface TopCallOptions {
  signMethod: SignMethod;
  /** §1.2: `session` only for APIs that need the seller's authorisation (trades yes, TMC no). */
  withSession: boolean;
}

export interface TopAnswer {
  /** The `<method>_response` object. */
  root: Record<string, unknown>;
  /** The body exactly as received. */
  text: string;
}

/** Every parameter as the exact string that is both signed and sent (§0); empty ones dropped (§1.3 step 1). */
export function buildTopForm(shop: ShopContext, method: string, business: Record<string, TopParamValue>, options: TopCallOptions): Record<string, string> {
  const params: Record<string, string> = {
    method,
    app_key: shop.credentials.appKey,
    timestamp: formatBeijing(shop.env.now()),
    v: TOP_VERSION,
    format: TOP_FORMAT,
    sign_method: options.signMethod,
  };
  if (options.withSession) params.session = shop.credentials.accessToken ?? '';
  for (const [k, v] of Object.entries(business)) if (v !== undefined && v !== null) params[k] = String(v);
  for (const k of Object.keys(params)) if (params[k] === '') delete params[k];
  params.sign = signTopParams(params, shop.credentials.appSecret, options.signMethod);
  return params;
}

async function post(shop: ShopContext, method: string, form: Record<string, string>): Promise<string> {
  let response: Response;
  try {
    response = await shop.env.fetch(shop.env.baseUrl, {
      method: 'POST', // §1.1/§1.7 code 9: upper-case POST
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(shop.env.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const why = timedOut ? `timed out after ${shop.env.timeoutMs} ms` : String(err);
    throw new PlatformError('transient', `${method}: ${why}`, {}, undefined, timedOut ? 'network.timeout' : 'network.unreachable');
  }
  let body: string;
  try {
    body = await response.text();
  } catch (err) {
    throw new PlatformError('transient', `${method}: reading the answer failed: ${String(err)}`);
  }
  if (!response.ok) {
    // 429 is throttling; 5xx/408 are the gateway's trouble; other 4xx (a wrong base URL) will not heal by retrying.
    const kind = response.status === 429 ? 'rate-limit' : response.status >= 500 || response.status === 408 ? 'transient' : 'permanent';
    throw new PlatformError(kind, `${method}: HTTP ${response.status}`, { code: `HTTP ${response.status}`, raw: body.slice(0, 2000) });
  }
  return body;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Parses a TOP answer: the method's root, or the `error_response` as a PlatformError (§1.6). */
export function readTopAnswer(method: string, text: string): TopAnswer {
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(text);
  } catch (err) {
    throw new PlatformError('malformed', `${method}: the answer is not JSON (${(err as Error).message})`, { raw: text.slice(0, 2000) });
  }
  const envelope = asObject(parsed);
  const error = asObject(envelope?.error_response);
  if (error) throw platformErrorFromTop(error as TopErrorBody, text, method);
  const root = asObject(envelope?.[responseRootOf(method)]);
  if (!root) throw new PlatformError('malformed', `${method}: neither ${responseRootOf(method)} nor error_response in the answer`, { raw: text.slice(0, 2000) });
  return { root, text };
}

export async function callTop(shop: ShopContext, method: string, business: Record<string, TopParamValue>, options: TopCallOptions): Promise<TopAnswer> {
  const once = async () => readTopAnswer(method, await post(shop, method, buildTopForm(shop, method, business, options)));
  // Calls without the seller's session (TMC, token exchange) have no token to refresh.
  return options.withSession ? withShopToken(shop, once) : once();
}
