/**
 * Kuaidi100 (快递100) simulator on loopback HTTP (protocols.md §5.4): real-time query
 * (POST /poll/query.do), subscription (POST /poll) and push callbacks to the subscriber's URL,
 * with parcels advancing through seeded journeys (sandbox/common/journeys.ts). Any waybill asked
 * about gets a journey that is a pure function of seed + number, starting when first seen.
 * Knobs: latency, error rate, throttling, malformed bodies, duplicate and out-of-order pushes.
 * Never imports core/ (sandbox/README.md); signatures are checked with ./signature.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { journeyEnded, journeyFor, visibleSteps, type Journey, type Scenario, type ScenarioMix } from '../common/journeys.js';
import { Rng } from '../common/rng.js';
import { COMPANIES, renderTrail } from './render.js';
import { expectedQuerySign, pushSignature } from './signature.js';

export interface Kuaidi100Knobs {
  latencyMs?: number;
  /** Share of calls answered with a server error (half HTTP 500, half envelope 501). */
  errorRate?: number;
  /** Calls per minute per customer before the throttle answer (envelope 502, or HTTP 429 with `throttleStatus429`). */
  perMinute?: number;
  throttleStatus429?: boolean;
  /** Share of answers cut short (invalid JSON). */
  malformedRate?: number;
  /** Share of pushes sent twice. */
  duplicatePushRate?: number;
  /** Share of pushes followed by a re-send of the previous, older snapshot. */
  outOfOrderPushRate?: number;
}

export interface Kuaidi100SimulatorOptions {
  port?: number;
  seed: number;
  /** customer → key (the query signature's secret). */
  customers: Record<string, string>;
  now?: () => number;
  knobs?: Kuaidi100Knobs;
  mix?: ScenarioMix;
  /** Force scenarios for given waybills (tests). */
  scenarios?: Record<string, Scenario>;
  /** The real company of a waybill when the subscriber names another: pushes then carry autoCheck=1. */
  realCompany?: Record<string, string>;
  /** A journey starts this long before the number is first seen (the merchant shipped before telling us). */
  headStartMs?: number;
  /** When the parcel really left (the demo knows its stories' ship times); else `headStartMs` before first sight. */
  shippedAt?: (waybillNo: string) => number | undefined;
}

interface Subscription {
  com: string;
  num: string;
  callbackUrl: string;
  salt: string;
  resultv2: boolean;
  /** Visible steps already pushed and accepted. */
  pushedSteps: number;
  lastParam: string | null;
  failures: number;
  ended: boolean;
}

export interface PushRecord {
  num: string;
  status: 'polling' | 'shutdown' | 'abort';
  steps: number;
  accepted: boolean;
  reply: string;
  kind: 'new' | 'duplicate' | 'out-of-order';
}

export interface Kuaidi100Stats {
  queries: number;
  subscribes: number;
  rejectedSignatures: number;
  throttled: number;
  errors: number;
  malformed: number;
  pushes: PushRecord[];
}

export interface Kuaidi100Simulator {
  url: string;
  stats: Kuaidi100Stats;
  journey(num: string): Journey | undefined;
  subscriptions(): ReadonlyMap<string, Subscription>;
  /** Pushes every subscription whose visible trail grew (or ended) since its last accepted push. */
  pushDue(): Promise<PushRecord[]>;
  /** Sends a push with an explicit (possibly wrong) salt, for bad-signature tests. */
  pushWithSalt(num: string, salt: string): Promise<PushRecord>;
  close(): Promise<void>;
}

const THREE_DAYS = 3 * 86_400_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startKuaidi100Simulator(options: Kuaidi100SimulatorOptions): Promise<Kuaidi100Simulator> {
  const now = options.now ?? Date.now;
  const knobs = options.knobs ?? {};
  const rng = new Rng(options.seed ^ 0x6b643130);
  const journeys = new Map<string, Journey>();
  const subs = new Map<string, Subscription>();
  const calls = new Map<string, number[]>();
  const stats: Kuaidi100Stats = { queries: 0, subscribes: 0, rejectedSignatures: 0, throttled: 0, errors: 0, malformed: 0, pushes: [] };

  const journeyOf = (com: string, num: string): Journey => {
    let j = journeys.get(num);
    if (!j) {
      const carrier = COMPANIES[options.realCompany?.[num] ?? com] ?? com;
      const scenario = options.scenarios?.[num];
      j = journeyFor({ seed: options.seed, key: num, carrier, waybillNo: num, shippedAt: options.shippedAt?.(num) ?? now() - (options.headStartMs ?? 3_600_000), ...(scenario ? { scenario } : {}), ...(options.mix ? { mix: options.mix } : {}) });
      journeys.set(num, j);
    }
    return j;
  };

  const throttled = (customer: string): boolean => {
    if (!knobs.perMinute) return false;
    const t = now();
    const recent = (calls.get(customer) ?? []).filter((x) => x > t - 60_000);
    recent.push(t);
    calls.set(customer, recent);
    return recent.length > knobs.perMinute;
  };

  type Answer = { status: number; body: string; headers?: Record<string, string> };
  const json = (body: unknown, status = 200): Answer => ({ status, body: JSON.stringify(body) });
  const envelope = (returnCode: string, message: string): Answer => json({ result: false, returnCode, message });

  const chaos = (who: string): Answer | null => {
    if (throttled(who)) {
      stats.throttled++;
      return knobs.throttleStatus429 ? { status: 429, body: '{"message":"Too Many Requests"}', headers: { 'Retry-After': '2' } } : envelope('502', '查询太频繁，请稍后再试');
    }
    if (knobs.errorRate && rng.chance(knobs.errorRate)) {
      stats.errors++;
      return rng.chance(0.5) ? { status: 500, body: '<html>500 Internal Server Error</html>' } : envelope('501', '服务器错误');
    }
    return null;
  };

  const maybeMalformed = (a: Answer): Answer => {
    if (knobs.malformedRate && a.status === 200 && rng.chance(knobs.malformedRate)) {
      stats.malformed++;
      return { ...a, body: a.body.slice(0, Math.max(1, Math.floor(a.body.length / 2))) };
    }
    return a;
  };

  function query(form: URLSearchParams): Answer {
    const customer = form.get('customer') ?? '';
    const param = form.get('param') ?? '';
    const key = options.customers[customer];
    if (!key || form.get('sign') !== expectedQuerySign(param, key, customer)) {
      stats.rejectedSignatures++;
      return envelope('503', '验证签名失败');
    }
    const failure = chaos(customer);
    if (failure) return failure;
    let p: Record<string, string>;
    try {
      p = JSON.parse(param) as Record<string, string>;
    } catch {
      return envelope('400', '参数错误');
    }
    if (!p.com || !p.num) return envelope('400', '参数错误：com/num');
    if (!COMPANIES[p.com]) return envelope('400', `找不到对应公司：${p.com}`);
    if (p.com === 'shunfeng' && !p.phone) return envelope('408', '顺丰单号需要提供手机号');
    stats.queries++;
    const j = journeyOf(p.com, p.num);
    const steps = visibleSteps(j, now());
    if (steps.length === 0) return envelope('500', '查询无结果，请隔段时间再查');
    const real = options.realCompany?.[p.num] ?? p.com;
    return maybeMalformed(json(renderTrail(j, steps, { com: real, resultv2: p.resultv2 !== undefined && p.resultv2 !== '0', order: p.order === 'asc' ? 'asc' : 'desc' })));
  }

  function subscribe(form: URLSearchParams): Answer {
    if (form.get('schema') !== 'json') return envelope('400', 'schema 必须为 json');
    let p: { company?: string; number?: string; key?: string; parameters?: Record<string, string> };
    try {
      p = JSON.parse(form.get('param') ?? '') as typeof p;
    } catch {
      return envelope('400', '参数错误');
    }
    const customer = Object.entries(options.customers).find(([, k]) => k === p.key)?.[0];
    if (!customer) {
      stats.rejectedSignatures++;
      return envelope('601', 'POLL:KEY已过期或不存在');
    }
    const failure = chaos(customer);
    if (failure) return failure;
    if (!p.company || !p.number || !p.parameters?.callbackurl) return envelope('400', '参数错误：company/number/callbackurl');
    if (!COMPANIES[p.company]) return envelope('700', `POLL:不支持的快递公司：${p.company}`);
    const existing = subs.get(p.number);
    if (existing && !existing.ended) return envelope('501', 'POLL:重复订阅');
    stats.subscribes++;
    journeyOf(p.company, p.number);
    subs.set(p.number, { com: p.company, num: p.number, callbackUrl: p.parameters.callbackurl, salt: p.parameters.salt ?? '', resultv2: (p.parameters.resultv2 ?? '0') !== '0', pushedSteps: 0, lastParam: null, failures: 0, ended: false });
    return json({ result: true, returnCode: '200', message: '提交成功' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (knobs.latencyMs) await new Promise((r) => setTimeout(r, knobs.latencyMs));
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const form = new URLSearchParams(body);
      const answer = req.method !== 'POST' ? { status: 405, body: '{"message":"POST only"}' } : path === '/poll/query.do' ? query(form) : path === '/poll' ? subscribe(form) : { status: 404, body: '{"message":"no such path"}' };
      res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8', ...(answer.headers ?? {}) });
      res.end(answer.body);
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function pushParam(sub: Subscription, j: Journey, steps: ReturnType<typeof visibleSteps>, status: PushRecord['status']): string {
    const real = options.realCompany?.[sub.num];
    const corrected = real !== undefined && real !== sub.com;
    const lastResult = renderTrail(j, steps, { com: corrected ? real : sub.com, resultv2: sub.resultv2, order: 'desc' });
    return JSON.stringify({
      status, billstatus: 'got', message: status === 'abort' ? '3天查询无记录' : '', autoCheck: corrected ? '1' : '0', comOld: corrected ? sub.com : '', comNew: corrected ? real : '', lastResult,
    });
  }

  async function send(sub: Subscription, param: string, salt: string, record: Omit<PushRecord, 'accepted' | 'reply'>): Promise<PushRecord> {
    const form = new URLSearchParams({ param, sign: pushSignature(param, salt) });
    let reply = '';
    try {
      const r = await fetch(sub.callbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(), signal: AbortSignal.timeout(10_000) });
      reply = await r.text();
    } catch (err) {
      reply = `unreachable: ${(err as Error).message}`;
    }
    let accepted = false;
    try {
      // protocols.md §5.4: only result:true / returnCode 200 counts; anything else is pushed again later.
      const parsed = JSON.parse(reply) as { result?: unknown; returnCode?: unknown };
      accepted = parsed.result === true && String(parsed.returnCode) === '200';
    } catch {
      accepted = false;
    }
    const full = { ...record, accepted, reply: reply.slice(0, 300) };
    stats.pushes.push(full);
    return full;
  }

  async function pushDue(): Promise<PushRecord[]> {
    const out: PushRecord[] = [];
    for (const sub of subs.values()) {
      if (sub.ended) continue;
      const j = journeys.get(sub.num)!;
      const t = now();
      const steps = visibleSteps(j, t);
      const ended = journeyEnded(j, t);
      const abort = steps.length === 0 && t - j.shippedAt > THREE_DAYS;
      if (steps.length <= sub.pushedSteps && !abort && !(sub.failures > 0 && sub.lastParam)) continue;
      const status: PushRecord['status'] = abort ? 'abort' : ended ? 'shutdown' : 'polling';
      const param = pushParam(sub, j, steps, status);
      const sent = await send(sub, param, sub.salt, { num: sub.num, status, steps: steps.length, kind: 'new' });
      out.push(sent);
      if (!sent.accepted) {
        sub.failures++;
        // Kuaidi100 re-pushes 3 times, then gives up on this update (protocols.md §5.4).
        if (sub.failures > 3) {
          sub.failures = 0;
          sub.pushedSteps = steps.length;
        }
        sub.lastParam = param;
        continue;
      }
      const previous = sub.lastParam;
      sub.failures = 0;
      sub.pushedSteps = steps.length;
      sub.lastParam = param;
      if (status !== 'polling') sub.ended = true;
      if (knobs.duplicatePushRate && rng.chance(knobs.duplicatePushRate)) out.push(await send(sub, param, sub.salt, { num: sub.num, status, steps: steps.length, kind: 'duplicate' }));
      if (previous && knobs.outOfOrderPushRate && rng.chance(knobs.outOfOrderPushRate)) {
        out.push(await send(sub, previous, sub.salt, { num: sub.num, status: 'polling', steps: -1, kind: 'out-of-order' }));
      }
    }
    return out;
  }

  return {
    url,
    stats,
    journey: (num) => journeys.get(num),
    subscriptions: () => subs,
    pushDue,
    async pushWithSalt(num, salt) {
      const sub = subs.get(num);
      if (!sub) throw new Error(`No subscription for ${num}`);
      const j = journeys.get(num)!;
      const steps = visibleSteps(j, now());
      return send(sub, pushParam(sub, j, steps, 'polling'), salt, { num, status: 'polling', steps: steps.length, kind: 'new' });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
