import { AllCommunityModule, ModuleRegistry, themeQuartz, type GetLocaleText } from 'ag-grid-community';
import type { MessageKey, Translate } from '../i18n/index.js';

// ag-grid Community only: every community feature, no enterprise modules, no licence key.
ModuleRegistry.registerModules([AllCommunityModule]);

export const CONSOLE_FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const consoleGridTheme = themeQuartz.withParams({
  fontFamily: CONSOLE_FONT,
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1f6feb',
  borderColor: '#e3e7ee',
  headerBackgroundColor: '#f5f7fa',
  rowHoverColor: '#eef4ff',
  selectedRowBackgroundColor: '#dbe8ff',
  oddRowBackgroundColor: '#fcfdfe',
  spacing: 6,
  wrapperBorderRadius: 6,
});

/** ag-grid's own words (filter menus, overlays) translated through our dictionaries. */
const GRID_KEYS: Record<string, MessageKey> = {
  loadingOoo: 'grid.loading',
  noRowsToShow: 'grid.noRows',
  equals: 'grid.equals',
  notEqual: 'grid.notEqual',
  contains: 'grid.contains',
  startsWith: 'grid.startsWith',
  lessThan: 'grid.lessThan',
  greaterThan: 'grid.greaterThan',
  inRange: 'grid.inRange',
  before: 'grid.before',
  after: 'grid.after',
  filterOoo: 'grid.filterOoo',
  inRangeStart: 'grid.inRangeStart',
  inRangeEnd: 'grid.inRangeEnd',
  applyFilter: 'grid.applyFilter',
  resetFilter: 'grid.resetFilter',
  clearFilter: 'grid.clearFilter',
  andCondition: 'grid.andCondition',
  orCondition: 'grid.orCondition',
  dateFormatOoo: 'grid.dateFormatOoo',
  ariaFilterInput: 'grid.filterOoo',
  ariaColumnFilter: 'grid.columnFilter',
  ariaSortAscending: 'grid.sortAscending',
  ariaSortDescending: 'grid.sortDescending',
};

/** Reads the translator through a getter so a language switch applies to menus opened afterwards. */
export function gridLocaleText(currentT: () => Translate): GetLocaleText {
  return (params) => {
    const key = GRID_KEYS[params.key];
    return key ? currentT()(key) : params.defaultValue;
  };
}
