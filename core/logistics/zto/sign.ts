/**
 * ZTO ZOP new-style data digest (protocols.md §5.2 [S]): `x-dataDigest = Base64(MD5_raw(body + appSecret))`
 * over the exact body bytes sent. The push callback's `data_digest` is assumed to be the same
 * construction over the `data` field with the same secret [U] (protocols.md §9: not captured).
 */
import { createHash } from 'node:crypto';

export function ztoDigest(body: string, appSecret: string): string {
  return createHash('md5').update(body + appSecret, 'utf8').digest('base64');
}
