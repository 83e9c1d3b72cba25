/** Money is integer fen everywhere inside the engine (architecture.md "Data"). */
export function assertFen(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${field} must be an integer number of fen, got ${String(value)}`);
  return value;
}

/** Exact yuan text → fen: "12.3" → 1230; more than two decimals is an error, never rounded. */
export function yuanToFen(text: string): number {
  const m = /^\s*(-)?(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) throw new RangeError(`Not a yuan amount with at most 2 decimals: "${text}"`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Amount out of range: "${text}"`);
  return m[1] ? -fen : fen;
}

/** fen → "12.30" using integer arithmetic only. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
