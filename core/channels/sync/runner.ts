/**
 * One shop's sync: windows from its cursor to now, each no longer than the platform allows, pulled
 * page by page through the connector, every page written through the exactly-once ingestion path.
 * A window's last page and the cursor move in ONE transaction, so a crash mid-window re-pulls that
 * window (idempotency makes the repeat harmless) and never leaves a gap.
 */
import type { Actor } from '../../contract/actors.js';
import type { Channel } from '../../contract/orders.js';
import type { MutationQueue } from '../../kernel/mutation.js';
import { ingestOrder } from '../../orders/ingest.js';
import { orderInputSchema } from '../../orders/validate-input.js';
import type { Db } from '../../store/db.js';
import { type ChannelConnector, describePlatformFailure, type PulledPage, type ShopContext, type TimeWindow } from '../types.js';
import { CircuitBreaker, DEFAULT_RETRY, type ResilienceClock, type RetryPolicy, withRetry } from './resilience.js';
import { insertRun, readCursor, recordUnknownStatus, type RunRecord, type ShopRow, writeCursor } from './shops-repo.js';
import { splitWindows } from './windows.js';

export type SyncKind = 'modified' | 'backfill' | 'rescan';

export interface SyncProgress {
  shopId: string;
  kind: SyncKind;
  windowsDone: number;
  windowsTotal: number;
  pulled: number;
}

export interface SyncDeps {
  db: Db;
  mutations: MutationQueue;
  clock: ResilienceClock;
  connectors: Partial<Record<Channel, ChannelConnector>>;
  /** A connector configured for one shop (its SKU field); defaults to the channel's connector. */
  connectorFor?(shop: ShopRow): ChannelConnector | undefined;
  shopContext(shop: ShopRow): ShopContext;
  retry?: RetryPolicy;
  onProgress?(progress: SyncProgress): void;
}

export type SyncOutcome = { status: 'skipped'; reason: string } | { status: 'ok' | 'failed'; run: RunRecord };

const PLATFORM_NAMES: Record<Channel, string> = { taobao: '淘宝', pinduoduo: '拼多多', douyin: '抖店', wechat: '微信小程序', pos: '门店 POS' };

export class SyncRunner {
  private readonly running = new Set<string>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  readonly progress = new Map<string, SyncProgress>();

  constructor(private readonly deps: SyncDeps) {}

  breaker(shopId: string): CircuitBreaker {
    let b = this.breakers.get(shopId);
    if (!b) this.breakers.set(shopId, (b = new CircuitBreaker()));
    return b;
  }

  isRunning(shopId: string): boolean {
    return this.running.has(shopId);
  }

  /** `until` defaults to now minus the shop's safety lag. `rescan` re-pulls [from, until) by modified time without moving the cursor. */
  async sync(shop: ShopRow, kind: SyncKind, trigger: string, range?: { from: number }): Promise<SyncOutcome> {
    const connector = this.deps.connectorFor ? this.deps.connectorFor(shop) : this.deps.connectors[shop.channel];
    if (!connector) return { status: 'skipped', reason: `No connector for ${shop.channel}.` };
    if (this.running.has(shop.id)) return { status: 'skipped', reason: 'A sync of this shop is already running.' };
    const now = this.deps.clock.now();
    const breaker = this.breaker(shop.id);
    if (!breaker.allows(now)) return { status: 'skipped', reason: `Circuit open after repeated failures; next try at ${new Date(breaker.reopensAt()!).toISOString()}.` };
    this.running.add(shop.id);
    try {
      return await this.run(shop, connector, kind, trigger, now, range);
    } finally {
      this.running.delete(shop.id);
      this.progress.delete(shop.id);
    }
  }

  private async run(shop: ShopRow, connector: ChannelConnector, kind: SyncKind, trigger: string, now: number, range?: { from: number }): Promise<SyncOutcome> {
    const until = now - shop.settings.safetyLagMs;
    const cursorKind = kind === 'backfill' ? 'backfill' : 'modified';
    const historyStart = until - shop.settings.backfillDays * 86_400_000;
    const from = range?.from ?? (kind === 'rescan' ? until - 3 * 86_400_000 : readCursor(this.deps.db, shop.id, cursorKind) ?? historyStart);
    const run: RunRecord = { shopId: shop.id, kind, trigger, startedAt: now, status: 'ok', window: { from, to: Math.max(from, until) }, pages: 0, pulled: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
    const windowMs = kind === 'backfill' ? (connector.createdMaxWindowMs ?? connector.maxWindowMs) : connector.maxWindowMs;
    const windows = splitWindows({ from, to: Math.max(from, until) }, windowMs);
    const actor: Actor = { type: 'platform', id: shop.channel, name: PLATFORM_NAMES[shop.channel] };
    const source = `pull:${shop.channel}:${shop.id}`;
    const context = this.deps.shopContext(shop);
    try {
      for (const [index, window] of windows.entries()) {
        this.report(shop.id, kind, index, windows.length, run.pulled);
        await withRetry(() => this.pullWindow(connector, context, kind, window, actor, source, run, shop), this.deps.retry ?? DEFAULT_RETRY, this.deps.clock);
      }
      this.breaker(shop.id).success();
    } catch (err) {
      this.breaker(shop.id).failure(this.deps.clock.now());
      run.status = 'failed';
      const failure = describePlatformFailure(err);
      run.error = { kind: failure.kind, message: failure.message, ...(failure.raw ? { raw: failure.raw } : {}) };
    }
    await this.deps.mutations.run(actor, source, (w) => insertRun(w, run));
    return { status: run.status, run };
  }

  /** Orders re-read because a platform pushed a message: same exactly-once write, no cursor. */
  async writePushedPage(shop: ShopRow, page: PulledPage, source: string): Promise<void> {
    const run: RunRecord = { shopId: shop.id, kind: 'push', trigger: 'push', startedAt: this.deps.clock.now(), status: 'ok', window: null, pages: 0, pulled: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
    await this.writePage(page, { type: 'platform', id: shop.channel, name: PLATFORM_NAMES[shop.channel] }, source, run, shop, null);
  }

  private report(shopId: string, kind: SyncKind, windowsDone: number, windowsTotal: number, pulled: number): void {
    const progress = { shopId, kind, windowsDone, windowsTotal, pulled };
    this.progress.set(shopId, progress);
    this.deps.onProgress?.(progress);
  }

  /**
   * Pages are written one behind: the last one waits for the end of the window to carry the cursor.
   * A page's write overlaps the request for the next page (at most one write in flight).
   */
  private async pullWindow(connector: ChannelConnector, context: ShopContext, kind: SyncKind, window: TimeWindow, actor: Actor, source: string, run: RunRecord, shop: ShopRow): Promise<void> {
    let pending: PulledPage | null = null;
    let writing: Promise<void> = Promise.resolve();
    const onPage = async (page: PulledPage) => {
      if (pending) {
        await writing;
        const previous: PulledPage = pending;
        writing = this.writePage(previous, actor, source, run, shop, null);
        writing.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled
      }
      pending = page;
    };
    if (kind === 'backfill') await connector.pullCreated(context, window, onPage);
    else await connector.pullModified(context, window, onPage);
    await writing;
    const cursor = kind === 'rescan' ? null : { kind: kind === 'backfill' ? ('backfill' as const) : ('modified' as const), at: window.to };
    await this.writePage(pending ?? { orders: [], unknownStatuses: [], rejected: [] }, actor, source, run, shop, cursor);
  }

  private writePage(page: PulledPage, actor: Actor, source: string, run: RunRecord, shop: ShopRow, cursor: { kind: 'modified' | 'backfill'; at: number } | null): Promise<void> {
    return this.deps.mutations.run(actor, source, (w) => {
      for (const order of page.orders) {
        if (!orderInputSchema.safeParse(order).success) {
          run.rejected++;
          continue;
        }
        run[ingestOrder(w, { ...order, shopId: shop.id }).kind]++;
      }
      for (const u of page.unknownStatuses) recordUnknownStatus(w, shop.channel, u.status, u.platformOrderId);
      if (cursor) writeCursor(w, shop.id, cursor.kind, cursor.at);
      run.pages++;
      run.pulled += page.orders.length;
      run.rejected += page.rejected.length;
    });
  }
}
