/**
 * The simulator's own msgDigest check (protocols.md §5.1), written apart from core/ so a signing bug
 * cannot agree with itself: Java URLEncoder done byte by byte over the UTF-8 encoding.
 */
import { createHash } from 'node:crypto';

const KEEP = /[A-Za-z0-9.\-*_]/;

export function javaEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x80 && KEEP.test(ch)) out += ch;
    else if (byte === 0x20) out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function expectedMsgDigest(msgData: string, timestamp: string, checkWord: string): string {
  return createHash('md5').update(Buffer.from(javaEncode(msgData + timestamp + checkWord), 'latin1')).digest().toString('base64');
}
