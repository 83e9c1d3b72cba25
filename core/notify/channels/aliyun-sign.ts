/**
 * Aliyun RPC signature v1 (protocols.md §7): percent-encode (RFC 3986), sort, join with &, sign
 * "GET&%2F&" + percentEncode(canonical) with HMAC-SHA1 keyed by AccessKeySecret + "&".
 */
import { createHmac } from 'node:crypto';

/** protocols.md §7: URL-encode UTF-8, then + → %20, * → %2A, %7E → ~. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

export function aliyunStringToSign(params: Record<string, string>, method = 'GET'): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function aliyunSignature(params: Record<string, string>, accessKeySecret: string, method = 'GET'): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(params, method), 'utf8').digest('base64');
}

/** ISO 8601 UTC without milliseconds: yyyy-MM-ddTHH:mm:ssZ (protocols.md §7). */
export function aliyunTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
