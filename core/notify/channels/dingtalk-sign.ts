/**
 * DingTalk custom robot 加签 (protocols.md §6.2): T = current milliseconds,
 * sign = urlencode(Base64(HmacSHA256(key = secret, msg = T + "\n" + secret))), UTF-8.
 */
import { createHmac } from 'node:crypto';

export function dingtalkSignature(timestamp: number | string, secret: string): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

/** The webhook URL with `&timestamp=T&sign=S` appended (the sign is already URL-encoded). */
export function signedDingtalkUrl(webhookUrl: string, secret: string, now: number): string {
  const separator = webhookUrl.includes('?') ? '&' : '?';
  return `${webhookUrl}${separator}timestamp=${now}&sign=${dingtalkSignature(now, secret)}`;
}
