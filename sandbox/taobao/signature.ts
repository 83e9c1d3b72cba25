/**
 * The simulator's own TOP signature check (protocols.md §1.3), deliberately not shared with the
 * connector: recompute over the received, URL-decoded form and compare with the uppercase hex `sign`.
 */
import { createHash, createHmac } from 'node:crypto';

export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export function isTopSignMethod(value: string | undefined): value is TopSignMethod {
  return value === 'md5' || value === 'hmac' || value === 'hmac-sha256';
}

/** §1.3 steps 1–3 over bytes: drop `sign` and empty keys/values, sort by UTF-8 bytes, join k+v. */
export function canonicalTopString(form: ReadonlyMap<string, string>): Buffer {
  const entries = [...form.entries()].filter(([k, v]) => k !== 'sign' && k.length > 0 && v.length > 0);
  entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return Buffer.concat(entries.flatMap(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')]));
}

export function expectedTopSign(form: ReadonlyMap<string, string>, secret: string, method: TopSignMethod): string {
  const body = canonicalTopString(form);
  const key = Buffer.from(secret, 'utf8');
  const digest =
    method === 'md5'
      ? createHash('md5').update(Buffer.concat([key, body, key])).digest()
      : createHmac(method === 'hmac' ? 'md5' : 'sha256', key).update(body).digest();
  return digest.toString('hex').toUpperCase();
}

/** §1.3 "compare case-sensitively uppercase": a lowercase hex sign is a wrong sign. */
export function topSignatureMatches(form: ReadonlyMap<string, string>, secret: string, method: TopSignMethod): boolean {
  return form.get('sign') === expectedTopSign(form, secret, method);
}
