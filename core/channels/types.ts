/**
 * The contract every platform connector implements (issue 3). A connector turns a platform's open
 * API into pages of unified `OrderInput`s; the sync runner (core/channels/sync/) owns windows,
 * cursors, retries, circuit breaking and the exactly-once write path, so connectors stay protocol code.
 */
import type { FailureCode, PlatformFailureInfo, ShopCredentialsInput } from '../contract/channels.js';
import type { FieldSources } from '../contract/mapping.js';
import type { Channel, OrderInput } from '../contract/orders.js';
import { defaultFailureCode, type PlatformErrorKind } from './failures.js';

/**
 * Per-shop credentials, kept in the secrets module (core/secrets), never in plain tables.
 * `platformShopId` is the platform's own shop id (Douyin shop_id, Taobao seller nick, Pinduoduo mall id).
 */
export type ShopCredentials = ShopCredentialsInput;

export interface ConnectorEnvironment {
  /** Gateway base URL: the real platform, or a sandbox simulator on loopback. */
  baseUrl: string;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Injected clock (signing timestamps, window math). */
  now(): number;
  /** Injected fetch (tests may wrap it to count calls; it is still real HTTP). */
  fetch: typeof fetch;
}

export interface ShopContext {
  /** Our shop id (the `shopId` of every OrderInput this shop produces). */
  shopId: string;
  /** Read at every request: a token refresh replaces it mid-run. */
  credentials: ShopCredentials;
  env: ConnectorEnvironment;
  /** The shop's resolved field mapping (core/channels/mapping); absent = the connector's defaults. */
  mapping?: FieldSources;
  /** A stored shop's token keeper (refresh before expiry, once on an expired-token error); absent for unsaved credentials. */
  tokens?: TokenSession;
}

/** What a platform answers to a code exchange or a refresh. */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; null when the answer carries no expiry. */
  accessTokenExpiresAt: number | null;
  refreshTokenExpiresAt?: number | null;
  /** The platform's own shop id / seller nick when the answer names it. */
  platformShopId?: string;
}

/** Shop authorisation where the platform offers it (OAuth code → tokens, refresh token → new tokens). */
export interface ChannelAuth {
  /** The page where the seller grants the app; `state` comes back with the code. */
  authoriseUrl(input: { appKey: string; redirectUri: string; state: string; baseUrl?: string }): string;
  exchangeCode(shop: ShopContext, code: string): Promise<TokenGrant>;
  /** Uses `shop.credentials.refreshToken`; the platform rotates the tokens. */
  refresh(shop: ShopContext): Promise<TokenGrant>;
}

/** Per shop and run: keeps `ShopContext.credentials` fresh (core/channels/tokens.ts). */
export interface TokenSession {
  /** Refreshes first when the stored token expires within the configured margin. */
  ensureFresh(): Promise<void>;
  /** The platform said `expiredToken` expired: refresh (once, shared by concurrent callers) unless another caller already did. */
  renew(expiredToken: string | undefined): Promise<void>;
}

/** Half-open time window [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** One page as the platform returned it, normalised. */
export interface PulledPage {
  orders: OrderInput[];
  /** Platform statuses this page held that no mapping table knows: recorded and flagged, never guessed. */
  unknownStatuses: Array<{ platformOrderId: string; status: string }>;
  /** Orders on the page that could not be normalised at all (malformed), with why. */
  rejected: Array<{ platformOrderId: string | null; message: string }>;
}

export type { PlatformErrorKind } from './failures.js';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    /** The platform's own code and message, verbatim, for the shop's health panel. */
    readonly platform: { code?: string; subCode?: string; message?: string; requestId?: string; raw?: string } = {},
    /** Server hint (ms) for rate limits. */
    readonly retryAfterMs?: number,
    /** Stable code for the UI (signature, expired token …); defaults to the kind's general code. */
    readonly code: FailureCode = defaultFailureCode(kind),
  ) {
    super(message);
  }
}

export interface ChannelConnector {
  readonly channel: Channel;
  /** Longest window one query may span (protocols.md per platform). */
  readonly maxWindowMs: number;
  /** Longest window of the back-fill (creation-time) query when it differs (Pinduoduo: 24 h vs 30 min). */
  readonly createdMaxWindowMs?: number;
  /**
   * Every order modified in `window`, page by page, in an order the platform guarantees to be stable
   * under concurrent updates (Taobao's increment API is paged back to front, protocols.md §1.5).
   * `onPage` is awaited before the next page is requested, so the caller commits page by page.
   */
  pullModified(shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>): Promise<void>;
  /** Back-fill by creation time (history when a shop is added). */
  pullCreated(shop: ShopContext, window: TimeWindow, onPage: (page: PulledPage) => Promise<void>): Promise<void>;
  /** One cheap, real, signed call: proves the credentials work. */
  testConnection(shop: ShopContext): Promise<{ ok: true; detail: string }>;
  /** Authorisation and token refresh, where the platform offers them. */
  readonly auth?: ChannelAuth;
}

/**
 * Runs one platform request for a shop: refresh first if the token is about to expire, and on the
 * platform's expired-token answer refresh once and repeat the request. Every connector's client
 * wraps its signed call in this, so the rule holds for pulls, TMC, pushes and connection tests alike.
 */
export async function withShopToken<T>(shop: ShopContext, call: () => Promise<T>): Promise<T> {
  if (!shop.tokens) return call();
  await shop.tokens.ensureFresh();
  const used = shop.credentials.accessToken;
  try {
    return await call();
  } catch (err) {
    // Without a refresh token there is nothing to try: the platform's own answer stands.
    if (!(err instanceof PlatformError) || err.code !== 'auth.tokenExpired' || !shop.credentials.refreshToken) throw err;
    await shop.tokens.renew(used);
    return call();
  }
}

/** What a shop's health panel and a connection test show of a failure: our kind and words, the platform's own. */
export function describePlatformFailure(err: unknown): PlatformFailureInfo {
  if (!(err instanceof PlatformError)) return { kind: 'internal', code: 'internal', message: err instanceof Error ? err.message : String(err), raw: null };
  const p = err.platform;
  const raw = [p.code && `code=${p.code}`, p.subCode && `sub_code=${p.subCode}`, p.message, p.requestId && `request_id=${p.requestId}`].filter(Boolean).join(' ');
  return { kind: err.kind, code: err.code, message: err.message, raw: raw || p.raw || null };
}
