/**
 * 抖店 shop authorisation in the simulator: `token.create` {code, grant_type: authorization_code} and
 * `token.refresh` {refresh_token, grant_type: refresh_token} (third-party SDKs, [S]); a refused code or
 * refresh token answers 50001 `dop.token-generate-failed:*` (protocols.md §3.5 [S]). The authorise page
 * is GET /authorize (the real page's address is [U]).
 */
import type { IssuedGrant, OAuthBook } from '../common/oauth-book.js';
import type { JsonValue } from './json-text.js';
import type { ApiOutcome } from './orders-api.js';

export const AUTHORISE_PATH = '/authorize';
export const TOKEN_METHODS = new Set(['token.create', 'token.refresh']);

const refused = (why: string): ApiOutcome => ({ ok: false, code: 50001, msg: '平台处理失败', subCode: 'dop.token-generate-failed:invalid-grant', subMsg: why });
const invalid = (why: string): ApiOutcome => ({ ok: false, code: 40004, msg: '非法参数', subCode: 'isv.parameter-invalid:grant_type', subMsg: why });

function data(grant: IssuedGrant, shopId: string): ApiOutcome {
  const value = { access_token: grant.accessToken, expires_in: grant.expiresInS, refresh_token: grant.refreshToken, scope: 'SCOPE', shop_id: Number(shopId), shop_name: 'sandbox抖店', authority_id: shopId, auth_subject_type: 'MiniShop' };
  return { ok: true, dataText: JSON.stringify(value), orders: 0 };
}

export function tokenMethod(oauth: OAuthBook, method: string, appKey: string, params: Record<string, JsonValue>, shopId: string): ApiOutcome {
  const text = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
  if (method === 'token.create') {
    if (text('grant_type') !== 'authorization_code') return invalid('grant_type 须为 authorization_code');
    const grant = oauth.exchange(appKey, text('code'));
    return grant ? data(grant, shopId) : refused('code 无效或已过期');
  }
  if (text('grant_type') !== 'refresh_token') return invalid('grant_type 须为 refresh_token');
  const grant = oauth.renew(appKey, text('refresh_token'));
  return grant ? data(grant, shopId) : refused('refresh_token 无效或已过期');
}
