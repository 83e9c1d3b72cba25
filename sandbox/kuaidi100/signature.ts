/**
 * Kuaidi100's signatures, written here independently of core/ (sandbox/README.md): a signing bug in
 * the engine must not agree with itself. protocols.md §5.4: UPPERCASE hex MD5 of the exact param text.
 */
import { createHash } from 'node:crypto';

export function kuaidi100Md5(text: string): string {
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
}

/** query.do: MD5(param + key + customer). */
export function expectedQuerySign(param: string, key: string, customer: string): string {
  return kuaidi100Md5(`${param}${key}${customer}`);
}

/** Push: MD5(param + salt). */
export function pushSignature(param: string, salt: string): string {
  return kuaidi100Md5(`${param}${salt}`);
}
