import type { CellKeyDownEvent, FilterChangedEvent, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { OrderQuery, OrderRow } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { OrderDrawer } from '../drawer/OrderDrawer.js';
import { consoleGridTheme } from '../grid/setup.js';
import { useGridLocaleText } from '../grid/useGridLocaleText.js';
import { useI18n } from '../i18n/index.js';
import { on, send } from '../transport/index.js';
import { orderColumns } from './columns.js';
import { createOrdersDatasource } from './datasource.js';
import { OrdersToolbar } from './OrdersToolbar.js';
import { gridViewState, applyGridViewState, type OrdersViewState } from './viewState.js';

/** Rows per infinite-model block, and so the `limit` of each `orders/list` call. */
const BLOCK_SIZE = 100;
/** Pushes can arrive in bursts (an import, a sync window): refresh at most this often. */
const CHANGE_REFRESH_MS = 1_000;

export function OrdersWorkspace() {
  const { t } = useI18n();
  const gridRef = useRef<AgGridReact<OrderRow>>(null);
  const searchRef = useRef('');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [channel, setChannel] = useState('');
  const [openOrderId, setOpenOrderId] = useState<number | null>(null);
  const countSeq = useRef(0);

  const refreshCount = useCallback(async (query: OrderQuery) => {
    const seq = ++countSeq.current;
    const result = await send('orders/count', { filters: query.filters, search: query.search });
    if (seq !== countSeq.current) return;
    if ('data' in result) setTotal(result.data.total);
    else setError(result.error);
  }, []);

  const datasource = useMemo(
    () =>
      createOrdersDatasource({
        search: () => searchRef.current,
        onQueryChange: (q) => {
          setError(null);
          void refreshCount(q);
        },
        onError: setError,
      }),
    [refreshCount],
  );
  const columnDefs = useMemo(() => orderColumns(t), [t]);
  const localeText = useGridLocaleText();

  const reload = useCallback(() => {
    datasource.forgetCursors();
    gridRef.current?.api.purgeInfiniteCache();
    void refreshCount(datasource.currentQuery());
  }, [datasource, refreshCount]);

  useEffect(() => {
    let pending: number | null = null;
    const off = on('orders/changed', () => {
      if (pending !== null) return;
      pending = window.setTimeout(() => {
        pending = null;
        reload();
      }, CHANGE_REFRESH_MS);
    });
    return () => {
      off();
      if (pending !== null) window.clearTimeout(pending);
    };
  }, [reload]);

  function applySearch(value: string) {
    if (value === searchRef.current) return;
    searchRef.current = value;
    setSearch(value);
    gridRef.current?.api.ensureIndexVisible(0, 'top');
    reload();
  }

  function applyChannel(value: string) {
    const api = gridRef.current?.api;
    if (!api) return;
    void Promise.resolve(api.setColumnFilterModel('channel', value ? { filterType: 'set', values: [value] } : null)).then(() =>
      api.onFilterChanged(),
    );
  }

  function onFilterChanged(event: FilterChangedEvent<OrderRow>) {
    const model = event.api.getColumnFilterModel('channel') as { values?: string[] } | null;
    setChannel(model?.values?.length === 1 ? (model.values[0] ?? '') : '');
  }

  function clearFilters() {
    gridRef.current?.api.setFilterModel(null);
    applySearch('');
  }

  function viewState(): OrdersViewState | null {
    const api = gridRef.current?.api;
    return api ? gridViewState(api, searchRef.current) : null;
  }

  function applyView(state: unknown) {
    const api = gridRef.current?.api;
    if (!api) return;
    const applied = applyGridViewState(api, state);
    if (applied !== null) applySearch(applied.search);
  }

  function closeDrawer() {
    const id = openOrderId;
    setOpenOrderId(null);
    const api = gridRef.current?.api;
    const node = id !== null ? api?.getRowNode(String(id)) : undefined;
    if (api && node?.rowIndex !== undefined && node.rowIndex !== null) api.setFocusedCell(node.rowIndex, 'platformOrderId');
  }

  return (
    <section className="orders" aria-label={t('orders.title')}>
      <OrdersToolbar
        search={search}
        onSearch={applySearch}
        channel={channel}
        onChannel={applyChannel}
        total={total}
        onClearFilters={clearFilters}
        onRefresh={reload}
        currentQuery={() => datasource.currentQuery()}
        viewState={viewState}
        applyView={applyView}
        onError={setError}
      />
      <ErrorMessage error={error} testId="orders-error" />
      <div className="orders__grid" data-testid="orders-grid" aria-label={t('orders.grid')}>
        <AgGridReact<OrderRow>
          ref={gridRef}
          theme={consoleGridTheme}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={50}
          blockLoadDebounceMillis={50}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, minWidth: 70 }}
          getRowId={(p) => String(p.data.id)}
          getLocaleText={localeText}
          rowHeight={34}
          headerHeight={36}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowClicked={(e: RowClickedEvent<OrderRow>) => e.data && setOpenOrderId(e.data.id)}
          onCellKeyDown={(e: CellKeyDownEvent<OrderRow>) => {
            if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) setOpenOrderId(e.data.id);
          }}
          onFilterChanged={onFilterChanged}
        />
      </div>
      {openOrderId !== null && <OrderDrawer orderId={openOrderId} onClose={closeDrawer} />}
    </section>
  );
}
