/**
 * TOP request signature, protocols.md §1.3:
 * 1. every parameter except `sign` (and files), skipping empty keys/values;
 * 2. keys sorted by byte order; 3. concatenated `k1v1k2v2…`;
 * 4. md5: MD5(secret + s + secret); hmac: HMAC-MD5(secret, s); hmac-sha256: HMAC-SHA256(secret, s) [S];
 * 5. hex, UPPERCASE. Computed over the same strings that go on the wire (§0).
 */
import { createHash, createHmac } from 'node:crypto';
import type { SignMethod } from './protocol.js';

export function topStringToSign(params: Readonly<Record<string, string>>): string {
  // Keys are ASCII; UTF-16 code-unit order (a plain `<` compare) equals byte order there.
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign' && k !== '' && params[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => k + params[k]).join('');
}

export function signTopParams(params: Readonly<Record<string, string>>, secret: string, method: SignMethod): string {
  const base = topStringToSign(params);
  switch (method) {
    case 'md5':
      return createHash('md5').update(secret + base, 'utf8').update(secret, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex').toUpperCase();
  }
}
