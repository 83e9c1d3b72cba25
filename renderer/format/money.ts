/**
 * Money is integer fen everywhere (architecture.md "Data"); formatting and parsing stay in integer
 * arithmetic so ¥0.1 + ¥0.2 never shows ¥0.30000000000000004.
 */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** Yuan without the symbol or grouping, for inputs: 1234.5 yuan ⇄ "1234.50". */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "12", "12.3", "12.34", "-0.5", "¥1,234.56" into fen; null when it is not an amount. */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/[¥,\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return sign === '-' ? -fen : fen;
}

/**
 * ag-grid number filters are typed in yuan by the operator; the engine filters in fen. Works on the
 * number's decimal text, since 1.005 * 100 is 100.49999… in binary floating point.
 */
export function yuanNumberToFen(yuan: number): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(yuan));
  if (!match) return Math.round(yuan * 100); // exponent notation: far outside real amounts
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.padEnd(3, '0');
  const fen = Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  return sign === '-' ? -fen : fen;
}
