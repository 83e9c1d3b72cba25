/**
 * The gateway's own signature check (protocols.md §2.3 [V]), written apart from core/ so a signing bug
 * cannot pass by agreeing with itself: MD5 streamed over secret, then each key and value in ascending
 * key order (UTF-16 code units), then secret again; compared against the UPPERCASE hex the platform
 * expects (§0: hex case matters — a lower-case signature is a wrong signature).
 */
import { createHash } from 'node:crypto';

export function expectedPddSign(params: ReadonlyMap<string, string>, secret: string): string {
  const keys = [...params.keys()].filter((k) => k !== 'sign');
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const md5 = createHash('md5');
  md5.update(secret, 'utf8');
  for (const k of keys) {
    md5.update(k, 'utf8');
    md5.update(params.get(k)!, 'utf8');
  }
  md5.update(secret, 'utf8');
  return md5.digest('hex').toUpperCase();
}

export function signatureMatches(params: ReadonlyMap<string, string>, secret: string): boolean {
  return params.get('sign') === expectedPddSign(params, secret);
}
