/**
 * Loopback receivers for the notification channels: a WeCom group robot (protocols.md §6.1), a
 * DingTalk custom robot (§6.2) and the Aliyun SMS gateway (§7). Each verifies what it receives with
 * its own code, records every message (accepted or not), enforces the robots' 20/minute limit (DingTalk
 * then blocks 10 minutes) and can be told to throttle, fail with a 5xx, answer garbage or hang.
 * Never imports core/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Behaviour, WindowLimit, type Misbehaviour } from './behaviour.js';
import { checkDingtalk, checkWecom, robotMisbehaviour, type RobotCheck } from './robots.js';
import { checkSendSms, type SmsAccount } from './sms.js';

export type { Misbehaviour } from './behaviour.js';
export type { SmsAccount } from './sms.js';

export type ReceiverChannel = 'wecom' | 'dingtalk' | 'sms';

export interface ReceivedMessage {
  seq: number;
  channel: ReceiverChannel;
  /** WeCom key, DingTalk access_token, or Aliyun AccessKeyId. */
  account: string;
  receivedAt: number;
  /** True when the message reached the group / the phone. */
  accepted: boolean;
  /** Robots: the content shown in the group; SMS: `TemplateCode` + params as JSON. */
  text: string | null;
  phone?: string | null;
  templateParams?: Record<string, string> | null;
  outId?: string | null;
  /** Why it was refused or how the knob answered. */
  problem?: string;
  status: number | null;
}

export interface NotifyReceiversOptions {
  port?: number;
  now?: () => number;
  wecomKeys?: string[];
  /** access_token → 加签 secret (null = keyword/IP security, no signature). */
  dingtalkRobots?: Record<string, string | null>;
  smsAccounts?: Record<string, SmsAccount>;
  /** protocols.md §6: 20 messages a minute per robot. */
  robotPerMinute?: number;
  /** protocols.md §6.2: throttled for 10 minutes after exceeding. */
  dingtalkBlockMs?: number;
  /** DingTalk's throttling errcode (§6.2 documents 410100; robots in the wild answer 130101). */
  dingtalkRateLimitErrcode?: number;
}

export interface NotifyReceivers {
  url: string;
  wecomUrl(key: string): string;
  dingtalkUrl(accessToken: string): string;
  /** Aliyun SMS endpoint (the path is `/`, as dysmsapi.aliyuncs.com/). */
  smsEndpoint: string;
  wecom: Behaviour;
  dingtalk: Behaviour;
  sms: Behaviour;
  messages: ReceivedMessage[];
  /** Accepted messages whose text contains `needle` (how many times a message reached the group). */
  hits(needle: string, channel?: ReceiverChannel): number;
  /** Runs after a message is recorded and before it is answered (a test may kill the sender here). */
  beforeReply: ((message: ReceivedMessage) => Promise<void> | void) | null;
  close(): Promise<void>;
}

export async function startNotifyReceivers(options: NotifyReceiversOptions = {}): Promise<NotifyReceivers> {
  const now = options.now ?? Date.now;
  const wecomKeys = new Set(options.wecomKeys ?? []);
  const dingtalkRobots = new Map(Object.entries(options.dingtalkRobots ?? {}));
  const smsAccounts = new Map(Object.entries(options.smsAccounts ?? {}));
  const perMinute = options.robotPerMinute ?? 20;
  const wecomLimit = new WindowLimit(perMinute, 0);
  const dingtalkLimit = new WindowLimit(perMinute, options.dingtalkBlockMs ?? 10 * 60_000);
  const dingtalkRateLimit = { errcode: options.dingtalkRateLimitErrcode ?? 410100, errmsg: '发送速度太快而限流' };
  const wecomRateLimit = { errcode: 45009, errmsg: 'api freq out of limit' };
  const nonces = new Set<string>();
  const messages: ReceivedMessage[] = [];
  let seq = 0;

  const receivers: NotifyReceivers = {
    url: '',
    smsEndpoint: '',
    wecomUrl: (key) => `${receivers.url}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    dingtalkUrl: (token) => `${receivers.url}/robot/send?access_token=${encodeURIComponent(token)}`,
    wecom: new Behaviour(),
    dingtalk: new Behaviour(),
    sms: new Behaviour(),
    messages,
    hits: (needle, channel) => messages.filter((m) => m.accepted && (!channel || m.channel === channel) && (m.text ?? '').includes(needle)).length,
    beforeReply: null,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  async function answer(res: ServerResponse, message: ReceivedMessage, status: number, body: unknown): Promise<void> {
    message.status = status;
    await receivers.beforeReply?.(message);
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function robot(channel: 'wecom' | 'dingtalk', url: URL, raw: string, res: ServerResponse): Promise<void> {
    const at = now();
    const account = url.searchParams.get(channel === 'wecom' ? 'key' : 'access_token') ?? '';
    const message: ReceivedMessage = { seq: ++seq, channel, account, receivedAt: at, accepted: false, text: null, status: null };
    messages.push(message);
    const how: Misbehaviour | null = (channel === 'wecom' ? receivers.wecom : receivers.dingtalk).take();
    if (how) {
      const reply = robotMisbehaviour(how, channel === 'wecom' ? wecomRateLimit : dingtalkRateLimit);
      message.problem = `knob: ${typeof how === 'string' ? how : `errcode ${how.errcode}`}`;
      if (reply === null) return; // hang: never answer; the sender's timeout decides
      if (reply === 'malformed') return answer(res, message, 200, '<html>gateway</html>');
      return answer(res, message, reply.status, reply.body);
    }
    const check: RobotCheck = channel === 'wecom' ? checkWecom(url, raw, wecomKeys) : checkDingtalk(url, raw, dingtalkRobots, at);
    if (check.text !== null && (channel === 'wecom' ? wecomLimit : dingtalkLimit).exceeded(account, at)) {
      message.problem = 'rate limit';
      return answer(res, message, 200, channel === 'wecom' ? wecomRateLimit : dingtalkRateLimit);
    }
    message.accepted = check.text !== null;
    message.text = check.text;
    if (check.problem) message.problem = check.problem;
    return answer(res, message, check.answer.status, check.answer.body);
  }

  async function sms(url: URL, res: ServerResponse): Promise<void> {
    const at = now();
    const requestId = `SANDBOX-${(++seq).toString().padStart(6, '0')}`;
    const message: ReceivedMessage = { seq, channel: 'sms', account: url.searchParams.get('AccessKeyId') ?? '', receivedAt: at, accepted: false, text: null, status: null };
    messages.push(message);
    const how = receivers.sms.take();
    if (how) {
      message.problem = `knob: ${typeof how === 'string' ? how : `code ${how.errcode}`}`;
      if (how === 'hang') return;
      if (how === 'malformed') return answer(res, message, 200, 'not json');
      if (how === 'http-500' || how === 'http-502') return answer(res, message, Number(how.slice(5)), { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.', RequestId: requestId });
      if (how === 'rate-limit') return answer(res, message, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5', RequestId: requestId });
      return answer(res, message, 200, { Code: String(how.errcode), Message: how.message ?? 'sandbox error', RequestId: requestId });
    }
    const check = checkSendSms(url.searchParams, smsAccounts, nonces, at, requestId, `${at}^${seq}`);
    message.accepted = check.accepted;
    message.phone = check.phone;
    message.templateParams = check.params;
    message.outId = check.outId;
    message.text = check.accepted ? `${check.templateCode} ${JSON.stringify(check.params)}` : null;
    if (check.problem) message.problem = check.problem;
    return answer(res, message, check.status, check.body);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') return robot('wecom', url, raw, res);
    if (req.method === 'POST' && url.pathname === '/robot/send') return robot('dingtalk', url, raw, res);
    if ((req.method === 'GET' || req.method === 'POST') && url.pathname === '/') {
      if (req.method === 'POST') for (const [k, v] of new URLSearchParams(raw)) url.searchParams.set(k, v);
      return sms(url, res);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  receivers.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receivers.smsEndpoint = `${receivers.url}/`;
  return receivers;
}
