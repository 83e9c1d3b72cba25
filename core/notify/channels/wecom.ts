/**
 * WeCom (企业微信) group robot (protocols.md §6.1): POST JSON to the webhook URL whose `key` is the
 * only credential. Text ≤ 2048 bytes, markdown ≤ 4096 bytes; longer content is cut on a character
 * boundary with an ellipsis rather than refused.
 */
import { exchange, isReply } from './http.js';
import { classifyRobotReply } from './robot-reply.js';
import type { DeliveryAdapter } from './types.js';

export const WECOM_TEXT_MAX_BYTES = 2048; // protocols.md §6.1
export const WECOM_MARKDOWN_MAX_BYTES = 4096; // protocols.md §6.1

export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  let out = '';
  let bytes = Buffer.byteLength(ellipsis, 'utf8');
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out + ellipsis;
}

export function wecomBody(text: string, markdown: string, format: 'text' | 'markdown', mentions: string[]): Record<string, unknown> {
  if (format === 'markdown') return { msgtype: 'markdown', markdown: { content: truncateUtf8(markdown, WECOM_MARKDOWN_MAX_BYTES) } };
  const content = truncateUtf8(text, WECOM_TEXT_MAX_BYTES);
  return mentions.length > 0 ? { msgtype: 'text', text: { content, mentioned_list: mentions } } : { msgtype: 'text', text: { content } };
}

export const wecomAdapter: DeliveryAdapter = {
  channel: 'wecom',
  async send(message, target, env) {
    const url = target.credentials.webhookUrl;
    if (!url) return { kind: 'config', code: 'no-webhook', message: `Target ${target.id} has no WeCom webhook URL.` };
    const body = wecomBody(message.text, message.markdown, target.settings.format ?? 'text', target.settings.mentions ?? []);
    const reply = await exchange(env.fetch, url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) }, env.timeoutMs);
    if (!isReply(reply)) return reply;
    return classifyRobotReply(reply, { rateLimit: env.settings.codes.wecomRateLimit, transient: env.settings.codes.wecomTransient });
  },
};
