import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { CHANNELS, ORDER_STATUSES, type OrderRow } from '../../core/contract/orders.js';
import { formatFen } from '../format/money.js';
import { formatShanghai } from '../format/time.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { SetFilter } from '../grid/SetFilter.js';
import { isOrderColumn } from './query.js';

type OrderCol = ColDef<OrderRow>;

// Only what the engine can do server-side: see ColumnFilter in core/contract/orders.ts.
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1, debounceMs: 400 };
const NUMBER_FILTER = { filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange'], maxNumConditions: 1, debounceMs: 400 };
const DATE_FILTER = { filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange'], maxNumConditions: 1 };

function money(field: keyof OrderRow & `${string}Fen`, t: Translate, extra: Partial<OrderCol> = {}): OrderCol {
  return {
    field,
    headerName: t(`column.${field}`),
    filter: 'agNumberColumnFilter',
    filterParams: NUMBER_FILTER,
    type: 'rightAligned',
    width: 118,
    valueFormatter: (p: ValueFormatterParams<OrderRow, number>) => formatFen(p.value),
    ...extra,
  };
}

function time(field: 'createdAt' | 'paidAt' | 'shipByAt' | 'platformModifiedAt' | 'updatedAt', t: Translate, extra: Partial<OrderCol> = {}): OrderCol {
  return {
    field,
    headerName: t(`column.${field}`),
    filter: 'agDateColumnFilter',
    filterParams: DATE_FILTER,
    width: 168,
    valueFormatter: (p: ValueFormatterParams<OrderRow, number | null>) => formatShanghai(p.value),
    ...extra,
  };
}

function text(field: keyof OrderRow, t: Translate, extra: Partial<OrderCol> = {}): OrderCol {
  return { field, headerName: t(`column.${field}` as MessageKey), filter: 'agTextColumnFilter', filterParams: TEXT_FILTER, ...extra };
}

function enumeration(field: 'channel' | 'status', values: readonly string[], prefix: 'channel' | 'orderStatus', t: Translate, width: number): OrderCol {
  const label = (v: string | null | undefined) => (v ? t(`${prefix}.${v}` as MessageKey) : '');
  return {
    field,
    headerName: t(`column.${field}`),
    width,
    filter: SetFilter,
    filterParams: { options: values.map((value) => ({ value, label: label(value) })) },
    valueFormatter: (p: ValueFormatterParams<OrderRow, string>) => label(p.value),
    cellClass: field === 'status' ? (p) => `status-cell status-${String(p.value)}` : undefined,
  };
}

/** The orders grid's columns; rebuilt when the language changes (ids stay, so state survives). */
export function orderColumns(t: Translate): OrderCol[] {
  const columns: OrderCol[] = [
    text('platformOrderId', t, { pinned: 'left', width: 200, cellClass: 'mono' }),
    enumeration('channel', CHANNELS, 'channel', t, 110),
    enumeration('status', ORDER_STATUSES, 'orderStatus', t, 140),
    text('receiverName', t, { width: 110 }),
    { field: 'receiverPhoneMasked', headerName: t('column.receiverPhoneMasked'), width: 130, cellClass: 'mono' },
    text('receiverRegion', t, { width: 160 }),
    money('paidFen', t),
    money('goodsFen', t),
    money('platformDiscountFen', t, { hide: true }),
    money('sellerDiscountFen', t, { hide: true }),
    money('shippingFen', t, { width: 96 }),
    money('platformFeeFen', t, { hide: true }),
    time('createdAt', t),
    time('paidAt', t, { hide: true }),
    time('shipByAt', t),
    time('platformModifiedAt', t, { hide: true }),
    time('updatedAt', t, { hide: true }),
    {
      field: 'waybillNos',
      headerName: t('column.waybillNos'),
      width: 170,
      cellClass: 'mono',
      valueFormatter: (p: ValueFormatterParams<OrderRow, string[]>) => (p.value ?? []).join(', '),
    },
    text('tags', t, { width: 140, valueFormatter: (p: ValueFormatterParams<OrderRow, string[]>) => (p.value ?? []).join('、') }),
    text('sellerRemark', t, { width: 200 }),
    text('shopId', t, { width: 120 }),
    text('platformStatus', t, { width: 120, hide: true }),
    text('buyerNick', t, { width: 120, hide: true }),
    { field: 'lineCount', headerName: t('column.lineCount'), width: 90, type: 'rightAligned' },
    { field: 'id', headerName: t('column.id'), width: 100, hide: true, filter: 'agNumberColumnFilter', filterParams: NUMBER_FILTER },
  ];
  // Sorting and filtering run in the engine, so only its OrderColumn list may sort or filter.
  return columns.map((c) => {
    const sortable = c.field !== undefined && isOrderColumn(c.field);
    return { ...c, colId: c.field, sortable, filter: sortable ? c.filter : false };
  });
}
