import { describe, expect, it } from 'vitest';
import { toOrderQuery } from './query.js';

const DAY_START = Date.UTC(2024, 10, 25, 16, 0, 0); // 2024-11-26 00:00 in Shanghai
const NEXT_DAY = DAY_START + 86_400_000;

describe('ag-grid state → OrderQuery', () => {
  it('maps text, set, number (yuan → fen) and date filters, sort and search', () => {
    const query = toOrderQuery(
      {
        receiverName: { filterType: 'text', type: 'contains', filter: ' 王 ' },
        channel: { filterType: 'set', values: ['douyin', 'pos'] },
        paidFen: { filterType: 'number', type: 'inRange', filter: 10.5, filterTo: 99 },
        lineCount: { filterType: 'number', type: 'equals', filter: 2 },
        createdAt: { filterType: 'date', type: 'equals', dateFrom: '2024-11-26 00:00:00', dateTo: null },
      },
      [{ colId: 'paidFen', sort: 'desc' }],
      ' 1234 ',
    );
    expect(query).toEqual({
      filters: {
        receiverName: { kind: 'text', op: 'contains', value: '王' },
        channel: { kind: 'set', values: ['douyin', 'pos'] },
        paidFen: { kind: 'number', op: 'inRange', value: 1050, valueTo: 9900 },
        createdAt: { kind: 'date', op: 'inRange', from: DAY_START, to: NEXT_DAY - 1 },
      },
      search: '1234',
      sort: { column: 'paidFen', direction: 'desc' },
    });
  });

  it('maps before/after/between days to Shanghai day boundaries', () => {
    const before = toOrderQuery({ paidAt: { filterType: 'date', type: 'lessThan', dateFrom: '2024-11-26' } }, [], '');
    expect(before.filters?.paidAt).toEqual({ kind: 'date', op: 'before', from: DAY_START });
    const after = toOrderQuery({ paidAt: { filterType: 'date', type: 'greaterThan', dateFrom: '2024-11-26' } }, [], '');
    expect(after.filters?.paidAt).toEqual({ kind: 'date', op: 'after', from: NEXT_DAY - 1 });
    const between = toOrderQuery({ paidAt: { filterType: 'date', type: 'inRange', dateFrom: '2024-11-26', dateTo: '2024-11-27' } }, [], '');
    expect(between.filters?.paidAt).toEqual({ kind: 'date', op: 'inRange', from: DAY_START, to: NEXT_DAY + 86_400_000 - 1 });
  });

  it('drops empty filters, unknown columns and non-server sorts', () => {
    const query = toOrderQuery(
      {
        receiverPhoneMasked: { filterType: 'text', type: 'contains', filter: '138' },
        sellerRemark: { filterType: 'text', type: 'contains', filter: '  ' },
        status: { filterType: 'set', values: [] },
      },
      [{ colId: 'waybillNos', sort: 'asc' }],
      '',
    );
    expect(query).toEqual({});
  });

  it('keeps the first condition of a combined model', () => {
    const query = toOrderQuery(
      { shopId: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'startsWith', filter: 'pos' }, { filterType: 'text', type: 'equals', filter: 'x' }] } },
      [],
      '',
    );
    expect(query.filters?.shopId).toEqual({ kind: 'text', op: 'startsWith', value: 'pos' });
  });
});
