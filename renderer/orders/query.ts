import type { SortModelItem } from 'ag-grid-community';
import { AMOUNT_FIELDS, ORDER_COLUMNS, type ColumnFilter, type OrderColumn, type OrderQuery } from '../../core/contract/orders.js';
import { yuanNumberToFen } from '../format/money.js';
import { nextShanghaiDayStart, shanghaiDayStart } from '../format/time.js';

/** Columns holding fen: the operator types yuan into their number filters. */
export const MONEY_COLUMNS = new Set<string>(AMOUNT_FIELDS);

export function isOrderColumn(colId: string): colId is OrderColumn {
  return (ORDER_COLUMNS as readonly string[]).includes(colId);
}

interface GridFilterModel {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  values?: string[];
  conditions?: GridFilterModel[];
}

/** ag-grid filterModel + sortModel + search box → the engine's `OrderQuery`. */
export function toOrderQuery(filterModel: Record<string, unknown> | null, sortModel: SortModelItem[], search: string): OrderQuery {
  const filters: Partial<Record<OrderColumn, ColumnFilter>> = {};
  for (const [colId, raw] of Object.entries(filterModel ?? {})) {
    if (!isOrderColumn(colId)) continue;
    const filter = toColumnFilter(colId, raw as GridFilterModel);
    if (filter) filters[colId] = filter;
  }
  const query: OrderQuery = {};
  if (Object.keys(filters).length > 0) query.filters = filters;
  if (search.trim()) query.search = search.trim();
  const first = sortModel.find((s) => isOrderColumn(s.colId));
  if (first && isOrderColumn(first.colId)) query.sort = { column: first.colId, direction: first.sort };
  return query;
}

export function toColumnFilter(colId: string, model: GridFilterModel): ColumnFilter | null {
  // maxNumConditions is 1 on every column; a combined model (from an old saved view) keeps its first condition
  const m = model.conditions?.[0] ?? model;
  switch (model.filterType) {
    case 'set':
      return m.values && m.values.length > 0 ? { kind: 'set', values: m.values } : null;
    case 'text':
      return textFilter(m);
    case 'number':
      return numberFilter(m, MONEY_COLUMNS.has(colId));
    case 'date':
      return dateFilter(m);
    default:
      return null;
  }
}

function textFilter(m: GridFilterModel): ColumnFilter | null {
  const value = m.filter === null || m.filter === undefined ? '' : String(m.filter).trim();
  if (!value) return null;
  const op = m.type === 'equals' || m.type === 'startsWith' ? m.type : 'contains';
  return { kind: 'text', op, value };
}

function numberFilter(m: GridFilterModel, money: boolean): ColumnFilter | null {
  if (typeof m.filter !== 'number') return null;
  const scale = (n: number) => (money ? yuanNumberToFen(n) : n);
  if (m.type === 'inRange' && typeof m.filterTo === 'number') {
    return { kind: 'number', op: 'inRange', value: scale(m.filter), valueTo: scale(m.filterTo) };
  }
  const op = m.type === 'lessThan' || m.type === 'greaterThan' ? m.type : 'equals';
  return { kind: 'number', op, value: scale(m.filter) };
}

/**
 * Dates are picked as Shanghai calendar days. "On day D" is sent as an inclusive range
 * [start of D, end of D] so it means the same whether the engine treats `to` as < or ≤
 * (the last millisecond of the day is the only one in question).
 */
function dateFilter(m: GridFilterModel): ColumnFilter | null {
  if (!m.dateFrom) return null;
  const start = shanghaiDayStart(m.dateFrom);
  const next = nextShanghaiDayStart(m.dateFrom);
  if (start === null || next === null) return null;
  switch (m.type) {
    case 'lessThan':
      return { kind: 'date', op: 'before', from: start };
    case 'greaterThan':
      return { kind: 'date', op: 'after', from: next - 1 };
    case 'inRange': {
      const end = m.dateTo ? nextShanghaiDayStart(m.dateTo) : null;
      return end === null ? null : { kind: 'date', op: 'inRange', from: start, to: end - 1 };
    }
    default:
      return { kind: 'date', op: 'inRange', from: start, to: next - 1 };
  }
}
