/**
 * The sync runner with a scripted connector (the runner is under test here; the real connectors
 * are tested against their simulators over HTTP in their own folders).
 */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../test/support/engine.js';
import { sampleOrder } from '../../../test/support/orders.js';
import { verifyAuditChain } from '../../audit/verify.js';
import type { OrderInput } from '../../contract/orders.js';
import { type ChannelConnector, PlatformError, type PulledPage, type TimeWindow } from '../types.js';
import { type ResilienceClock } from './resilience.js';
import { shopHealth } from '../health.js';
import { SyncRunner } from './runner.js';
import { DEFAULT_SHOP_SETTINGS, readCursor, type ShopRow } from './shops-repo.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 28, 4);

function order(n: number, modifiedAt: number, status: OrderInput['status'] = 'paid'): OrderInput {
  return sampleOrder({ platformOrderId: `T${n}`, platformModifiedAt: modifiedAt, status, shopId: 'tb1' });
}

/** A platform holding orders with modified times; pages of `pageSize`; optional scripted failures. */
function scriptedConnector(orders: OrderInput[], opts: { pageSize?: number; maxWindowMs?: number; failOnCall?: Map<number, PlatformError>; unknown?: string[] } = {}) {
  const windows: TimeWindow[] = [];
  let calls = 0;
  const connector: ChannelConnector = {
    channel: 'taobao',
    maxWindowMs: opts.maxWindowMs ?? 24 * HOUR,
    async pullModified(_shop, window, onPage) {
      windows.push(window);
      const inWindow = orders.filter((o) => o.platformModifiedAt >= window.from && o.platformModifiedAt < window.to);
      const size = opts.pageSize ?? 2;
      for (let i = 0; i < inWindow.length || i === 0; i += size) {
        calls++;
        const failure = opts.failOnCall?.get(calls);
        if (failure) throw failure;
        const page: PulledPage = { orders: inWindow.slice(i, i + size), unknownStatuses: [], rejected: [] };
        if (i === 0 && opts.unknown) page.unknownStatuses = opts.unknown.map((status) => ({ platformOrderId: 'T-unknown', status }));
        await onPage(page);
        if (inWindow.length === 0) break;
      }
    },
    pullCreated(shop, window, onPage) {
      return this.pullModified(shop, window, onPage);
    },
    testConnection: async () => ({ ok: true, detail: 'scripted' }),
  };
  return { connector, windows, calls: () => calls };
}

const clock = (now = NOW): ResilienceClock & { slept: number[] } => {
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void slept.push(ms), random: () => 0.5, slept };
};

const shop: ShopRow = { id: 'tb1', channel: 'taobao', name: '淘宝旗舰店', settings: { ...DEFAULT_SHOP_SETTINGS, backfillDays: 2 }, enabled: true, createdAt: 0 };

function setup(connector: ChannelConnector, c = clock()) {
  const store = memoryStore(NOW);
  const runner = new SyncRunner({
    db: store.db,
    mutations: store.mutations,
    clock: c,
    connectors: { taobao: connector },
    shopContext: (s) => ({ shopId: s.id, credentials: { appKey: 'k', appSecret: 's' }, env: { baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, now: c.now, fetch } }),
  });
  store.mutations.runNow({ type: 'system', id: 't', name: 't' }, 'test', (w) => {
    w.db.prepare("INSERT INTO shops (id, channel, name, settings, created_at) VALUES ('tb1', 'taobao', 'x', '{}', 0)").run();
    w.audit({ entityType: 'shop', entityId: 'tb1', action: 'create' });
  });
  return { ...store, runner };
}

describe('sync runner', () => {
  it('pulls the history in platform-sized windows and commits the cursor at the end of the last one', async () => {
    const orders = [order(1, NOW - 40 * HOUR), order(2, NOW - 30 * HOUR), order(3, NOW - 20 * HOUR), order(4, NOW - 2 * HOUR), order(5, NOW - 1 * HOUR)];
    const platform = scriptedConnector(orders, { maxWindowMs: 24 * HOUR });
    const { db, runner } = setup(platform.connector);
    const outcome = await runner.sync(shop, 'modified', 'manual');
    expect(outcome).toMatchObject({ status: 'ok', run: { inserted: 5, pulled: 5 } });
    const until = NOW - DEFAULT_SHOP_SETTINGS.safetyLagMs;
    expect(platform.windows).toEqual([
      { from: until - 48 * HOUR, to: until - 24 * HOUR },
      { from: until - 24 * HOUR, to: until },
    ]);
    expect(readCursor(db, 'tb1', 'modified')).toBe(until);
    // Next minute: only the new window, and the same orders again change nothing.
    const again = await runner.sync(shop, 'modified', 'schedule');
    expect(again).toMatchObject({ status: 'ok', run: { inserted: 0 } });
  });

  it('a failure between two pages leaves the cursor where it was; the retry re-pulls the window and nothing is doubled', async () => {
    const orders = [1, 2, 3, 4, 5].map((n) => order(n, NOW - n * HOUR));
    const platform = scriptedConnector(orders, { maxWindowMs: 48 * HOUR, failOnCall: new Map([[2, new PlatformError('transient', 'connection reset')]]) });
    const c = clock();
    const { db, runner } = setup(platform.connector, c);
    const outcome = await runner.sync(shop, 'modified', 'manual');
    expect(outcome).toMatchObject({ status: 'ok', run: { inserted: 5 } });
    expect(c.slept).toHaveLength(1); // one jittered backoff before the retry
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 5 });
    expect(verifyAuditChain(db, null).ok).toBe(true);
  });

  it('records an auth failure with the platform raw message, keeps the cursor, and opens the circuit after repeated failures', async () => {
    const expired = new PlatformError('auth', 'Session expired', { code: '27', message: 'Invalid session', subCode: 'session-expired', requestId: 'r1' });
    const platform = scriptedConnector([], { failOnCall: new Map(Array.from({ length: 10 }, (_, i) => [i + 1, expired])) });
    const { db, runner } = setup(platform.connector);
    const first = await runner.sync(shop, 'modified', 'schedule');
    expect(first).toMatchObject({ status: 'failed', run: { error: { kind: 'auth', raw: 'code=27 sub_code=session-expired Invalid session request_id=r1' } } });
    expect(platform.calls()).toBe(1); // auth errors are not retried
    expect(readCursor(db, 'tb1', 'modified')).toBeNull();
    for (let i = 0; i < 4; i++) await runner.sync(shop, 'modified', 'schedule');
    expect(await runner.sync(shop, 'modified', 'schedule')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/Circuit open/) });
    expect(db.prepare("SELECT count(*) AS n FROM sync_runs WHERE status = 'failed' AND error_kind = 'auth'").get()).toEqual({ n: 5 });
  });

  it('never runs two syncs of one shop at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: ChannelConnector = { ...scriptedConnector([]).connector, pullModified: async (_s, _w, onPage) => { await gate; await onPage({ orders: [], unknownStatuses: [], rejected: [] }); } };
    const { runner } = setup(slow);
    const first = runner.sync(shop, 'modified', 'schedule');
    expect(await runner.sync(shop, 'modified', 'manual')).toEqual({ status: 'skipped', reason: 'A sync of this shop is already running.' });
    release();
    expect((await first).status).toBe('ok');
  });

  it('records statuses no mapping table knows, flagged and counted', async () => {
    const platform = scriptedConnector([order(1, NOW - HOUR)], { unknown: ['TRADE_SOMETHING_NEW'], maxWindowMs: 96 * HOUR });
    const { db, runner } = setup(platform.connector);
    await runner.sync(shop, 'modified', 'manual');
    await runner.sync(shop, 'rescan', 'nightly');
    expect(db.prepare('SELECT channel, status, occurrences, sample_order_id FROM unknown_statuses').all()).toEqual([
      { channel: 'taobao', status: 'TRADE_SOMETHING_NEW', occurrences: 2, sample_order_id: 'T-unknown' },
    ]);
  });
});

describe('shop health', () => {
  it('shows an auth failure with its raw message, and drops it once a later run succeeds', async () => {
    const expired = new PlatformError('auth', 'Session expired', { code: '27', message: 'Invalid session' });
    const platform = scriptedConnector([order(1, NOW - HOUR)], { failOnCall: new Map([[1, expired]]) });
    const { db, runner } = setup(platform.connector);
    await runner.sync(shop, 'modified', 'schedule');
    expect(shopHealth(db, runner, shop, NOW)).toMatchObject({ state: 'auth-failed', lastError: { kind: 'auth', raw: 'code=27 Invalid session' }, lastSuccessAt: null });
    await runner.sync(shop, 'modified', 'manual');
    expect(shopHealth(db, runner, shop, NOW)).toMatchObject({ state: 'ok', lastError: null, lastSuccessAt: NOW, lagMs: DEFAULT_SHOP_SETTINGS.safetyLagMs });
  });
});
