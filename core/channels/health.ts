/** A shop's health as the Channels workspace shows it: state, lag, last success, last error. */
import type { ShopCredentialsInput, ShopHealth, ShopState, SyncRunInfo } from '../contract/channels.js';
import type { Db } from '../store/db.js';
import { readStoredFailure } from './failures.js';
import { tokenState } from './tokens.js';
import type { SyncRunner } from './sync/runner.js';
import { readCursor, type ShopRow } from './sync/shops-repo.js';

interface RunDbRow {
  id: number;
  shop_id: string;
  kind: string;
  trigger: string;
  started_at: number;
  finished_at: number | null;
  status: SyncRunInfo['status'];
  window_from: number | null;
  window_to: number | null;
  pages: number;
  pulled: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: number;
  error_kind: string | null;
  error_message: string | null;
  error_raw: string | null;
}

export function toRunInfo(r: RunDbRow): SyncRunInfo {
  const failure = readStoredFailure(r.error_kind);
  return {
    id: r.id, shopId: r.shop_id, kind: r.kind, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
    windowFrom: r.window_from, windowTo: r.window_to, pages: r.pages, pulled: r.pulled, inserted: r.inserted, updated: r.updated,
    unchanged: r.unchanged, stale: r.stale, rejected: r.rejected, errorKind: failure?.kind ?? null, errorMessage: r.error_message, errorRaw: r.error_raw,
    errorCode: failure?.code ?? null,
  };
}

export function listRuns(db: Db, shopId: string, limit: number): SyncRunInfo[] {
  return (db.prepare('SELECT * FROM sync_runs WHERE shop_id = ? ORDER BY id DESC LIMIT ?').all(shopId, limit) as RunDbRow[]).map(toRunInfo);
}

export function readRunInfo(db: Db, runId: number): SyncRunInfo | undefined {
  const row = db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as RunDbRow | undefined;
  return row && toRunInfo(row);
}

/** What the health panel knows of the shop's token: the stored credentials and the refresh margin. */
export interface TokenView {
  credentials: ShopCredentialsInput | null;
  marginMs: number;
  canAuthorise: boolean;
}

export function shopHealth(db: Db, runner: SyncRunner, shop: ShopRow, now: number, token?: TokenView): ShopHealth {
  const lastOk = db.prepare("SELECT id, finished_at FROM sync_runs WHERE shop_id = ? AND status = 'ok' ORDER BY id DESC LIMIT 1").get(shop.id) as { id: number; finished_at: number } | undefined;
  // The last finished run: a 'running' row is either live (state 'syncing') or left by a stopped engine.
  const last = db.prepare("SELECT * FROM sync_runs WHERE shop_id = ? AND status != 'running' ORDER BY id DESC LIMIT 1").get(shop.id) as RunDbRow | undefined;
  // An error the shop has recovered from (a later run succeeded) is history, not health.
  const lastFailed = db.prepare("SELECT * FROM sync_runs WHERE shop_id = ? AND status = 'failed' AND id > ? ORDER BY id DESC LIMIT 1").get(shop.id, lastOk?.id ?? 0) as RunDbRow | undefined;
  const cursor = readCursor(db, shop.id, 'modified');
  const circuit = runner.breaker(shop.id).state(now);
  const progress = runner.progress.get(shop.id) ?? null;
  let state: ShopState;
  if (!shop.enabled) state = 'disabled';
  else if (runner.isRunning(shop.id)) state = 'syncing';
  else if (circuit === 'open') state = 'circuit-open';
  else if (last?.status === 'failed') state = readStoredFailure(last.error_kind)?.kind === 'auth' ? 'auth-failed' : 'failing';
  else if (!last) state = 'never-synced';
  else state = 'ok';
  const { skuField, ...rest } = shop.settings;
  return {
    id: shop.id,
    channel: shop.channel,
    name: shop.name,
    enabled: shop.enabled,
    settings: { ...rest, ...(skuField ? { skuField } : {}) },
    state,
    lastSuccessAt: lastOk?.finished_at ?? null,
    lagMs: cursor === null ? null : Math.max(0, now - cursor),
    lastError: lastFailed ? lastErrorOf(lastFailed) : null,
    progress: progress && { kind: progress.kind, windowsDone: progress.windowsDone, windowsTotal: progress.windowsTotal, pulled: progress.pulled },
    circuit,
    tokenExpiresAt: token?.credentials?.accessTokenExpiresAt ?? null,
    token: token ? tokenState(token.credentials, now, token.marginMs) : 'unknown',
    canAuthorise: token?.canAuthorise ?? false,
  };
}

function lastErrorOf(run: RunDbRow): NonNullable<ShopHealth['lastError']> {
  const failure = readStoredFailure(run.error_kind);
  return { at: run.finished_at ?? run.started_at, kind: failure?.kind ?? 'unknown', ...(failure ? { code: failure.code } : {}), message: run.error_message ?? '', raw: run.error_raw };
}
