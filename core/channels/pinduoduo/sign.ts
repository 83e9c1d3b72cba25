/**
 * POP request signing (protocols.md §2.3 [V]): every parameter except `sign`, keys sorted ascending
 * (JS default sort = UTF-16 code units), `secret + k1 + v1 + k2 + v2 + … + secret`, MD5 over the
 * UTF-8 bytes, UPPERCASE hex (§0). Values are the exact strings that go on the wire (§0): callers
 * stringify objects/arrays once and send that same string.
 */
import { createHash } from 'node:crypto';

export type PddParams = Record<string, string>;

export function pddSignBase(params: PddParams, secret: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort();
  let base = secret;
  for (const k of keys) base += k + params[k];
  return base + secret;
}

export function signPddParams(params: PddParams, secret: string): string {
  return createHash('md5').update(pddSignBase(params, secret), 'utf8').digest('hex').toUpperCase();
}

/** Parameter values as the SDK sends them (§2.3 step 1): strings as-is, objects/arrays JSON-encoded. */
export function wireValue(value: string | number | boolean | object): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
