/**
 * WeCom group robot (protocols.md §6.1) and DingTalk custom robot (§6.2) as a group chat sees them:
 * the key / access_token must be known, DingTalk's 加签 must verify and be within an hour, the body
 * must be a message type the robot takes, and each robot takes 20 messages a minute.
 */
import { expectedDingtalkSign, sameText } from './signature.js';
import type { Misbehaviour } from './behaviour.js';

export interface RobotAnswer {
  status: number;
  body: unknown;
}

export interface RobotCheck {
  /** What landed in the group (content / markdown text), null when refused. */
  text: string | null;
  answer: RobotAnswer;
  problem?: string;
}

const ok = (text: string): RobotCheck => ({ text, answer: { status: 200, body: { errcode: 0, errmsg: 'ok' } } });
const refuse = (errcode: number, errmsg: string, problem = errmsg): RobotCheck => ({ text: null, answer: { status: 200, body: { errcode, errmsg } }, problem });

function parse(raw: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function checkWecom(url: URL, raw: string, keys: ReadonlySet<string>): RobotCheck {
  const key = url.searchParams.get('key') ?? '';
  if (!keys.has(key)) return refuse(93000, 'invalid webhook url, hint: [sandbox]');
  const body = parse(raw);
  if (!body) return refuse(40035, 'invalid json');
  if (body.msgtype === 'text') {
    const content = (body.text as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content === '') return refuse(44004, 'empty content');
    if (Buffer.byteLength(content) > 2048) return refuse(40058, 'content exceed max length 2048');
    return ok(content);
  }
  if (body.msgtype === 'markdown') {
    const content = (body.markdown as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content === '') return refuse(44004, 'empty content');
    if (Buffer.byteLength(content) > 4096) return refuse(40058, 'content exceed max length 4096');
    return ok(content);
  }
  return refuse(40008, 'invalid message type');
}

export function checkDingtalk(url: URL, raw: string, robots: ReadonlyMap<string, string | null>, now: number): RobotCheck {
  const token = url.searchParams.get('access_token') ?? '';
  if (!robots.has(token)) return refuse(400101, 'access_token不存在');
  const secret = robots.get(token);
  if (secret) {
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const sign = url.searchParams.get('sign') ?? ''; // URLSearchParams already URL-decoded it once
    if (!/^\d{13}$/.test(timestamp)) return refuse(310000, 'sign not match, more: [timestamp missing]', 'timestamp missing or not milliseconds');
    if (Math.abs(now - Number(timestamp)) > 3_600_000) return refuse(310000, 'sign not match, more: [timestamp expired]', 'timestamp more than 1 hour off');
    if (!sameText(sign, expectedDingtalkSign(timestamp, secret))) return refuse(310000, 'sign not match', 'bad signature');
  }
  const body = parse(raw);
  if (!body) return refuse(40035, '缺少参数 json');
  if (body.msgtype === 'text') {
    const content = (body.text as { content?: unknown } | undefined)?.content;
    return typeof content === 'string' && content !== '' ? ok(content) : refuse(40035, '缺少参数 text.content');
  }
  if (body.msgtype === 'markdown') {
    const md = body.markdown as { title?: unknown; text?: unknown } | undefined;
    return typeof md?.title === 'string' && typeof md.text === 'string' && md.text !== '' ? ok(md.text) : refuse(40035, '缺少参数 markdown.title/text');
  }
  return refuse(400105, '不支持的消息类型');
}

/** The robot-side answer to a misbehaviour knob; `null` for hang (no answer at all). */
export function robotMisbehaviour(how: Misbehaviour, rateLimit: { errcode: number; errmsg: string }): RobotAnswer | null | 'malformed' {
  if (how === 'hang') return null;
  if (how === 'malformed') return 'malformed';
  if (how === 'http-500') return { status: 500, body: 'Internal Server Error' };
  if (how === 'http-502') return { status: 502, body: 'Bad Gateway' };
  if (how === 'rate-limit') return { status: 200, body: rateLimit };
  return { status: 200, body: { errcode: how.errcode, errmsg: how.message ?? 'sandbox error' } };
}
