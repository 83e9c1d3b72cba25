/**
 * POP merchant authorisation in the simulator: `pdd.pop.auth.token.create` (code) and
 * `pdd.pop.auth.token.refresh` (refresh_token), answer fields per the generated SDK typings
 * (`repo:lywzx/pdd-node-sdk:…/gongJu/PddPopAuthTokenCreate.ts`, [S]); `*_expires_at` in unix seconds [U].
 * The authorise page (§2.1: mms.pinduoduo.com/open.html) is GET /open.html here.
 */
import type { IssuedGrant, OAuthBook } from '../common/oauth-book.js';
import { type PddFailure, pddFailure } from './failures.js';

export const AUTHORISE_PATH = '/open.html';
export const TOKEN_APIS = { create: 'pdd.pop.auth.token.create', refresh: 'pdd.pop.auth.token.refresh' } as const;

/** [U]: the code for a refused code / refresh token is not in protocols.md; 10000 参数错误 is the documented parameter error (§2.6). */
const refused = (what: string): PddFailure => pddFailure(10000, `参数错误:${what}无效或已过期`, '10000');

export function isTokenApi(type: string): boolean {
  return type === TOKEN_APIS.create || type === TOKEN_APIS.refresh;
}

function body(root: string, grant: IssuedGrant, mallId: string): Record<string, unknown> {
  const s = (ms: number) => Math.floor(ms / 1000);
  return {
    [root]: {
      access_token: grant.accessToken,
      expires_at: s(grant.accessExpiresAt),
      expires_in: grant.expiresInS,
      owner_id: mallId,
      owner_name: 'sandbox拼多多店',
      refresh_token: grant.refreshToken,
      refresh_token_expires_at: s(grant.refreshExpiresAt),
      refresh_token_expires_in: grant.refreshExpiresInS,
      scope: ['pdd.order.list.get', 'pdd.order.number.list.increment.get'],
    },
  };
}

export function tokenAnswer(oauth: OAuthBook, type: string, clientId: string, params: Map<string, string>, mallId: string): { ok: true; body: Record<string, unknown> } | { ok: false; failure: PddFailure } {
  if (type === TOKEN_APIS.create) {
    const grant = oauth.exchange(clientId, params.get('code') ?? '');
    return grant ? { ok: true, body: body('pop_auth_token_create_response', grant, mallId) } : { ok: false, failure: refused('code') };
  }
  const grant = oauth.renew(clientId, params.get('refresh_token') ?? '');
  return grant ? { ok: true, body: body('pop_auth_token_refresh_response', grant, mallId) } : { ok: false, failure: refused('refresh_token') };
}
