/**
 * TOP seller authorisation in the simulator: `taobao.top.auth.token.create` (code) and
 * `taobao.top.auth.token.refresh` (refresh_token), answering `token_result` as a JSON string (the
 * shape of `repo:bububa/opentaobao:model/util/TaobaoTopAuthToken*`; field names of the string [U]).
 * The authorise page lives at GET /authorize.
 */
import type { IssuedGrant, OAuthBook } from '../common/oauth-book.js';
import type { TopErrorSpec } from './top-errors.js';
import { TopFault, TOP_ERRORS } from './top-errors.js';

export const AUTHORISE_PATH = '/authorize';

/** [U]: the sub_code of a refused code / refresh token is not in protocols.md. */
const refused = (what: string): TopErrorSpec => ({ code: 15, msg: 'Remote service error', sub_code: `isv.${what}-invalid`, sub_msg: `${what} 无效或已过期` });

export interface OAuthMethodContext {
  oauth: OAuthBook;
  appKey: string;
  requestId: string;
  sellerNick: string;
}

function tokenResult(grant: IssuedGrant, sellerNick: string): string {
  return JSON.stringify({
    w1_valid: grant.accessExpiresAt,
    refresh_token_valid_time: grant.refreshExpiresAt,
    w2_valid: grant.accessExpiresAt,
    taobao_user_nick: encodeURIComponent(sellerNick),
    re_expires_in: grant.refreshExpiresInS,
    expire_time: grant.accessExpiresAt,
    token_type: 'Bearer',
    access_token: grant.accessToken,
    taobao_open_uid: 'AAHm5d-EAAeGwJedwSHpg8bT',
    refresh_token: grant.refreshToken,
    expires_in: grant.expiresInS,
  });
}

function answer(root: string, grant: IssuedGrant, ctx: OAuthMethodContext): string {
  return JSON.stringify({ [root]: { token_result: tokenResult(grant, ctx.sellerNick), request_id: ctx.requestId } });
}

export function tokenCreate(form: ReadonlyMap<string, string>, ctx: OAuthMethodContext): string {
  const code = form.get('code');
  if (!code) throw new TopFault(TOP_ERRORS.missingArgument('code'));
  const grant = ctx.oauth.exchange(ctx.appKey, code);
  if (!grant) throw new TopFault(refused('code'));
  return answer('top_auth_token_create_response', grant, ctx);
}

export function tokenRefresh(form: ReadonlyMap<string, string>, ctx: OAuthMethodContext): string {
  const token = form.get('refresh_token');
  if (!token) throw new TopFault(TOP_ERRORS.missingArgument('refresh_token'));
  const grant = ctx.oauth.renew(ctx.appKey, token);
  if (!grant) throw new TopFault(refused('refresh-token'));
  return answer('top_auth_token_refresh_response', grant, ctx);
}
