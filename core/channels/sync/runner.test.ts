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
import { listRuns, readRunInfo, shopHealth } from '../health.js';
import { MutationQueue } from '../../kernel/mutation.js';
import type { CoreEventMessage } from '../../contract/api.js';
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
  const events: CoreEventMessage[] = [];
  // The store's queue, with a publish hook this test can read (events are published after commit).
  const mutations = new MutationQueue(store.db, store.clock, { afterCommit: () => undefined, publish: (e) => void events.push(e) });
  const runner = new SyncRunner({
    db: store.db,
    mutations,
    runInfo: readRunInfo,
    onFinished: (run) => void events.push({ name: 'channels/syncFinished', payload: run }),
    clock: c,
    connectors: { taobao: connector },
    shopContext: (s) => ({ shopId: s.id, credentials: { appKey: 'k', appSecret: 's' }, env: { baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, now: c.now, fetch } }),
  });
  store.mutations.runNow({ type: 'system', id: 't', name: 't' }, 'test', (w) => {
    w.db.prepare("INSERT INTO shops (id, channel, name, settings, created_at) VALUES ('tb1', 'taobao', 'x', '{}', 0)").run();
    w.audit({ entityType: 'shop', entityId: 'tb1', action: 'create' });
  });
  return { ...store, mutations, runner, events };
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
    expect(listRuns(db, 'tb1', 50).filter((r) => r.status === 'failed' && r.errorKind === 'auth' && r.errorCode === 'auth.rejected')).toHaveLength(5);
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

describe('run figures, start and finish', () => {
  it('a retried window counts each order once: pages and pulled of the attempt that finished, inserts an abandoned attempt committed kept', async () => {
    const orders = [1, 2, 3, 4, 5].map((n) => order(n, NOW - n * HOUR));
    // Page 1 (T1,T2) is committed, then the third request fails: the retry re-pulls all three pages.
    const platform = scriptedConnector(orders, { maxWindowMs: 48 * HOUR, failOnCall: new Map([[3, new PlatformError('transient', 'connection reset')]]) });
    const { db, runner } = setup(platform.connector);
    const outcome = await runner.sync(shop, 'modified', 'manual');
    expect(platform.calls()).toBe(6);
    expect(outcome).toMatchObject({ status: 'ok', run: { pages: 3, pulled: 5, inserted: 5, unchanged: 0, updated: 0 } });
    const [row] = listRuns(db, 'tb1', 1);
    expect(row).toMatchObject({ status: 'ok', pages: 3, pulled: 5, inserted: 5, unchanged: 0 });
    // Against the store: exactly five orders exist.
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 5 });
  });

  it('a page whose transaction rolls back counts nothing', async () => {
    const orders = [1, 2, 3, 4].map((n) => order(n, NOW - n * HOUR));
    const platform = scriptedConnector(orders, { maxWindowMs: 48 * HOUR, pageSize: 2 });
    const { db, runner, mutations } = setup(platform.connector);
    // The second page's write fails inside its transaction (after ingesting), once.
    let writes = 0;
    const original = mutations.run.bind(mutations);
    mutations.run = ((actor, source, write) =>
      original(actor, source, (w) => {
        const value = write(w);
        if (source.startsWith('pull:') && ++writes === 3) throw new Error('disk full');
        return value;
      })) as typeof mutations.run;
    const outcome = await runner.sync(shop, 'modified', 'manual');
    expect(outcome).toMatchObject({ status: 'failed', run: { error: { code: 'internal' } } });
    const [row] = listRuns(db, 'tb1', 1);
    // Only the first page committed: its two orders, nothing of the rolled-back page.
    expect(row).toMatchObject({ pages: 1, pulled: 2, inserted: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 2 });
  });

  it('start answers with the run id while the run goes on; a second start is skipped; syncFinished carries the committed summary', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const base = scriptedConnector([order(1, NOW - HOUR)]).connector;
    const slow: ChannelConnector = { ...base, pullModified: async (s, w, onPage) => { await gate; await base.pullModified(s, w, onPage); } };
    const { db, runner, events } = setup(slow);
    const started = await runner.start(shop, 'modified', 'manual');
    expect(started).toMatchObject({ status: 'started', runId: expect.any(Number) });
    if (started.status !== 'started') throw new Error('not started');
    expect(listRuns(db, 'tb1', 1)[0]).toMatchObject({ id: started.runId, status: 'running', finishedAt: null });
    expect(await runner.start(shop, 'modified', 'manual')).toEqual({ status: 'skipped', reason: 'A sync of this shop is already running.' });
    expect(events.filter((e) => e.name === 'channels/syncFinished')).toHaveLength(0);
    release();
    const outcome = await started.done;
    expect(outcome).toMatchObject({ status: 'ok', runId: started.runId, run: { inserted: 1 } });
    const finished = events.filter((e) => e.name === 'channels/syncFinished');
    expect(finished).toEqual([{ name: 'channels/syncFinished', payload: expect.objectContaining({ id: started.runId, status: 'ok', inserted: 1, pulled: 1 }) }]);
    expect(listRuns(db, 'tb1', 5)).toHaveLength(1); // the running row became the finished one
  });

  it('writes the pages that arrive while a write is running together, at most about 1,000 orders a transaction', async () => {
    const orders = Array.from({ length: 1500 }, (_, i) => order(i + 1, NOW - 2 * HOUR + i));
    const platform = scriptedConnector(orders, { pageSize: 100 });
    const { db, runner, events } = setup(platform.connector);
    const outcome = await runner.sync(shop, 'modified', 'manual');
    expect(outcome).toMatchObject({ status: 'ok', run: { inserted: 1500, pulled: 1500 } });
    // orders/changed is published once per committed transaction with changes: 15 full pages took far fewer.
    const writes = events.filter((e) => e.name === 'orders/changed').map((e) => (e.payload as { ids: number[] }).ids.length);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(writes.length).toBeLessThan(15);
    expect(Math.max(...writes)).toBeLessThanOrEqual(1100);
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 1500 });
    expect(readCursor(db, 'tb1', 'modified')).toBe(NOW - DEFAULT_SHOP_SETTINGS.safetyLagMs);
  });

  it('closes a run an engine left running when the next run of the shop starts', async () => {
    const { db, runner, mutations } = setup(scriptedConnector([]).connector);
    await mutations.run({ type: 'system', id: 't', name: 't' }, 'test', (w) => {
      w.db.prepare("INSERT INTO sync_runs (shop_id, kind, trigger, started_at, status) VALUES ('tb1', 'modified', 'schedule', 1, 'running')").run();
      w.audit({ entityType: 'shop', entityId: 'tb1', action: 'test' });
    });
    await runner.sync(shop, 'modified', 'manual');
    expect(listRuns(db, 'tb1', 5).map((r) => [r.status, r.errorCode])).toEqual([['ok', null], ['failed', 'internal']]);
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
