/** Shops and their sync health (issue 3). */
import type { Channel } from './orders.js';

/** What an operator enters for a shop; stored encrypted by the secrets module. */
export interface ShopCredentialsInput {
  appKey: string;
  appSecret: string;
  accessToken?: string;
  refreshToken?: string;
  platformShopId?: string;
  /** When the platform said the access token expires (epoch ms); set by authorisation and refresh. */
  accessTokenExpiresAt?: number;
  /** When the refresh token itself expires (epoch ms), if the platform says. */
  refreshTokenExpiresAt?: number;
}

/**
 * Stable codes for a failed platform call (connection test, sync run), so the UI can say it in the
 * operator's language; the platform's raw message travels beside it.
 */
export const FAILURE_CODES = [
  'auth.invalidSignature',
  'auth.tokenExpired',
  'auth.tokenInvalid',
  'auth.tokenMissing',
  'auth.refreshFailed',
  'auth.appKeyInvalid',
  'auth.permissionDenied',
  'auth.rejected',
  'rateLimited',
  'platform.unavailable',
  'network.timeout',
  'network.unreachable',
  'payload.malformed',
  'request.invalid',
  'internal',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** A shop's access token: fine, expiring within the refresh margin, expired, or nothing known. */
export type TokenState = 'ok' | 'expiring' | 'expired' | 'unknown';

/** One failed platform call as the UI shows it: our kind and code, our words, the platform's own. */
export interface PlatformFailureInfo {
  kind: string;
  code: FailureCode;
  message: string;
  raw: string | null;
}

/** `channels/syncNow` answers at once; the run goes on in the background. */
export type SyncStartResult = { status: 'started'; runId: number } | { status: 'skipped'; reason: string; runId: null };

/** `channels/authorise`: where the seller grants the app, and the one-time state bound to the shop. */
export interface AuthoriseInfo {
  url: string;
  state: string;
  redirectUri: string;
  expiresAt: number;
}

export interface ShopSettingsInput {
  backfillDays?: number;
  incrementalCron?: string;
  safetyLagMs?: number;
  skuField?: string;
}

export type ShopState = 'ok' | 'syncing' | 'failing' | 'auth-failed' | 'circuit-open' | 'never-synced' | 'disabled';

export interface ShopHealth {
  id: string;
  channel: Channel;
  name: string;
  enabled: boolean;
  settings: Required<Omit<ShopSettingsInput, 'skuField'>> & { skuField?: string };
  state: ShopState;
  lastSuccessAt: number | null;
  /** How far behind the platform the shop's orders are: now − the incremental cursor. */
  lagMs: number | null;
  lastError: { at: number; kind: string; code?: FailureCode; message: string; raw: string | null } | null;
  progress: { kind: string; windowsDone: number; windowsTotal: number; pulled: number } | null;
  circuit: 'closed' | 'open' | 'half-open';
  /** The stored access token's expiry (null: the platform said none, or none is stored). */
  tokenExpiresAt: number | null;
  token: TokenState;
  /** Whether the platform lets this shop be authorised / refreshed from here. */
  canAuthorise: boolean;
}

export interface SyncRunInfo {
  id: number;
  shopId: string;
  kind: string;
  trigger: string;
  startedAt: number;
  finishedAt: number | null;
  status: 'running' | 'ok' | 'failed';
  windowFrom: number | null;
  windowTo: number | null;
  pages: number;
  pulled: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: number;
  errorKind: string | null;
  errorMessage: string | null;
  errorRaw: string | null;
  errorCode?: FailureCode | null;
}

export interface UnknownStatusInfo {
  channel: Channel;
  status: string;
  firstSeenAt: number;
  lastSeenAt: number;
  occurrences: number;
  sampleOrderId: string;
  /** Set when an operator acknowledged this status at its current occurrence count (hidden from alerts until it is seen again). */
  acknowledged?: { by: string; at: number; occurrences: number } | null;
}
