/**
 * 抖店 shop authorisation: the authorise page ([U], protocol.ts DEFAULT_AUTHORISE_URL), `token.create`
 * with the code and `token.refresh` with the refresh token (protocol.ts TOKEN_METHODS), signed like any
 * call (§3.3) without an access_token. `expires_in` is seconds from now.
 */
import { PlatformError, type ChannelAuth, type ShopContext, type TokenGrant } from '../types.js';
import { callDouyinOnce } from './client.js';
import { clip } from './errors.js';
import { isObject } from './fields.js';
import { DEFAULT_AUTHORISE_URL, GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN, type SignMethod, TOKEN_METHODS } from './protocol.js';

export function readDouyinToken(method: string, data: unknown, now: number, text: string): TokenGrant {
  if (!isObject(data) || typeof data.access_token !== 'string' || !data.access_token) {
    throw new PlatformError('malformed', `抖店 ${method}: data has no access_token`, { raw: clip(text) });
  }
  const expiresIn = Number(data.expires_in);
  const grant: TokenGrant = { accessToken: data.access_token, accessTokenExpiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : null };
  if (typeof data.refresh_token === 'string' && data.refresh_token) grant.refreshToken = data.refresh_token;
  if (data.shop_id !== undefined && data.shop_id !== null && data.shop_id !== '') grant.platformShopId = String(data.shop_id);
  return grant;
}

export function douyinAuth(signMethod: SignMethod, authoriseUrl = DEFAULT_AUTHORISE_URL): ChannelAuth {
  const call = async (shop: ShopContext, method: string, params: Record<string, string>) => {
    const answer = await callDouyinOnce(shop, method, params, signMethod, false);
    return readDouyinToken(method, answer.data, shop.env.now(), answer.text);
  };
  return {
    authoriseUrl: ({ appKey, redirectUri, state, baseUrl }) => {
      const url = new URL(baseUrl ?? authoriseUrl);
      url.search = new URLSearchParams({ app_key: appKey, response_type: 'code', redirect_uri: redirectUri, state }).toString();
      return url.toString();
    },
    exchangeCode: (shop, code) => call(shop, TOKEN_METHODS.create, { code, grant_type: GRANT_AUTHORIZATION_CODE }),
    refresh: (shop) => {
      const refreshToken = shop.credentials.refreshToken;
      if (!refreshToken) return Promise.reject(new PlatformError('auth', '抖店: this shop has no refresh_token; authorise it again', {}, undefined, 'auth.refreshFailed'));
      return call(shop, TOKEN_METHODS.refresh, { grant_type: GRANT_REFRESH_TOKEN, refresh_token: refreshToken });
    },
  };
}
