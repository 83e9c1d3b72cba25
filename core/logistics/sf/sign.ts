/**
 * SF 丰桥 msgDigest (protocols.md §5.1 [V], official SDK):
 * `Base64( MD5_raw( urlencode_UTF8( msgData + timestamp + checkWord ) ) )`.
 * The URL-encoding is Java `URLEncoder.encode(s, "UTF-8")`: letters, digits and `.-*_` stay, a space
 * becomes `+`, every other UTF-8 byte becomes `%XX` (upper-case hex). Python's `quote_plus` differs
 * on `~` (kept) and `*` (encoded); the official Java SDK is the reference, so `~` → `%7E`, `*` stays.
 */
import { createHash } from 'node:crypto';

export function javaUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function sfMsgDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash('md5').update(javaUrlEncode(msgData + timestamp + checkWord), 'utf8').digest('base64');
}
