/**
 * The gateway's signature checks, written independently of core/channels/douyin (sandbox/README.md):
 * request sign protocols.md §3.3, push event-sign §12.2.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SignedRequest {
  appKey: string;
  method: string;
  paramJson: string;
  timestamp: string;
  /** Query `v`; §3.3 signs it as `"v" + v` ("2" today, "1" in older integrations). */
  v: string;
}

/** §3.3: secret + "app_key…method…param_json…timestamp…v…" + secret. */
export function signPattern(secret: string, r: SignedRequest): string {
  const parts: Array<[string, string]> = [
    ['app_key', r.appKey],
    ['method', r.method],
    ['param_json', r.paramJson],
    ['timestamp', r.timestamp],
    ['v', r.v],
  ];
  return secret + parts.map(([k, v]) => k + v).join('') + secret;
}

/** §3.3: lowercase hex HMAC-SHA256 (key = secret) for `hmac-sha256`, MD5 for `md5`; null for an unknown method. */
export function expectedSign(secret: string, r: SignedRequest, signMethod: string): string | null {
  const pattern = signPattern(secret, r);
  if (signMethod === 'hmac-sha256') return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(pattern, 'utf8')).digest('hex');
  if (signMethod === 'md5' || signMethod === '') return createHash('md5').update(Buffer.from(pattern, 'utf8')).digest('hex');
  return null;
}

/** §12.2: event-sign = md5_lowercase_hex(app_key + body + app_secret). */
export function pushEventSign(appKey: string, body: string, secret: string): string {
  return createHash('md5').update(Buffer.from(appKey + body + secret, 'utf8')).digest('hex');
}

/** §3.1: unix seconds (official SDK) or "yyyy-MM-dd HH:mm:ss" (older samples, Beijing time): both accepted. */
export function parseTimestamp(text: string): number | null {
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h - 8, mi, s);
}
