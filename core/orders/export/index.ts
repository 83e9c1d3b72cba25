/** Order exports: CSV (UTF-8 with BOM) and XLSX, with money, times and formula-injection handled once. */
export { type ExportColumn, type ExportKind, type ExportRows, fenToYuanText, formatShanghai, neutraliseFormula } from './format.js';
export { csvCell, csvLines, toCsv } from './csv.js';
export { toXlsx, xlsxCell } from './xlsx.js';
