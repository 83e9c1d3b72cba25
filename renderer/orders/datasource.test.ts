import type { IGetRowsParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { OrderListArgs, OrderRow } from '../../core/contract/orders.js';
import { setTransport, type Transport } from '../transport/index.js';
import { createOrdersDatasource } from './datasource.js';

/** A fake engine of `total` rows answering orders/list with keyset cursors "c<index>". */
function fakeEngine(total: number) {
  const calls: OrderListArgs[] = [];
  const transport: Transport = {
    kind: 'http',
    async invoke(name, args) {
      if (name !== 'orders/list') return { error: { type: 'NotFound', message: name } };
      const a = args as OrderListArgs;
      calls.push(a);
      const start = a.after !== undefined ? Number(a.after.slice(1)) : (a.offset ?? 0);
      const end = Math.min(total, start + (a.limit ?? 100));
      const rows = Array.from({ length: end - start }, (_, i) => ({ id: start + i + 1 }) as OrderRow);
      return { data: end < total ? { rows, nextCursor: `c${end}` } : { rows } };
    },
    login: async () => ({ error: { type: 'Unauthenticated', message: '' } }),
    logout: async () => undefined,
    on: () => () => undefined,
  };
  setTransport(transport);
  return calls;
}

function requestBlock(ds: ReturnType<typeof createOrdersDatasource>, startRow: number, filterModel: unknown = {}) {
  return new Promise<{ rows: unknown[]; lastRow: number | undefined }>((resolve, reject) => {
    ds.getRows({
      startRow,
      endRow: startRow + 100,
      sortModel: [],
      filterModel,
      successCallback: (rows: unknown[], lastRow?: number) => resolve({ rows, lastRow }),
      failCallback: () => reject(new Error('failed')),
    } as unknown as IGetRowsParams);
  });
}

describe('orders datasource keyset paging', () => {
  it('follows nextCursor block after block and finds the last row', async () => {
    const calls = fakeEngine(250);
    const queries: unknown[] = [];
    const ds = createOrdersDatasource({ search: () => '', onQueryChange: (q) => queries.push(q), onError: () => undefined });
    expect(await requestBlock(ds, 0)).toMatchObject({ lastRow: -1 });
    expect(await requestBlock(ds, 100)).toMatchObject({ lastRow: -1 });
    const last = await requestBlock(ds, 200);
    expect(last.rows).toHaveLength(50);
    expect(last.lastRow).toBe(250);
    expect(calls).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, after: 'c100' },
      { limit: 100, after: 'c200' },
    ]);
    expect(queries).toHaveLength(1);
  });

  it('jumps with offset when no cursor is known, and forgets cursors when the query changes', async () => {
    const calls = fakeEngine(1000);
    const ds = createOrdersDatasource({ search: () => '', onQueryChange: () => undefined, onError: () => undefined });
    await requestBlock(ds, 0);
    await requestBlock(ds, 500);
    expect(calls[1]).toEqual({ limit: 100, offset: 500 });
    await requestBlock(ds, 100, { channel: { filterType: 'set', values: ['pos'] } });
    expect(calls[2]).toMatchObject({ offset: 100, filters: { channel: { kind: 'set', values: ['pos'] } } });
    expect(ds.currentQuery()).toEqual({ filters: { channel: { kind: 'set', values: ['pos'] } } });
  });
});
