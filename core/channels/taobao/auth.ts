/**
 * Seller authorisation on TOP: the authorise page (OAuth 2 code flow), the code exchange and the
 * refresh, both signed router calls without a session (§1.2: `session` only for APIs that need the
 * seller's grant). Sources and confidence in protocol.ts (METHODS.tokenCreate); the field names of
 * `token_result` are [S]/[U] and read defensively: absolute times (`expire_time`,
 * `refresh_token_valid_time`, epoch ms) win over relative ones (`expires_in`, `re_expires_in`, seconds).
 */
import { PlatformError, type ChannelAuth, type ShopContext, type TokenGrant } from '../types.js';
import { callTop } from './client.js';
import { DEFAULT_AUTHORISE_URL, METHODS, type SignMethod } from './protocol.js';

export interface TaobaoAuthOptions {
  signMethod: SignMethod;
  authoriseUrl?: string;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Reads `token_result` (a JSON string inside the response root) into a grant. */
export function readTokenResult(method: string, root: Record<string, unknown>, now: number, text: string): TokenGrant {
  const raw = root.token_result;
  let result: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) result = parsed as Record<string, unknown>;
  } catch {
    result = null;
  }
  const accessToken = result && typeof result.access_token === 'string' ? result.access_token : '';
  if (!result || !accessToken) throw new PlatformError('malformed', `${method}: token_result has no access_token`, { raw: text.slice(0, 2000) });
  const expiresIn = num(result.expires_in);
  const refreshIn = num(result.re_expires_in);
  const grant: TokenGrant = {
    accessToken,
    accessTokenExpiresAt: num(result.expire_time) ?? (expiresIn !== null ? now + expiresIn * 1000 : null),
    refreshTokenExpiresAt: num(result.refresh_token_valid_time) ?? (refreshIn !== null && refreshIn > 0 ? now + refreshIn * 1000 : null),
  };
  if (typeof result.refresh_token === 'string' && result.refresh_token) grant.refreshToken = result.refresh_token;
  if (typeof result.taobao_user_nick === 'string' && result.taobao_user_nick) grant.platformShopId = decodeURIComponent(result.taobao_user_nick);
  return grant;
}

export function taobaoAuth(options: TaobaoAuthOptions): ChannelAuth {
  const call = async (shop: ShopContext, method: string, params: Record<string, string>) => {
    const answer = await callTop(shop, method, params, { signMethod: options.signMethod, withSession: false });
    return readTokenResult(method, answer.root, shop.env.now(), answer.text);
  };
  return {
    authoriseUrl: ({ appKey, redirectUri, state, baseUrl }) => {
      const url = new URL(baseUrl ?? options.authoriseUrl ?? DEFAULT_AUTHORISE_URL);
      url.search = new URLSearchParams({ response_type: 'code', client_id: appKey, redirect_uri: redirectUri, state, view: 'web' }).toString();
      return url.toString();
    },
    exchangeCode: (shop, code) => call(shop, METHODS.tokenCreate, { code }),
    refresh: (shop) => {
      const refreshToken = shop.credentials.refreshToken;
      if (!refreshToken) return Promise.reject(new PlatformError('auth', 'Taobao: this shop has no refresh_token; authorise it again', {}, undefined, 'auth.refreshFailed'));
      return call(shop, METHODS.tokenRefresh, { refresh_token: refreshToken });
    },
  };
}
