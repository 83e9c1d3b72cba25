/**
 * Orders list on 1,000,000 orders: a filtered, sorted first page; a change of sort column; and a
 * page around row 900,000 reached by keyset (beside OFFSET, to show why keyset).
 */
import type { OrderInput, OrderListArgs } from '../core/contract/orders.js';
import { generateDemoOrders } from '../core/demo/index.js';
import { buildListSql } from '../core/orders/query.js';
import { listOrders } from '../core/orders/repo.js';
import { type Db } from '../core/store/db.js';
import { BENCH_NOW, freshStore, rawInsert } from './fixtures.js';
import { figure, median, percentile, timeMs, type Bench } from './harness.js';

const PAGE = 100;
const GOAL_MS = 50;

function* withoutRaw(orders: Iterable<OrderInput>): Generator<OrderInput> {
  for (const o of orders) {
    const { raw: _raw, ...rest } = o;
    yield rest;
  }
}

const FILTERED: OrderListArgs[] = [
  { filters: { channel: { kind: 'set', values: ['douyin'] } }, sort: { column: 'createdAt', direction: 'desc' } },
  { filters: { status: { kind: 'set', values: ['paid', 'awaiting_shipment'] } }, sort: { column: 'createdAt', direction: 'desc' } },
  { filters: { channel: { kind: 'set', values: ['pinduoduo'] }, paidFen: { kind: 'number', op: 'greaterThan', value: 10_000 } }, sort: { column: 'paidAt', direction: 'desc' } },
  { filters: { status: { kind: 'set', values: ['refunded'] } }, sort: { column: 'createdAt', direction: 'asc' } },
  { search: '张', sort: { column: 'createdAt', direction: 'desc' } },
];

const SORTS: OrderListArgs[] = [
  { sort: { column: 'paidFen', direction: 'desc' } },
  { sort: { column: 'paidAt', direction: 'asc' } },
  { sort: { column: 'updatedAt', direction: 'desc' } },
  { sort: { column: 'createdAt', direction: 'asc' } },
];

function sample(db: Db, cases: OrderListArgs[], rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) for (const args of cases) times.push(timeMs(() => listOrders(db, { ...args, limit: PAGE })));
  return times;
}

function cursorAround(db: Db, row: number): string {
  let after: string | undefined;
  for (let seen = 0; seen < row; seen += 1000) {
    const page = listOrders(db, { limit: Math.min(1000, row - seen), ...(after ? { after } : {}) });
    if (!page.nextCursor) throw new Error(`fewer than ${row} orders`);
    after = page.nextCursor;
  }
  return after!;
}

export const ordersListBench: Bench = {
  name: 'orders-list',
  description: 'filtered/sorted first page, sort change and deep page on 1,000,000 orders',
  async run({ smoke, log }) {
    const size = smoke ? 5_000 : 1_000_000;
    const rounds = smoke ? 2 : 10;
    const store = freshStore('list');
    const fillStart = performance.now();
    // The fill is not what is measured: skip the journal and fsyncs for it, then restore the
    // production pragmas (WAL, synchronous=FULL) before any query is timed.
    store.db.pragma('journal_mode = OFF');
    store.db.pragma('synchronous = OFF');
    store.db.pragma('cache_size = -262144');
    rawInsert(store.db, withoutRaw(generateDemoOrders({ size, seed: 11, now: BENCH_NOW })), 10_000);
    store.db.pragma('journal_mode = WAL');
    store.db.pragma('synchronous = FULL');
    store.db.exec('ANALYZE');
    log(`filled ${size} orders in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

    const plain = sample(store.db, [{ sort: { column: 'id', direction: 'desc' } }], rounds * 3);
    const filtered = sample(store.db, FILTERED, rounds);
    const sorts = sample(store.db, SORTS, rounds);
    const deepRow = Math.floor(size * 0.9);
    const cursor = cursorAround(store.db, deepRow);
    const deep: number[] = [];
    for (let r = 0; r < rounds * 3; r++) deep.push(timeMs(() => listOrders(store.db, { limit: PAGE, after: cursor })));
    const first: number[] = [];
    for (let r = 0; r < rounds * 3; r++) first.push(timeMs(() => listOrders(store.db, { limit: PAGE })));
    const offsetSql = buildListSql({ limit: PAGE, offset: deepRow });
    const offset: number[] = [];
    for (let r = 0; r < Math.max(3, rounds); r++) offset.push(timeMs(() => store.db.prepare(offsetSql.sql).all(...offsetSql.params)));
    store.dispose();

    const base = median(plain);
    const f50 = median(filtered);
    return [
      figure('orders-list', 'filtered sorted first page p50', f50, 'ms', { baseline: base, goal: `< ${GOAL_MS} ms`, met: f50 < GOAL_MS }),
      figure('orders-list', 'filtered sorted first page p95', percentile(filtered, 95), 'ms', { baseline: percentile(plain, 95) }),
      figure('orders-list', 'change of sort column p50', median(sorts), 'ms', { baseline: base }),
      figure('orders-list', 'change of sort column p95', percentile(sorts, 95), 'ms', { baseline: percentile(plain, 95) }),
      figure('orders-list', `keyset page at row ${deepRow} p50`, median(deep), 'ms', { baseline: median(first), goal: 'ratio ≤ 2 vs first page', met: median(deep) <= 2 * median(first) }),
      figure('orders-list', `keyset page at row ${deepRow} p95`, percentile(deep, 95), 'ms', { baseline: percentile(first, 95) }),
      figure('orders-list', `OFFSET page at row ${deepRow} p50 (not used)`, median(offset), 'ms', { baseline: median(deep) }),
    ];
  },
};
