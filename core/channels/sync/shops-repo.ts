/** Shops, their cursors, runs and unknown statuses: the SQL of the sync machinery. */
import type { Channel } from '../../contract/orders.js';
import type { WriteContext } from '../../kernel/mutation.js';
import type { Db } from '../../store/db.js';

export interface ShopSettings {
  /** History pulled when the shop is added (issue 3: default 30 days). */
  backfillDays: number;
  /** node-cron expression of the incremental pull (default every minute). */
  incrementalCron: string;
  /** Windows end this long before now: platforms index updates with a delay. [U] */
  safetyLagMs: number;
  /** Which platform field becomes the platform SKU (see each connector). */
  skuField?: string;
}

export const DEFAULT_SHOP_SETTINGS: ShopSettings = { backfillDays: 30, incrementalCron: '* * * * *', safetyLagMs: 60_000 };

export interface ShopRow {
  id: string;
  channel: Channel;
  name: string;
  settings: ShopSettings;
  enabled: boolean;
  createdAt: number;
}

interface ShopDbRow {
  id: string;
  channel: Channel;
  name: string;
  settings: string;
  enabled: number;
  created_at: number;
}

const toShop = (r: ShopDbRow): ShopRow => ({
  id: r.id,
  channel: r.channel,
  name: r.name,
  settings: { ...DEFAULT_SHOP_SETTINGS, ...(JSON.parse(r.settings) as Partial<ShopSettings>) },
  enabled: r.enabled === 1,
  createdAt: r.created_at,
});

export function listShops(db: Db): ShopRow[] {
  return (db.prepare('SELECT * FROM shops ORDER BY channel, id').all() as ShopDbRow[]).map(toShop);
}

export function findShop(db: Db, id: string): ShopRow | undefined {
  const row = db.prepare('SELECT * FROM shops WHERE id = ?').get(id) as ShopDbRow | undefined;
  return row && toShop(row);
}

export function insertShop(w: WriteContext, shop: { id: string; channel: Channel; name: string; settings: Partial<ShopSettings> }): void {
  w.db.prepare('INSERT INTO shops (id, channel, name, settings, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(shop.id, shop.channel, shop.name, JSON.stringify(shop.settings), w.at);
  w.audit({ entityType: 'shop', entityId: shop.id, action: 'create', changes: [{ field: 'channel', before: null, after: shop.channel }] });
}

export function readCursor(db: Db, shopId: string, kind: 'modified' | 'backfill'): number | null {
  const row = db.prepare('SELECT cursor_at FROM sync_cursors WHERE shop_id = ? AND kind = ?').get(shopId, kind) as { cursor_at: number } | undefined;
  return row?.cursor_at ?? null;
}

export function writeCursor(w: WriteContext, shopId: string, kind: 'modified' | 'backfill', at: number): void {
  w.db
    .prepare('INSERT INTO sync_cursors (shop_id, kind, cursor_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (shop_id, kind) DO UPDATE SET cursor_at = excluded.cursor_at, updated_at = excluded.updated_at')
    .run(shopId, kind, at, w.at);
  w.audit({ entityType: 'shop', entityId: shopId, action: 'sync-cursor', changes: [{ field: `cursor.${kind}`, before: null, after: at }] });
}

export function recordUnknownStatus(w: WriteContext, channel: Channel, status: string, sampleOrderId: string): void {
  const info = w.db
    .prepare(
      `INSERT INTO unknown_statuses (channel, status, first_seen_at, last_seen_at, occurrences, sample_order_id) VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (channel, status) DO UPDATE SET last_seen_at = excluded.last_seen_at, occurrences = occurrences + 1`,
    )
    .run(channel, status, w.at, w.at, sampleOrderId);
  if (info.changes > 0) w.audit({ entityType: 'channel', entityId: channel, action: 'unknown-status', reason: `Platform status "${status}" is not in the mapping table (order ${sampleOrderId}); the order was not applied.` });
}

export interface RunRecord {
  shopId: string;
  kind: string;
  trigger: string;
  startedAt: number;
  status: 'ok' | 'failed';
  window: { from: number; to: number } | null;
  pages: number;
  pulled: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: number;
  /** `code` is the stable failure code (contract FAILURE_CODES); it is what `error_kind` stores (core/channels/failures.ts). */
  error?: { kind: string; code: string; message: string; raw?: string };
}

/**
 * A run's row is written when it starts ('running'), so "sync now" can answer with its id at once.
 * A 'running' row of this shop left by an engine that stopped mid-run is closed as failed first
 * (the runner never runs two syncs of one shop, so no live run owns it).
 */
export function startRun(w: WriteContext, r: Pick<RunRecord, 'shopId' | 'kind' | 'trigger' | 'startedAt' | 'window'>): number {
  const abandoned = w.db
    .prepare("UPDATE sync_runs SET status = 'failed', finished_at = ?, error_kind = 'internal', error_message = 'Interrupted: the engine stopped during this run.' WHERE shop_id = ? AND status = 'running'")
    .run(w.at, r.shopId);
  if (abandoned.changes > 0) w.audit({ entityType: 'shop', entityId: r.shopId, action: 'sync-failed', reason: 'internal: interrupted run closed' });
  const info = w.db
    .prepare("INSERT INTO sync_runs (shop_id, kind, trigger, started_at, status, window_from, window_to) VALUES (?, ?, ?, ?, 'running', ?, ?)")
    .run(r.shopId, r.kind, r.trigger, r.startedAt, r.window?.from ?? null, r.window?.to ?? null);
  w.audit({ entityType: 'shop', entityId: r.shopId, action: 'sync-start', reason: `${r.kind} (${r.trigger})` });
  return Number(info.lastInsertRowid);
}

export function finishRun(w: WriteContext, id: number, r: RunRecord): void {
  w.db
    .prepare(
      `UPDATE sync_runs SET finished_at = ?, status = ?, pages = ?, pulled = ?, inserted = ?, updated = ?, unchanged = ?, stale = ?, rejected = ?, error_kind = ?, error_message = ?, error_raw = ?
       WHERE id = ?`,
    )
    .run(w.at, r.status, r.pages, r.pulled, r.inserted, r.updated, r.unchanged, r.stale, r.rejected, r.error?.code ?? null, r.error?.message ?? null, r.error?.raw ?? null, id);
  w.audit({ entityType: 'shop', entityId: r.shopId, action: `sync-${r.status}`, reason: r.error ? `${r.error.code}: ${r.error.message}` : null });
}
