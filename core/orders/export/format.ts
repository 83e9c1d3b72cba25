/**
 * Cell formatting shared by the CSV and XLSX writers. Values come from the engine: money is
 * integer fen, times are UTC epoch ms shown in Asia/Shanghai (fixed UTC+8, no daylight saving).
 */
export type ExportKind = 'text' | 'money' | 'int' | 'time';

export interface ExportColumn {
  key: string;
  header: string;
  kind: ExportKind;
}

export type ExportRows = AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Exact, from the integer: -1250 → "-12.50". Never through a float division. */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen);
  const sign = fen < 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai. Hand-rolled: Intl formatting is ~50× slower per cell. */
export function formatShanghai(epochMs: number): string {
  const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
  const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** A Date whose UTC fields are the Shanghai wall clock: what an Excel date cell (zone-less) should hold. */
export function shanghaiWallClockDate(epochMs: number): Date {
  return new Date(epochMs + SHANGHAI_OFFSET_MS);
}

/**
 * CSV/formula injection guard (OWASP "CSV Injection"): a cell starting with = + - @ TAB or CR can
 * be run as a formula by spreadsheet software, so it gets a leading apostrophe. Only text cells:
 * money and counts are written as numbers, and "-12.50" there must stay a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Integer fen from a row value; anything else is a bug in the caller, not a user error. */
export function moneyFen(column: ExportColumn, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new TypeError(`export column ${column.key}: money must be integer fen, got ${String(value)}`);
}

export function integerValue(column: ExportColumn, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new TypeError(`export column ${column.key}: expected an integer, got ${String(value)}`);
}

export function epochMs(column: ExportColumn, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new TypeError(`export column ${column.key}: expected epoch milliseconds, got ${String(value)}`);
}

/** Text of any value: lists (tags, waybills) are joined with ';', which the importer splits on. */
export function textValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textValue).join(';');
  if (value instanceof Date) return formatShanghai(value.getTime());
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Display width in Excel character units: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}
