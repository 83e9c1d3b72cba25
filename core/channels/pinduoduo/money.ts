/**
 * PDD money → integer fen, exactly. PDD sends yuan as JSON numbers (doubles; the official Java SDK
 * declares them `Double`), some typings say string — accept both (protocols.md §2.4 [V], §0).
 *
 * Why `String(x)` is exact: ECMAScript's Number::toString yields the SHORTEST decimal that parses back
 * to the same double. A wire literal with at most 15 significant digits (every yuan amount with 2
 * decimals below 10^13 yuan) is such a decimal, and no shorter decimal maps to the same double
 * (doubles carry 15.95 decimal digits), so `String(x)` gives back the literal's digits: 19.9 → "19.9",
 * 0.07 → "0.07", Java's 1.23456789E7 → "12345678.9". From there it is digit-string arithmetic,
 * no floating-point multiplication of the amount. A value with more than 2 decimals is an error, never rounded.
 */
export type FenResult = { ok: true; fen: number } | { ok: false; reason: string };

/** Largest yuan magnitude for which the argument above holds (15 significant digits, 2 decimals). */
const MAX_EXACT_YUAN = 1e13;

export function pddYuanToFen(value: unknown, field: string): FenResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) >= MAX_EXACT_YUAN) return { ok: false, reason: `${field} ${String(value)} is out of range` };
    return textToFen(numberText(value), field, String(value));
  }
  if (typeof value === 'string') return textToFen(value.trim(), field, JSON.stringify(value));
  return { ok: false, reason: `${field} is missing or not a number (${value === undefined ? 'absent' : JSON.stringify(value)})` };
}

/** Shortest round-trip text without exponent. Tiny values (< 1e-6) print with an exponent: > 2 decimals anyway. */
function numberText(value: number): string {
  const text = String(value);
  return text === '-0' ? '0' : text;
}

const YUAN_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

function textToFen(text: string, field: string, shown: string): FenResult {
  const m = YUAN_TEXT.exec(text);
  if (!m) return { ok: false, reason: `${field} ${shown} is not a yuan amount` };
  // Trailing zeros are harmless ("1.500" from a string-typed amount); significant 3rd decimals are not.
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, reason: `${field} ${shown} has more than 2 decimals (fen cannot hold it)` };
  // Integer arithmetic on safe integers only: exact, or refused below.
  const fen = Number(m[2]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: `${field} ${shown} is out of range` };
  return { ok: true, fen: m[1] && fen !== 0 ? -fen : fen };
}
