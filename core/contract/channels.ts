/** Shops and their sync health (issue 3). */
import type { Channel } from './orders.js';

/** What an operator enters for a shop; stored encrypted by the secrets module. */
export interface ShopCredentialsInput {
  appKey: string;
  appSecret: string;
  accessToken?: string;
  refreshToken?: string;
  platformShopId?: string;
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
  lastError: { at: number; kind: string; message: string; raw: string | null } | null;
  progress: { kind: string; windowsDone: number; windowsTotal: number; pulled: number } | null;
  circuit: 'closed' | 'open' | 'half-open';
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
}

export interface UnknownStatusInfo {
  channel: Channel;
  status: string;
  firstSeenAt: number;
  lastSeenAt: number;
  occurrences: number;
  sampleOrderId: string;
}
