/** WeCom and DingTalk robots answer `{"errcode":0,"errmsg":"ok"}` (protocols.md §6.1, §6.2). */
import { classifyStatus, parseJson, type PartnerReply } from './http.js';
import type { SendResult } from './types.js';

export function classifyRobotReply(reply: PartnerReply, codes: { rateLimit: number[]; transient: number[] }): SendResult {
  const byStatus = classifyStatus(reply);
  if (byStatus) return byStatus;
  const body = parseJson(reply.text);
  if (!body || typeof body.errcode !== 'number') {
    // The robot answered 200 with something we cannot read: whether it posted is unknown, so try again.
    return { kind: 'transient', code: 'malformed', message: `Unreadable robot answer: ${reply.text.slice(0, 200)}` };
  }
  const errcode = body.errcode;
  const message = `${errcode} ${typeof body.errmsg === 'string' ? body.errmsg : ''}`.trim();
  if (errcode === 0) return { kind: 'ok', detail: message };
  if (codes.rateLimit.includes(errcode)) return { kind: 'rate-limit', code: String(errcode), message };
  if (codes.transient.includes(errcode)) return { kind: 'transient', code: String(errcode), message };
  return { kind: 'permanent', code: String(errcode), message };
}
