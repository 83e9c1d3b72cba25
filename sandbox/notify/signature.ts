/**
 * The receivers' own signature checks, written apart from core/ so a signing bug in the adapters
 * cannot pass by agreeing with itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** DingTalk 加签 (protocols.md §6.2): HmacSHA256(secret, `${timestamp}\n${secret}`), base64; the query carries it URL-encoded. */
export function expectedDingtalkSign(timestamp: string, secret: string): string {
  const mac = createHmac('sha256', secret);
  mac.update(timestamp + '\n' + secret);
  return mac.digest().toString('base64');
}

/** RFC 3986 by hand: every byte outside A–Z a–z 0–9 - _ . ~ becomes %XX (protocols.md §7). */
export function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Aliyun RPC v1 (protocols.md §7): HMAC-SHA1(secret + "&", "GET&%2F&" + enc(sorted k=v joined by &)). */
export function expectedAliyunSignature(query: URLSearchParams, accessKeySecret: string, method = 'GET'): string {
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of query) if (k !== 'Signature') pairs.push([k, v]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonical = pairs.map(([k, v]) => rfc3986(k) + '=' + rfc3986(v)).join('&');
  const text = method + '&' + rfc3986('/') + '&' + rfc3986(canonical);
  return createHmac('sha1', accessKeySecret + '&').update(text).digest('base64');
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
