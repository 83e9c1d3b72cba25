import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../test/support/engine.js';
import { sampleOrder } from '../../test/support/orders.js';
import type { OrderInput, OrderListArgs } from '../contract/orders.js';
import { ingestOrder } from './ingest.js';
import { buildListSql } from './query.js';
import { countOrders, listOrders, planList } from './repo.js';

const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '欧阳明月'];

function seeded(n: number) {
  const store = memoryStore();
  store.mutations.runNow({ type: 'system', id: 't', name: 't' }, 'test', (w) => {
    for (let i = 0; i < n; i++) {
      const base = sampleOrder();
      const order: OrderInput = {
        ...base,
        channel: i % 3 === 0 ? 'douyin' : i % 3 === 1 ? 'pinduoduo' : 'taobao',
        platformOrderId: `69${String(1000000000000000 + i * 7919).padStart(17, '0')}`,
        status: i % 5 === 0 ? 'refunded' : 'paid',
        receiver: { ...base.receiver, name: names[i % names.length]!, phone: `139${String(10000000 + i).padStart(8, '0')}` },
        amounts: { ...base.amounts, paidFen: (i * 37) % 500 },
        createdAt: base.createdAt + (i % 17) * 1000, // many ties: the id breaks them
        paidAt: i % 4 === 0 ? null : base.createdAt + i,
      };
      ingestOrder(w, order);
    }
  });
  return store;
}

function allPages(db: ReturnType<typeof seeded>['db'], args: OrderListArgs): number[] {
  const ids: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = listOrders(db, { ...args, limit: 7, ...(after ? { after } : {}) });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    after = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('orders list: keyset paging, sort, filters, search', () => {
  it.each([
    ['createdAt', 'desc'],
    ['createdAt', 'asc'],
    ['paidAt', 'desc'],
    ['paidAt', 'asc'],
    ['paidFen', 'asc'],
    ['platformOrderId', 'desc'],
  ] as const)('pages through every row exactly once sorted by %s %s (ties and NULLs included)', (column, direction) => {
    const { db } = seeded(100);
    const ids = allPages(db, { sort: { column, direction } });
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    const offsetOrder = listOrders(db, { sort: { column, direction }, limit: 1000 }).rows.map((r) => r.id);
    expect(ids).toEqual(offsetOrder);
  });

  it('filters by any column kind and counts the same set', () => {
    const { db } = seeded(60);
    const args = { filters: { channel: { kind: 'set' as const, values: ['douyin'] }, status: { kind: 'text' as const, op: 'equals' as const, value: 'refunded' } } };
    const rows = listOrders(db, { ...args, limit: 1000 }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === 'douyin' && r.status === 'refunded')).toBe(true);
    expect(countOrders(db, args)).toBe(rows.length);
    const cheap = listOrders(db, { filters: { paidFen: { kind: 'number', op: 'inRange', value: 100, valueTo: 200 } }, limit: 1000 }).rows;
    expect(cheap.every((r) => r.paidFen >= 100 && r.paidFen <= 200)).toBe(true);
    expect(() => listOrders(db, { filters: { paidFen: { kind: 'number', op: 'inRange', value: 1 } } })).toThrow(/upper bound/);
  });

  it('searches order id fragments, receiver names (two-character too) and phone tails', () => {
    const { db } = seeded(30);
    const one = listOrders(db, { limit: 1 }).rows[0]!;
    expect(listOrders(db, { search: one.platformOrderId.slice(5, 14) }).rows.map((r) => r.id)).toContain(one.id);
    expect(listOrders(db, { search: '王芳', limit: 100 }).rows.every((r) => r.receiverName === '王芳')).toBe(true);
    expect(listOrders(db, { search: '欧阳明', limit: 100 }).rows.length).toBe(5);
    // Four digits are a phone tail or an id fragment: both match.
    const tail = listOrders(db, { search: '0007', limit: 100 }).rows;
    expect(tail.map((r) => r.receiverPhoneMasked)).toContain('139****0007');
    expect(tail.every((r) => r.receiverPhoneMasked.endsWith('0007') || r.platformOrderId.includes('0007'))).toBe(true);
    expect(listOrders(db, { search: '" OR 1=1 --' }).rows).toEqual([]);
  });

  it('rejects a forged cursor with a clear error', () => {
    const { db } = seeded(3);
    expect(() => listOrders(db, { after: 'bm90LWpzb24' })).toThrow(/cursor is not valid/);
  });
});

describe('list planning', () => {
  const planOf = (db: ReturnType<typeof seeded>['db'], args: OrderListArgs) => {
    const { sql, params } = planList(db, { ...args, limit: 100 });
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((s) => s.detail).join(' | ');
  };

  it('walks the sort index for a broad filter, and keeps the filter index for a narrow one, with the same rows either way', () => {
    const { db } = seeded(2500);
    db.exec('ANALYZE');
    const broad: OrderListArgs = { filters: { status: { kind: 'set', values: ['paid'] } }, sort: { column: 'paidFen', direction: 'desc' } };
    const plain = buildListSql({ ...broad, limit: 100 });
    const plainPlan = (db.prepare(`EXPLAIN QUERY PLAN ${plain.sql}`).all(...plain.params) as Array<{ detail: string }>).map((s) => s.detail).join(' | ');
    expect(plainPlan).toMatch(/orders_status_created.*TEMP B-TREE/); // what SQLite alone would do
    expect(planOf(db, broad)).not.toMatch(/TEMP B-TREE/);
    const someId = listOrders(db, { limit: 1 }).rows[0]!.platformOrderId;
    const narrow: OrderListArgs = { sort: { column: 'paidFen', direction: 'desc' }, filters: { platformOrderId: { kind: 'text', op: 'equals', value: someId } } };
    expect(planOf(db, narrow)).toMatch(/TEMP B-TREE/);
    for (const args of [broad, narrow]) {
      const planned = listOrders(db, { ...args, limit: 100 }).rows.map((r) => r.id);
      const { sql, params } = buildListSql({ ...args, limit: 100 });
      const direct = (db.prepare(sql).all(...params) as Array<{ id: number }>).slice(0, 100).map((r) => r.id);
      expect(planned).toEqual(direct);
    }
  });
});
