/**
 * Merchant authorisation on POP: the authorise page (§2.1 [V]), `pdd.pop.auth.token.create` with the
 * code and `pdd.pop.auth.token.refresh` with the refresh token (protocol.ts PDD_API, [S]), signed like
 * every call (§2.3) but without an access_token. Answer fields [S]: `access_token`, `expires_in` (s),
 * `expires_at`, `refresh_token`, `refresh_token_expires_in`, `refresh_token_expires_at`, `owner_id`.
 * The unit of the `*_expires_at` points is not documented [U]: values below 10^12 are read as seconds.
 */
import { PlatformError, type ChannelAuth, type ShopContext, type TokenGrant } from '../types.js';
import { callPddOnce } from './client.js';
import { malformedError } from './errors.js';
import { PDD_API, PDD_AUTHORISE_URL, PDD_TOKEN_ROOTS, type PddErrorCodes } from './protocol.js';

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
};
const pointMs = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : n < 1e12 ? n * 1000 : n;
};

export function readPddToken(api: keyof typeof PDD_TOKEN_ROOTS, body: Record<string, unknown>, now: number, text: string): TokenGrant {
  const root = body[PDD_TOKEN_ROOTS[api]];
  const r = root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : null;
  if (!r || typeof r.access_token !== 'string' || !r.access_token) throw malformedError(api, `the answer has no ${PDD_TOKEN_ROOTS[api]}.access_token`, text);
  const expiresIn = num(r.expires_in);
  const refreshIn = num(r.refresh_token_expires_in);
  const grant: TokenGrant = {
    accessToken: r.access_token,
    accessTokenExpiresAt: pointMs(r.expires_at) ?? (expiresIn !== null ? now + expiresIn * 1000 : null),
    refreshTokenExpiresAt: pointMs(r.refresh_token_expires_at) ?? (refreshIn !== null ? now + refreshIn * 1000 : null),
  };
  if (typeof r.refresh_token === 'string' && r.refresh_token) grant.refreshToken = r.refresh_token;
  if (r.owner_id !== undefined && r.owner_id !== null && r.owner_id !== '') grant.platformShopId = String(r.owner_id);
  return grant;
}

export function pinduoduoAuth(codes: PddErrorCodes, authoriseUrl = PDD_AUTHORISE_URL): ChannelAuth {
  const call = async (shop: ShopContext, api: keyof typeof PDD_TOKEN_ROOTS, params: Record<string, string>) => {
    const answer = await callPddOnce(shop, api, params, codes, false);
    return readPddToken(api, answer.body, shop.env.now(), answer.text);
  };
  return {
    authoriseUrl: ({ appKey, redirectUri, state, baseUrl }) => {
      const url = new URL(baseUrl ?? authoriseUrl);
      url.search = new URLSearchParams({ response_type: 'code', client_id: appKey, redirect_uri: redirectUri, state }).toString();
      return url.toString();
    },
    exchangeCode: (shop, code) => call(shop, PDD_API.tokenCreate, { code }),
    refresh: (shop) => {
      const refreshToken = shop.credentials.refreshToken;
      if (!refreshToken) return Promise.reject(new PlatformError('auth', 'Pinduoduo: this shop has no refresh_token; authorise it again', {}, undefined, 'auth.refreshFailed'));
      return call(shop, PDD_API.tokenRefresh, { refresh_token: refreshToken });
    },
  };
}
