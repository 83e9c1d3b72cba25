/**
 * DingTalk custom robot (protocols.md §6.2): POST JSON to the webhook URL (access_token), signed with
 * 加签 when the robot has a secret. @-mentions need the mobile in the text as well as in `at`.
 */
import { signedDingtalkUrl } from './dingtalk-sign.js';
import { exchange, isReply } from './http.js';
import { classifyRobotReply } from './robot-reply.js';
import type { DeliveryAdapter } from './types.js';

export function dingtalkBody(title: string, text: string, markdown: string, format: 'text' | 'markdown', mentions: string[]): Record<string, unknown> {
  const at = { atMobiles: mentions, isAtAll: false };
  const suffix = mentions.length > 0 ? `\n${mentions.map((m) => `@${m}`).join(' ')}` : '';
  if (format === 'markdown') return { msgtype: 'markdown', markdown: { title, text: markdown + suffix }, at };
  return { msgtype: 'text', text: { content: text + suffix }, at };
}

export const dingtalkAdapter: DeliveryAdapter = {
  channel: 'dingtalk',
  async send(message, target, env) {
    const { webhookUrl, signSecret } = target.credentials;
    if (!webhookUrl) return { kind: 'config', code: 'no-webhook', message: `Target ${target.id} has no DingTalk webhook URL.` };
    const url = signSecret ? signedDingtalkUrl(webhookUrl, signSecret, env.now()) : webhookUrl;
    const body = dingtalkBody(message.title, message.text, message.markdown, target.settings.format ?? 'text', target.settings.mentions ?? []);
    const reply = await exchange(env.fetch, url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) }, env.timeoutMs);
    if (!isReply(reply)) return reply;
    return classifyRobotReply(reply, { rateLimit: env.settings.codes.dingtalkRateLimit, transient: env.settings.codes.dingtalkTransient });
  },
};
