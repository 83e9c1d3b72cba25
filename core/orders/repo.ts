/** Read side of the orders tables. */
import type { OrderDetail, OrderListArgs, OrderListResult, OrderQuery, Receiver } from '../contract/orders.js';
import type { Db } from '../store/db.js';
import { buildFilter, buildListSql, encodeCursor, type ListSql } from './query.js';
import { type LineDbRow, type OrderDbRow, type ShipmentDbRow, toOrderDetail, toOrderRow } from './rows.js';
import { orderStatements } from './statements.js';

/** Above this many matches a filter is not selective: walking the sort index beats sorting them all. */
const SELECTIVE_BELOW = 2000;

/**
 * SQLite picks the filter's index when one exists, then sorts every match in a temporary b-tree: fine
 * for a rare status, seconds for "Pinduoduo over ¥100 by payment time" on a million orders. When the
 * plan sorts and a bounded probe finds the filter is not selective, the filters are written so that
 * the sort column's index drives the query instead.
 */
export function planList(db: Db, args: OrderListArgs): ListSql {
  const plain = buildListSql(args);
  if (!plain.where || args.offset) return plain;
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${plain.sql}`).all(...plain.params) as Array<{ detail: string }>;
  if (!plan.some((step) => step.detail.includes('TEMP B-TREE FOR ORDER BY'))) return plain;
  const probe = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM orders o ${plain.where} LIMIT ${SELECTIVE_BELOW})`).get(...plain.filterParams) as { n: number };
  return probe.n >= SELECTIVE_BELOW ? buildListSql(args, true) : plain;
}

export function listOrders(db: Db, args: OrderListArgs): OrderListResult {
  const { sql, params, sortKey, limit } = planList(db, args);
  const rows = db.prepare(sql).all(...params) as OrderDbRow[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const result: OrderListResult = { rows: page.map(toOrderRow) };
  if (rows.length > limit && last) result.nextCursor = encodeCursor({ v: (last[sortKey as keyof OrderDbRow] as string | number | null) ?? null, id: last.id });
  return result;
}

/** Iterates the whole filtered set in keyset pages (exports never hold a million rows at once). */
export function* iterateOrders(db: Db, query: OrderQuery, pageSize = 1000): Generator<OrderDbRow> {
  let after: string | undefined;
  for (;;) {
    const { sql, params, sortKey, limit } = planList(db, { ...query, limit: pageSize, ...(after ? { after } : {}) });
    const rows = db.prepare(sql).all(...params) as OrderDbRow[];
    const page = rows.slice(0, limit);
    yield* page;
    const last = page[page.length - 1];
    if (rows.length <= limit || !last) return;
    after = encodeCursor({ v: (last[sortKey as keyof OrderDbRow] as string | number | null) ?? null, id: last.id });
  }
}

export function countOrders(db: Db, query: OrderQuery): number {
  const built = buildFilter(query);
  const where = built.where.length ? `WHERE ${built.where.join(' AND ')}` : '';
  return (db.prepare(`SELECT count(*) AS n FROM orders o ${where}`).get(...built.params) as { n: number }).n;
}

export function findOrderRow(db: Db, id: number): OrderDbRow | undefined {
  return orderStatements(db).byId.get(id) as OrderDbRow | undefined;
}

export function orderDetail(db: Db, id: number): OrderDetail | null {
  const s = orderStatements(db);
  const row = s.byId.get(id) as OrderDbRow | undefined;
  if (!row) return null;
  return toOrderDetail(row, s.linesOf.all(id) as LineDbRow[], s.shipmentsOf.all(id) as ShipmentDbRow[]);
}

export function receiverOf(row: OrderDbRow): Receiver {
  return {
    name: row.receiver_name,
    phone: row.receiver_phone,
    province: row.receiver_province,
    city: row.receiver_city,
    district: row.receiver_district,
    address: row.receiver_address,
  };
}
