import type { ColumnState, FilterModel, GridApi, SortModelItem } from 'ag-grid-community';

/** What a saved view of the orders grid holds (`views/save` with grid 'orders'). */
export interface OrdersViewState {
  version: 1;
  columnState: ColumnState[];
  filterModel: FilterModel;
  sortModel: SortModelItem[];
  search: string;
}

export function gridViewState(api: GridApi, search: string): OrdersViewState {
  const columnState = api.getColumnState();
  const sortModel = columnState
    .filter((c) => c.sort === 'asc' || c.sort === 'desc')
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' }));
  return { version: 1, columnState, filterModel: api.getFilterModel(), sortModel, search };
}

function isViewState(value: unknown): value is OrdersViewState {
  const v = value as Partial<OrdersViewState> | null;
  return !!v && typeof v === 'object' && Array.isArray(v.columnState) && typeof v.filterModel === 'object';
}

/** Applies a saved view; returns its search text, or null when the state is not one of ours. */
export function applyGridViewState(api: GridApi, state: unknown): { search: string } | null {
  if (!isViewState(state)) return null;
  api.applyColumnState({ state: state.columnState, applyOrder: true });
  if (state.sortModel?.length) {
    api.applyColumnState({ state: state.sortModel.map((s, i) => ({ ...s, sortIndex: i })), defaultState: { sort: null } });
  }
  api.setFilterModel(state.filterModel ?? null);
  return { search: typeof state.search === 'string' ? state.search : '' };
}
