/** Kuaidi100 signatures (protocols.md §5.4 [V]): UPPERCASE hex MD5 over the exact `param` string sent. */
import { createHash } from 'node:crypto';

function md5Upper(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/** Real-time query: sign = UPPER(MD5(param + key + customer)). */
export function querySign(param: string, key: string, customer: string): string {
  return md5Upper(param + key + customer);
}

/** Push callback: sign = UPPER(MD5(param + salt)), only present when a salt was given at subscribe. */
export function pushSign(param: string, salt: string): string {
  return md5Upper(param + salt);
}
