/**
 * The simulator's JSON writer. POP is a Java gateway whose SDK declares money as `Double`
 * (protocols.md §2.4 [V]); the doc samples print `99.0` / `1.0`, and Java's Double.toString switches
 * to `1.23456789E7` from 10^7 up. Money is held as integer fen (`Yuan`) and printed that way with string
 * arithmetic only, so the wire carries what a Java server would send and clients must cope.
 */

/**
 * Literals travel through JSON.stringify as marked strings (`toJSON`, no replacer: stringify stays
 * fast) and are unwrapped afterwards. The U+0001 marks are escaped by stringify as `\u0001`, which no
 * ordinary string value of an order produces.
 */
const mark = (literal: string) => `\u0001${literal}\u0001`;
const MARKED = /"\\u0001((?:[^"\\]|\\.)*?)\\u0001"/g;

export class Yuan {
  constructor(readonly fen: number) {}
  toJSON(): string {
    return mark(javaDoubleText(this.fen));
  }
}

/** A literal written verbatim (tests: `19.90`, `1.0E7`, `0.1e1`, a 19-digit id). */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return mark(this.text);
  }
}

export function javaDoubleText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.trunc(abs / 100));
  const cents = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  // Java prints plain decimals for 10^-3 <= |d| < 10^7 (and 0.0); fen never go below 10^-2.
  if (abs < 1_000_000_000) return `${sign}${whole}.${cents || '0'}`;
  const digits = (whole + cents).replace(/0+$/, '');
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${whole.length - 1}`;
}

export function writeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(MARKED, (_m, escaped: string) => JSON.parse(`"${escaped}"`) as string);
}
