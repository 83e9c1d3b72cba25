import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { OrderListArgs, OrderQuery } from '../../core/contract/orders.js';
import type { CoreError } from '../../core/contract/errors.js';
import { send } from '../transport/index.js';
import { toOrderQuery } from './query.js';

export interface OrdersDatasource extends IDatasource {
  /** Forget every cursor: the data under them changed (an `orders/changed` push). */
  forgetCursors(): void;
  currentQuery(): OrderQuery;
}

interface Options {
  search(): string;
  /** Called when the query (filters, sort, search) differs from the previous block's. */
  onQueryChange(query: OrderQuery): void;
  onError(error: CoreError): void;
}

/**
 * Infinite row model datasource with keyset paging. Each block's `nextCursor` is remembered as the
 * cursor of the block that starts where it ended, so scrolling down asks `after=<cursor>` (deep
 * pages stay fast); a jump to a block with no known cursor falls back to `offset`.
 */
export function createOrdersDatasource(options: Options): OrdersDatasource {
  const cursors = new Map<number, string>();
  let queryKey: string | null = null;
  let query: OrderQuery = {};

  function getRows(params: IGetRowsParams): void {
    const next = toOrderQuery(params.filterModel as Record<string, unknown> | null, params.sortModel, options.search());
    const nextKey = JSON.stringify(next);
    if (nextKey !== queryKey) {
      cursors.clear();
      queryKey = nextKey;
      query = next;
      options.onQueryChange(next);
    }
    const requestKey = queryKey;
    const after = cursors.get(params.startRow);
    const args: OrderListArgs = { ...next, limit: params.endRow - params.startRow };
    if (after !== undefined) args.after = after;
    else args.offset = params.startRow;

    send('orders/list', args).then(
      (result) => {
        if ('error' in result) {
          options.onError(result.error);
          params.failCallback();
          return;
        }
        const { rows, nextCursor } = result.data;
        if (nextCursor && requestKey === queryKey) cursors.set(params.startRow + rows.length, nextCursor);
        params.successCallback(rows, nextCursor ? -1 : params.startRow + rows.length);
      },
      (cause: unknown) => {
        options.onError({ type: 'Unavailable', message: String(cause) });
        params.failCallback();
      },
    );
  }

  return {
    getRows,
    forgetCursors: () => cursors.clear(),
    currentQuery: () => query,
  };
}
