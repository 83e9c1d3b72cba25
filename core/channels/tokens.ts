/**
 * Keeps a stored shop's access token fresh. Credentials (access token, refresh token, expiries) live
 * in the secrets module; a refresh replaces them in one audited mutation and then in every live
 * ShopContext of the shop. One refresh per shop at a time: platforms rotate the refresh token, so a
 * second concurrent refresh with the old one would fail and lock the shop out.
 * A refresh that fails changes nothing stored: the error (kind 'auth', code 'auth.refreshFailed',
 * the platform's raw message) fails the request, the run records it and the shop shows 'auth-failed'.
 */
import type { ShopCredentialsInput, TokenState } from '../contract/channels.js';
import type { Channel } from '../contract/orders.js';
import type { Clock } from '../kernel/clock.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import { PlatformError, type ChannelAuth, type ShopContext, type TokenGrant, type TokenSession } from './types.js';

export const credentialsSecret = (shopId: string) => `shop:${shopId}:credentials`;

/** Default margin: refresh when the token has less than this left (configurable per engine: partners.tokenRefreshMarginMs). */
export const DEFAULT_REFRESH_MARGIN_MS = 30 * 60_000;

const ACTOR = { type: 'system' as const, id: 'channels', name: '渠道同步' };

export function tokenState(credentials: ShopCredentialsInput | null, now: number, marginMs: number): TokenState {
  const at = credentials?.accessTokenExpiresAt;
  if (!credentials?.accessToken || typeof at !== 'number') return 'unknown';
  if (at <= now) return 'expired';
  return at - now <= marginMs ? 'expiring' : 'ok';
}

/** The new credentials after a grant: the app key/secret stay; a grant without a refresh token keeps the old one. */
export function applyGrant(current: ShopCredentialsInput, grant: TokenGrant): ShopCredentialsInput {
  const next: ShopCredentialsInput = { ...current, accessToken: grant.accessToken };
  if (grant.refreshToken) next.refreshToken = grant.refreshToken;
  if (grant.accessTokenExpiresAt !== null) next.accessTokenExpiresAt = grant.accessTokenExpiresAt;
  else delete next.accessTokenExpiresAt;
  if (grant.refreshTokenExpiresAt) next.refreshTokenExpiresAt = grant.refreshTokenExpiresAt;
  if (grant.platformShopId && !next.platformShopId) next.platformShopId = grant.platformShopId;
  return next;
}

/**
 * Stores credentials and audits what changed — never the secrets themselves, only which fields
 * changed and the new expiry.
 */
export function storeCredentials(w: WriteContext, secrets: SecretStore, shopId: string, before: ShopCredentialsInput | null, next: ShopCredentialsInput, action: string, reason: string): void {
  secrets.put(w, credentialsSecret(shopId), JSON.stringify(next));
  const changed = (['appKey', 'appSecret', 'accessToken', 'refreshToken', 'platformShopId'] as const).filter((k) => (before?.[k] ?? null) !== (next[k] ?? null));
  w.audit({
    entityType: 'shop',
    entityId: shopId,
    action,
    reason,
    changes: [
      { field: 'credentials.changed', before: null, after: changed.join(',') },
      { field: 'credentials.accessTokenExpiresAt', before: before?.accessTokenExpiresAt ?? null, after: next.accessTokenExpiresAt ?? null },
    ],
  });
}

export interface TokenKeeperDeps {
  mutations: MutationQueue;
  secrets: SecretStore;
  clock: Clock;
  marginMs: number;
}

export class TokenKeeper {
  private readonly inflight = new Map<string, Promise<void>>();
  /** Live contexts per shop, so a refresh reaches the TMC job and a running sync alike. */
  private readonly live = new Map<string, Set<ShopContext>>();

  constructor(private readonly deps: TokenKeeperDeps) {}

  stored(shopId: string): ShopCredentialsInput | null {
    const text = this.deps.secrets.get(credentialsSecret(shopId));
    return text ? (JSON.parse(text) as ShopCredentialsInput) : null;
  }

  /** Attaches token care to a stored shop's context. */
  attach(context: ShopContext, channel: Channel, auth: ChannelAuth): ShopContext {
    let set = this.live.get(context.shopId);
    if (!set) this.live.set(context.shopId, (set = new Set()));
    // Contexts are short-lived (one run, one TMC poll); keep only a few so the set cannot grow without bound.
    if (set.size > 16) set.delete(set.values().next().value as ShopContext);
    set.add(context);
    const session: TokenSession = {
      ensureFresh: async () => {
        const latest = this.stored(context.shopId);
        if (latest && latest.accessToken !== context.credentials.accessToken) context.credentials = latest;
        const creds = context.credentials;
        if (!creds.refreshToken || typeof creds.accessTokenExpiresAt !== 'number') return;
        if (creds.accessTokenExpiresAt - this.deps.clock.now() > this.deps.marginMs) return;
        await this.refresh(context, channel, auth, 'expiring', creds.accessToken);
      },
      renew: (expiredToken) => this.refresh(context, channel, auth, 'expired', expiredToken),
    };
    context.tokens = session;
    return context;
  }

  /** Refresh now (the "refresh now" button, or a token about to expire / expired). */
  refresh(context: ShopContext, channel: Channel, auth: ChannelAuth, why: 'expiring' | 'expired' | 'manual', seenToken: string | undefined): Promise<void> {
    const running = this.inflight.get(context.shopId);
    if (running) return running.then(() => this.adopt(context));
    const work = this.doRefresh(context, channel, auth, why, seenToken).finally(() => this.inflight.delete(context.shopId));
    this.inflight.set(context.shopId, work);
    return work;
  }

  private adopt(context: ShopContext): void {
    const latest = this.stored(context.shopId);
    if (latest) context.credentials = latest;
  }

  private async doRefresh(context: ShopContext, channel: Channel, auth: ChannelAuth, why: string, seenToken: string | undefined): Promise<void> {
    const current = this.stored(context.shopId) ?? context.credentials;
    // Someone refreshed since this caller read its token: use theirs.
    if (why !== 'manual' && seenToken !== undefined && current.accessToken !== seenToken) {
      context.credentials = current;
      return;
    }
    let grant: TokenGrant;
    try {
      grant = await auth.refresh({ ...context, credentials: current, tokens: undefined });
    } catch (err) {
      const platform = err instanceof PlatformError ? err.platform : {};
      const detail = err instanceof Error ? err.message : String(err);
      throw new PlatformError('auth', `Token refresh failed (${why}): ${detail}`, platform, undefined, 'auth.refreshFailed');
    }
    const next = applyGrant(current, grant);
    await this.deps.mutations.run(ACTOR, `token:${channel}:${context.shopId}`, (w) =>
      storeCredentials(w, this.deps.secrets, context.shopId, current, next, 'token-refresh', `Access token refreshed (${why}).`),
    );
    for (const live of this.live.get(context.shopId) ?? []) live.credentials = next;
    context.credentials = next;
  }
}
