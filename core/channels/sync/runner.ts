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
import type { SyncRunInfo } from '../../contract/channels.js';
import { finishRun, readCursor, recordUnknownStatus, type RunRecord, type ShopRow, startRun, writeCursor } from './shops-repo.js';
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
  /** Reads a finished run back as the contract shows it, for `onFinished`. */
  runInfo?(db: Db, runId: number): SyncRunInfo | undefined;
  /** A run ended: its figures are committed and the shop is free for the next run (`channels/syncFinished`). */
  onFinished?(run: SyncRunInfo): void;
}

export type SyncOutcome = { status: 'skipped'; reason: string } | { status: 'ok' | 'failed'; run: RunRecord; runId: number };

/** A run that has started (its row is committed, so it has an id) and goes on in the background. */
export type SyncStart = { status: 'skipped'; reason: string } | { status: 'started'; runId: number; done: Promise<SyncOutcome> };

const PLATFORM_NAMES: Record<Channel, string> = { taobao: '淘宝', pinduoduo: '拼多多', douyin: '抖店', wechat: '微信小程序', pos: '门店 POS' };

type OutcomeKind = 'inserted' | 'updated' | 'unchanged' | 'stale';
type Counters = Pick<RunRecord, 'pages' | 'pulled' | 'inserted' | 'updated' | 'unchanged' | 'stale' | 'rejected'>;
const zero = (): Counters => ({ pages: 0, pulled: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 });

/**
 * The figures of one attempt at one window. Counters move only after a page's transaction has
 * committed (a rolled-back page counts nothing), and a window's figures are those of its last
 * attempt, plus what earlier, abandoned attempts really changed (`carried`): an order an abandoned
 * attempt inserted comes back 'unchanged' on the retry and still counts as inserted, once.
 */
interface Attempt {
  counters: Counters;
  /** Orders this attempt changed (committed): id → what happened. */
  changed: Map<string, Exclude<OutcomeKind, 'unchanged'>>;
}

interface PageResult {
  outcomes: Array<[string, OutcomeKind]>;
  rejected: number;
  orders: number;
}

interface RunPlan {
  shop: ShopRow;
  connector: ChannelConnector;
  kind: SyncKind;
  windows: TimeWindow[];
  actor: Actor;
  source: string;
  run: RunRecord;
}

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

  /** Runs a sync to its end. */
  async sync(shop: ShopRow, kind: SyncKind, trigger: string, range?: { from: number }): Promise<SyncOutcome> {
    const started = await this.start(shop, kind, trigger, range);
    return started.status === 'skipped' ? started : started.done;
  }

  /**
   * Starts a sync and answers once its run row is committed: `done` settles when the run is over
   * (it never rejects for a platform failure — that is a 'failed' outcome). `until` defaults to now
   * minus the shop's safety lag; `rescan` re-pulls [from, until) by modified time without moving the cursor.
   */
  async start(shop: ShopRow, kind: SyncKind, trigger: string, range?: { from: number }): Promise<SyncStart> {
    const connector = this.deps.connectorFor ? this.deps.connectorFor(shop) : this.deps.connectors[shop.channel];
    if (!connector) return { status: 'skipped', reason: `No connector for ${shop.channel}.` };
    if (this.running.has(shop.id)) return { status: 'skipped', reason: 'A sync of this shop is already running.' };
    const now = this.deps.clock.now();
    const breaker = this.breaker(shop.id);
    if (!breaker.allows(now)) return { status: 'skipped', reason: `Circuit open after repeated failures; next try at ${new Date(breaker.reopensAt()!).toISOString()}.` };
    // Claimed before the first await: a second start in the same tick is skipped, never overlapped.
    this.running.add(shop.id);
    try {
      const plan = this.plan(shop, connector, kind, trigger, now, range);
      const runId = await this.deps.mutations.run(plan.actor, plan.source, (w) => startRun(w, plan.run));
      const done = this.run(plan, runId).finally(() => {
        this.running.delete(shop.id);
        this.progress.delete(shop.id);
        // Announced only now, so whoever hears it sees the shop idle and may start the next run.
        const info = this.deps.runInfo?.(this.deps.db, runId);
        if (info) this.deps.onFinished?.(info);
      });
      return { status: 'started', runId, done };
    } catch (err) {
      this.running.delete(shop.id);
      throw err;
    }
  }

  private plan(shop: ShopRow, connector: ChannelConnector, kind: SyncKind, trigger: string, now: number, range?: { from: number }): RunPlan {
    const until = now - shop.settings.safetyLagMs;
    const cursorKind = kind === 'backfill' ? 'backfill' : 'modified';
    const historyStart = until - shop.settings.backfillDays * 86_400_000;
    const from = range?.from ?? (kind === 'rescan' ? until - 3 * 86_400_000 : readCursor(this.deps.db, shop.id, cursorKind) ?? historyStart);
    const run: RunRecord = { shopId: shop.id, kind, trigger, startedAt: now, status: 'ok', window: { from, to: Math.max(from, until) }, ...zero() };
    const windowMs = kind === 'backfill' ? (connector.createdMaxWindowMs ?? connector.maxWindowMs) : connector.maxWindowMs;
    return {
      shop,
      connector,
      kind,
      windows: splitWindows({ from, to: Math.max(from, until) }, windowMs),
      actor: { type: 'platform', id: shop.channel, name: PLATFORM_NAMES[shop.channel] },
      source: `pull:${shop.channel}:${shop.id}`,
      run,
    };
  }

  private async run(plan: RunPlan, runId: number): Promise<SyncOutcome> {
    const { shop, run, windows } = plan;
    try {
      const context = this.deps.shopContext(shop);
      for (const [index, window] of windows.entries()) {
        this.report(shop.id, plan.kind, index, windows.length, run.pulled);
        await this.pullWindowWithRetries(plan, context, window);
      }
      this.breaker(shop.id).success();
    } catch (err) {
      this.breaker(shop.id).failure(this.deps.clock.now());
      run.status = 'failed';
      const failure = describePlatformFailure(err);
      run.error = { kind: failure.kind, code: failure.code, message: failure.message, ...(failure.raw ? { raw: failure.raw } : {}) };
    }
    await this.deps.mutations.run(plan.actor, plan.source, (w) => finishRun(w, runId, run));
    return { status: run.status, run, runId };
  }

  /** One window, retried with jitter; the run gets the window's true figures whether it ends well or not. */
  private async pullWindowWithRetries(plan: RunPlan, context: ShopContext, window: TimeWindow): Promise<void> {
    const carried = new Map<string, Exclude<OutcomeKind, 'unchanged'>>();
    let last: Attempt | null = null;
    try {
      await withRetry(
        async () => {
          if (last) for (const [id, kind] of last.changed) carried.set(id, kind);
          const attempt: Attempt = { counters: zero(), changed: new Map() };
          last = attempt;
          await this.pullWindow(plan, context, window, attempt, carried);
        },
        this.deps.retry ?? DEFAULT_RETRY,
        this.deps.clock,
      );
    } finally {
      const run = plan.run;
      const final = (last as Attempt | null)?.counters ?? zero();
      for (const key of Object.keys(final) as Array<keyof Counters>) run[key] += final[key];
      // Changes an abandoned attempt committed that no later attempt saw again: they happened.
      for (const kind of carried.values()) {
        run[kind]++;
        run.pulled++;
      }
    }
  }

  /** Orders re-read because a platform pushed a message: same exactly-once write, no cursor. */
  async writePushedPage(shop: ShopRow, page: PulledPage, source: string): Promise<void> {
    await this.writePage(page, { type: 'platform', id: shop.channel, name: PLATFORM_NAMES[shop.channel] }, source, shop, null);
  }

  private report(shopId: string, kind: SyncKind, windowsDone: number, windowsTotal: number, pulled: number): void {
    const progress = { shopId, kind, windowsDone, windowsTotal, pulled };
    this.progress.set(shopId, progress);
    this.deps.onProgress?.(progress);
  }

  /**
   * Pages are written behind the pull: the newest page waits for the end of the window to carry the
   * cursor, and pages that arrive while a write is running are written together in the next
   * transaction (fewer commits; each index page is rewritten once per batch, not once per page). A
   * write starts a macrotask after its page arrived, so the connector's next request has left before
   * the transaction blocks the event loop: the platform prepares the next page while we write.
   */
  private async pullWindow(plan: RunPlan, context: ShopContext, window: TimeWindow, attempt: Attempt, carried: Map<string, Exclude<OutcomeKind, 'unchanged'>>): Promise<void> {
    const { connector, kind, actor, source, shop } = plan;
    const write = (pages: PulledPage[], cursor: { kind: 'modified' | 'backfill'; at: number } | null) =>
      this.writePages(pages, actor, source, shop, cursor).then((results) => {
        for (const result of results) count(attempt, carried, result);
      });
    let held: PulledPage[] = [];
    let inFlight: Promise<void> | null = null;
    const failed: { error?: unknown } = {};
    const startWrite = (pages: PulledPage[]) => {
      const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => write(pages, null))
        .catch((error: unknown) => {
          if (!('error' in failed)) failed.error = error;
        })
        .finally(() => {
          if (inFlight === running) inFlight = null;
        });
      inFlight = running;
    };
    const settle = async () => {
      while (inFlight) await inFlight;
    };
    const onPage = async (page: PulledPage) => {
      if ('error' in failed) throw failed.error;
      held.push(page);
      if (inFlight && heldOrders(held) < MAX_ORDERS_PER_WRITE) return;
      await settle();
      if ('error' in failed) throw failed.error;
      const ready = held.slice(0, -1);
      held = held.slice(-1);
      if (ready.length > 0) startWrite(ready);
    };
    try {
      if (kind === 'backfill') await connector.pullCreated(context, window, onPage);
      else await connector.pullModified(context, window, onPage);
    } catch (err) {
      // Let a page still being written settle (and be counted) before the attempt is abandoned.
      await settle();
      throw err;
    }
    await settle();
    if ('error' in failed) throw failed.error;
    const cursor = kind === 'rescan' ? null : { kind: kind === 'backfill' ? ('backfill' as const) : ('modified' as const), at: window.to };
    await write(held.length ? held : [{ orders: [], unknownStatuses: [], rejected: [] }], cursor);
  }

  /** One page in one transaction (pushed pages). */
  private async writePage(page: PulledPage, actor: Actor, source: string, shop: ShopRow, cursor: { kind: 'modified' | 'backfill'; at: number } | null): Promise<PageResult> {
    return (await this.writePages([page], actor, source, shop, cursor))[0]!;
  }

  /** Pages in one transaction; what happened to each order is returned only once it is committed. */
  private writePages(pages: PulledPage[], actor: Actor, source: string, shop: ShopRow, cursor: { kind: 'modified' | 'backfill'; at: number } | null): Promise<PageResult[]> {
    return this.deps.mutations.run(actor, source, (w) => {
      const results = pages.map((page) => {
        const result: PageResult = { outcomes: [], rejected: page.rejected.length, orders: page.orders.length };
        for (const order of page.orders) {
          if (!orderInputSchema.safeParse(order).success) {
            result.rejected++;
            continue;
          }
          result.outcomes.push([order.platformOrderId, ingestOrder(w, { ...order, shopId: shop.id }).kind]);
        }
        for (const u of page.unknownStatuses) recordUnknownStatus(w, shop.channel, u.status, u.platformOrderId);
        return result;
      });
      if (cursor) writeCursor(w, shop.id, cursor.kind, cursor.at);
      return results;
    });
  }
}

/** A write transaction carries at most about this many orders; more waits for the running write. */
const MAX_ORDERS_PER_WRITE = 1000;

function heldOrders(pages: readonly PulledPage[]): number {
  return pages.reduce((n, p) => n + p.orders.length, 0);
}

/** Adds a committed page to its attempt; an order an abandoned attempt changed keeps that outcome. */
function count(attempt: Attempt, carried: Map<string, Exclude<OutcomeKind, 'unchanged'>>, page: PageResult): void {
  const c = attempt.counters;
  c.pages++;
  c.pulled += page.orders;
  c.rejected += page.rejected;
  for (const [id, outcome] of page.outcomes) {
    const earlier = carried.get(id);
    carried.delete(id);
    // New to the store in this run stays "inserted"; otherwise a real change beats a repeat that found nothing to do.
    const kind: OutcomeKind = earlier === 'inserted' ? 'inserted' : outcome === 'unchanged' && earlier ? earlier : outcome;
    c[kind]++;
    if (kind !== 'unchanged') attempt.changed.set(id, kind);
  }
}
