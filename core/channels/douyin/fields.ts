/**
 * Field readers for Douyin orders parsed by parseJsonLossless: ids may arrive as strings, safe
 * numbers or (beyond 2^53) strings made from bare literals; money is integer fen (§0, §3.6);
 * times are unix seconds (§3.6). A reader throws `FieldError` naming the field, which turns the
 * order into a `rejected` entry.
 */

export class FieldError extends Error {}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A platform id as a string of digits, or null when absent/empty/zero. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^\d+$/.test(v) && !/^0+$/.test(v)) return v;
  return null;
}

/** A text field, '' when absent; numbers are kept as their decimal text. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function integerOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return null;
}

/** Integer fen (§0: Douyin amounts are int fen). Absent → `fallback`; a fraction or text → FieldError. */
export function fenOf(o: Json, field: string, fallback: number | null = 0): number {
  const v = o[field];
  if (v === undefined || v === null) {
    if (fallback === null) throw new FieldError(`${field} is missing`);
    return fallback;
  }
  const n = integerOf(v);
  if (n === null) throw new FieldError(`${field} is not an integer amount in fen: ${JSON.stringify(v)}`);
  return n;
}

/** Unix seconds → epoch ms; 0/absent → null (Douyin sends 0 for "not yet"). */
export function secondsOf(o: Json, field: string): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === 0 || v === '0' || v === '') return null;
  const n = integerOf(v);
  if (n === null || n < 0) throw new FieldError(`${field} is not unix seconds: ${JSON.stringify(v)}`);
  return n * 1000;
}

export function requiredSecondsOf(o: Json, field: string): number {
  const ms = secondsOf(o, field);
  if (ms === null) throw new FieldError(`${field} is missing`);
  return ms;
}

/** `{name, id}` region objects of post_addr (§3.6), or a plain string. */
export function regionName(v: unknown): string {
  if (isObject(v)) return textOf(v.name);
  return textOf(v);
}

/**
 * Douyin ciphertext of receiver fields (encrypt_*, and post_* on encrypted shops) starts with a
 * marker character (`#` name/address, `$` phone, `~` id — [U], not in protocols.md; the fixture's
 * doudian_open_id shows the `#` form). Such a value is useless to people, so a masked one wins.
 */
export function looksEncrypted(value: string): boolean {
  return value.length >= 16 && /^[#$~]/.test(value);
}

/** The first non-empty, readable candidate that fits `max` characters (a masked value beats a cipher). */
export function firstFitting(candidates: readonly string[], max: number): string {
  for (const c of candidates) if (c !== '' && c.length <= max && !looksEncrypted(c)) return c;
  return '';
}

export function clipText(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}
