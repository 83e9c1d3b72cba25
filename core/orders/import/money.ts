/**
 * Exact yuan text → integer fen. Done with string arithmetic because binary floats cannot hold most
 * decimal amounts: parseFloat('0.29') * 100 === 28.999999999999996.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

// 13 integer digits × 100 stays below 2^53, so every accepted amount is an exact JS integer.
const MAX_INTEGER_DIGITS = 13;
const PLAIN = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;
// Excel's "#,##0.00" display survives into CSV files saved from Excel.
const GROUPED = /^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

export function yuanToFen(input: string, opts: { allowNegative?: boolean } = {}): Parsed<number> {
  // A currency sign is common in hand-made sheets; it carries no information here.
  const text = input.trim().replace(/^[¥￥]/, '');
  const m = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!m) {
    if (/^[+-]?[\d,]*\.\d{3,}$/.test(text)) return { ok: false, reason: `"${input}" has more than 2 decimal places` };
    return { ok: false, reason: `"${input}" is not an amount in yuan (e.g. 12.30)` };
  }
  const [, sign = '', intPart = '', frac = ''] = m;
  const digits = intPart.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) return { ok: false, reason: `"${input}" is too large` };
  const magnitude = Number(digits) * 100 + Number(frac.padEnd(2, '0'));
  if (sign === '-' && magnitude !== 0) {
    if (!opts.allowNegative) return { ok: false, reason: `"${input}" must not be negative` };
    return { ok: true, value: -magnitude };
  }
  return { ok: true, value: magnitude };
}

/** A count of items: a positive integer, written without decimals ("2", not "2.5" or "0"). */
export function parseQuantity(input: string): Parsed<number> {
  const text = input.trim();
  if (!/^\+?\d{1,9}$/.test(text) || Number(text) === 0) {
    return { ok: false, reason: `"${input}" is not a positive whole number` };
  }
  return { ok: true, value: Number(text) };
}
