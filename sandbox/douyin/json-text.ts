/**
 * The simulator's own JSON writer (it must not share the engine's code, sandbox/README.md):
 * - `bare(literal)` writes an integer literal verbatim, so 19-digit ids go out as bare JSON numbers
 *   like the real 抖店 sample's product_id (no JS number could carry them);
 * - `canonical` re-serialises a received param_json the way the gateway is documented to expect it
 *   (protocols.md §3.2: keys sorted at every level — here by UTF-8 bytes, Go's `encoding/json` order —
 *   compact, `/`, CJK and `<>&` unescaped).
 */
import { randomUUID } from 'node:crypto';

export class BareNumber {
  constructor(readonly literal: string) {
    if (!/^-?\d+$/.test(literal)) throw new TypeError(`not an integer literal: ${literal}`);
  }
}

export function bare(literal: string | number | bigint): BareNumber {
  return new BareNumber(String(literal));
}

export type JsonValue = string | number | boolean | null | BareNumber | JsonValue[] | { [key: string]: JsonValue | undefined };

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Marks a bare literal inside JSON.stringify's output: a control character and a per-process nonce. */
const NONCE = randomUUID();
const MARK = `\u0001${NONCE}:`;
const MARKED = new RegExp(`"\\\\u0001${NONCE}:(-?\\d+)"`, 'g');

export function writeJson(value: JsonValue, sortKeys = false): string {
  if (sortKeys) return writeSorted(value);
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof BareNumber ? MARK + v.literal : v)).replace(MARKED, '$1');
}

function writeSorted(value: JsonValue): string {
  if (value instanceof BareNumber) return value.literal;
  if (Array.isArray(value)) return `[${value.map(writeSorted).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(byUtf8);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${writeSorted(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** §3.2 canonical form of a received param_json text; throws SyntaxError when it is not JSON. */
export function canonical(paramJson: string): string {
  return writeJson(JSON.parse(paramJson) as JsonValue, true);
}
