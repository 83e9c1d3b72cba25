/**
 * Kdniao DataSign (protocols.md §5.5 [S], both sources agree):
 * `urlencode( Base64( lowercase_hex_MD5( RequestData + AppKey ) ) )` — Base64 of the 32-char HEX
 * STRING, not of the raw digest. The `urlencode` is the form encoding the field travels in: this
 * returns the Base64 text and `URLSearchParams` encodes it exactly once on the wire.
 */
import { createHash } from 'node:crypto';

export function kdniaoDataSign(requestData: string, appKey: string): string {
  const hex = createHash('md5').update(requestData + appKey, 'utf8').digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}
