/**
 * The contract every platform connector implements (issue 3). A connector turns a platform's open
 * API into pages of unified `OrderInput`s; the sync runner (core/channels/sync/) owns windows,
 * cursors, retries, circuit breaking and the exactly-once write path, so connectors stay protocol code.
 */
import type { ShopCredentialsInput } from '../contract/channels.js';
import type { FieldSources } from '../contract/mapping.js';
import type { Channel, OrderInput } from '../contract/orders.js';

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
  credentials: ShopCredentials;
  env: ConnectorEnvironment;
  /** The shop's resolved field mapping (core/channels/mapping); absent = the connector's defaults. */
  mapping?: FieldSources;
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

export type PlatformErrorKind =
  | 'auth' // bad signature, expired/invalid token: retrying will not help; shown on the shop
  | 'rate-limit' // throttled: back off and retry
  | 'transient' // network, timeout, 5xx, platform "service unavailable": retry with jitter
  | 'malformed' // the platform answered something we cannot parse
  | 'permanent'; // invalid parameters and the like: a bug or a configuration problem

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    /** The platform's own code and message, verbatim, for the shop's health panel. */
    readonly platform: { code?: string; subCode?: string; message?: string; requestId?: string; raw?: string } = {},
    /** Server hint (ms) for rate limits. */
    readonly retryAfterMs?: number,
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
}

/** What a shop's health panel and a connection test show of a failure: our kind and words, the platform's own. */
export function describePlatformFailure(err: unknown): { kind: string; message: string; raw: string | null } {
  if (!(err instanceof PlatformError)) return { kind: 'internal', message: err instanceof Error ? err.message : String(err), raw: null };
  const p = err.platform;
  const raw = [p.code && `code=${p.code}`, p.subCode && `sub_code=${p.subCode}`, p.message, p.requestId && `request_id=${p.requestId}`].filter(Boolean).join(' ');
  return { kind: err.kind, message: err.message, raw: raw || p.raw || null };
}
