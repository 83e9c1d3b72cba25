/**
 * Server-side list queries: filters on any column, search, sort, and keyset paging. A deep page
 * costs the same as the first because it seeks to (sortValue, id) through an index instead of
 * counting past rows with OFFSET.
 */
import type { ColumnFilter, OrderColumn, OrderListArgs, OrderQuery } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';

interface ColumnSql {
  sql: string;
  nullable?: boolean;
}

/** Sortable/filterable columns and their SQL. Indexed sorts: createdAt, paidAt, updatedAt, paidFen. */
export const COLUMN_SQL: Record<OrderColumn, ColumnSql> = {
  id: { sql: 'o.id' },
  channel: { sql: 'o.channel' },
  shopId: { sql: 'o.shop_id' },
  platformOrderId: { sql: 'o.platform_order_id' },
  status: { sql: 'o.status' },
  platformStatus: { sql: 'o.platform_status', nullable: true },
  buyerNick: { sql: 'o.buyer_nick', nullable: true },
  receiverName: { sql: 'o.receiver_name' },
  receiverRegion: { sql: 'o.receiver_province' },
  goodsFen: { sql: 'o.goods_fen' },
  platformDiscountFen: { sql: 'o.platform_discount_fen' },
  sellerDiscountFen: { sql: 'o.seller_discount_fen' },
  shippingFen: { sql: 'o.shipping_fen' },
  paidFen: { sql: 'o.paid_fen' },
  platformFeeFen: { sql: 'o.platform_fee_fen' },
  createdAt: { sql: 'o.created_at' },
  paidAt: { sql: 'o.paid_at', nullable: true },
  shipByAt: { sql: 'o.ship_by_at', nullable: true },
  platformModifiedAt: { sql: 'o.platform_modified_at' },
  updatedAt: { sql: 'o.updated_at' },
  tags: { sql: 'o.tags' },
  sellerRemark: { sql: 'o.seller_remark' },
};

const REGION_SQL = "(o.receiver_province || ' ' || o.receiver_city || ' ' || o.receiver_district)";

export interface BuiltQuery {
  where: string[];
  params: unknown[];
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function columnFilterSql(column: OrderColumn, filter: ColumnFilter, out: BuiltQuery, unindexed: boolean): void {
  const col = (unindexed ? '+' : '') + (column === 'receiverRegion' ? REGION_SQL : COLUMN_SQL[column].sql);
  switch (filter.kind) {
    case 'text':
      if (filter.op === 'equals') {
        out.where.push(`${col} = ?`);
        out.params.push(filter.value);
      } else {
        out.where.push(`${col} LIKE ? ESCAPE '\\'`);
        out.params.push(filter.op === 'contains' ? `%${likeEscape(filter.value)}%` : `${likeEscape(filter.value)}%`);
      }
      return;
    case 'set':
      if (filter.values.length === 0) {
        out.where.push('0');
        return;
      }
      out.where.push(`${col} IN (${filter.values.map(() => '?').join(', ')})`);
      out.params.push(...filter.values);
      return;
    case 'number':
    case 'date': {
      const from = filter.kind === 'number' ? filter.value : filter.from;
      const to = filter.kind === 'number' ? filter.valueTo : filter.to;
      const op = filter.op;
      if (op === 'inRange') {
        if (to === undefined) throw fail.validation(`Filter on ${column}: a range needs an upper bound.`, { [column]: 'missing upper bound' });
        out.where.push(`${col} >= ? AND ${col} <= ?`);
        out.params.push(from, to);
        return;
      }
      const sqlOp = op === 'equals' ? '=' : op === 'lessThan' || op === 'before' ? '<' : '>';
      out.where.push(`${col} ${sqlOp} ?`);
      out.params.push(from);
      return;
    }
  }
}

/** FTS5 phrase: quoted so user input can never become query syntax. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function searchSql(search: string, out: BuiltQuery, unindexed: boolean): void {
  const q = search.trim();
  if (!q) return;
  const parts: string[] = [];
  const plus = unindexed ? '+' : '';
  if ([...q].length >= 3) {
    parts.push(`${plus}o.id IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)`);
    out.params.push(ftsPhrase(q));
  } else {
    // Two-character Chinese names are common and below the trigram size: prefix on the name index.
    parts.push(`(${plus}o.receiver_name >= ? AND ${plus}o.receiver_name < ?)`);
    out.params.push(q, `${q}\uffff`);
  }
  if (/^\d{4}$/.test(q)) {
    parts.push(`${plus}o.receiver_phone_tail = ?`);
    out.params.push(q);
  }
  out.where.push(parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0]!);
}

/**
 * `unindexed` writes each filter term as `+column`, which tells SQLite not to use an index for it:
 * then it walks the sort column's index and stops after one page, instead of collecting every match
 * through the filter's index and sorting them all.
 */
export function buildFilter(query: OrderQuery, unindexed = false): BuiltQuery {
  const out: BuiltQuery = { where: [], params: [] };
  for (const [column, filter] of Object.entries(query.filters ?? {}) as Array<[OrderColumn, ColumnFilter | undefined]>) {
    if (!filter) continue;
    if (!(column in COLUMN_SQL)) throw fail.validation(`Unknown column: ${column}`, { [column]: 'unknown column' });
    columnFilterSql(column, filter, out, unindexed);
  }
  if (query.search) searchSql(query.search, out, unindexed);
  return out;
}

export interface Cursor {
  v: string | number | null;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const [v, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'number' || !(v === null || typeof v === 'string' || typeof v === 'number')) throw new Error('shape');
    return { v, id };
  } catch {
    throw fail.validation('The paging cursor is not valid; start again from the first page.', { after: 'invalid cursor' });
  }
}

/** Keyset condition after `cursor` for ORDER BY col dir, id dir (SQLite sorts NULLs first ascending). */
function keysetSql(col: ColumnSql, desc: boolean, cursor: Cursor, out: BuiltQuery): void {
  const cmp = desc ? '<' : '>';
  if (col.sql === 'o.id') {
    out.where.push(`o.id ${cmp} ?`);
    out.params.push(cursor.id);
  } else if (!col.nullable) {
    out.where.push(`(${col.sql}, o.id) ${cmp} (?, ?)`);
    out.params.push(cursor.v, cursor.id);
  } else if (cursor.v === null) {
    out.where.push(desc ? `(${col.sql} IS NULL AND o.id < ?)` : `((${col.sql} IS NULL AND o.id > ?) OR ${col.sql} IS NOT NULL)`);
    out.params.push(cursor.id);
  } else {
    out.where.push(desc ? `((${col.sql}, o.id) < (?, ?) OR ${col.sql} IS NULL)` : `(${col.sql}, o.id) > (?, ?)`);
    out.params.push(cursor.v, cursor.id);
  }
}

export const MAX_PAGE = 1000;

export interface ListSql {
  sql: string;
  params: unknown[];
  sortKey: string;
  limit: number;
  /** The WHERE clause alone, for the planner's selectivity probe. */
  where: string;
  filterParams: unknown[];
}

export function buildListSql(args: OrderListArgs, unindexed = false): ListSql {
  const built = buildFilter(args, unindexed);
  const filterWhere = built.where.length ? `WHERE ${built.where.join(' AND ')}` : '';
  const filterParams = [...built.params];
  const column = args.sort?.column ?? 'createdAt';
  const col = COLUMN_SQL[column];
  if (!col) throw fail.validation(`Cannot sort by ${column}.`, { sort: 'unknown column' });
  const desc = (args.sort?.direction ?? 'desc') === 'desc';
  if (args.after) keysetSql(col, desc, decodeCursor(args.after), built);
  const limit = Math.min(Math.max(args.limit ?? 100, 1), MAX_PAGE);
  const dir = desc ? 'DESC' : 'ASC';
  const orderBy = col.sql === 'o.id' ? `o.id ${dir}` : `${col.sql} ${dir}, o.id ${dir}`;
  const where = built.where.length ? `WHERE ${built.where.join(' AND ')}` : '';
  const offset = !args.after && args.offset ? ` OFFSET ${Math.max(0, Math.floor(args.offset))}` : '';
  return { sql: `SELECT o.* FROM orders o ${where} ORDER BY ${orderBy} LIMIT ${limit + 1}${offset}`, params: built.params, sortKey: col.sql.slice(2), limit, where: filterWhere, filterParams };
}
