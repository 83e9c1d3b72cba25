/**
 * The 抖店 gateway front: request layout (protocols.md §3.1), signature (§3.2/§3.3), envelope
 * (§3.4) and error codes (§3.5), plus the sandbox knobs (latency, throttling, transient errors,
 * malformed answers). Deterministic: the knobs count calls and draw from a seeded generator.
 */
import { OAuthBook } from '../common/oauth-book.js';
import { Rng } from '../common/rng.js';
import { canonical, type JsonValue } from './json-text.js';
import { isLogisticsMethod, logisticsMethod } from './logistics.js';
import type { ApiOutcome, DouyinOrderBook, OrdersApiLimits } from './orders-api.js';
import { TOKEN_METHODS, tokenMethod } from './oauth.js';
import { expectedSign, parseTimestamp } from './signature.js';

export interface DouyinApp {
  secret: string;
  tokens: string[];
}

export interface DouyinKnobs {
  latencyMs?: number;
  /** Share (0–1) of authenticated calls answered with a transient failure (20000 envelope or HTTP 503). */
  errorRate?: number;
  /** Every Nth authenticated call is throttled (§3.5 code 60000). */
  throttleEvery?: number;
  /** Every Nth authenticated call answers cut-off JSON. */
  malformedEvery?: number;
  expiredTokens?: string[];
  /** [U] window limit of order.searchList, ms (default: none). */
  maxWindowMs?: number;
  /** [U] deepest row reachable by paging. */
  maxOffset?: number;
  /** Every Nth order shows an undocumented order_status. */
  unknownStatusEvery?: number;
  /** Reject timestamps further than this from the simulator clock (§3.5 isv.timestamp-invalid). */
  timestampSkewMs?: number;
}

export interface DouyinSimulatorStats {
  requests: number;
  served: number;
  ordersServed: number;
  byMethod: Record<string, number>;
  rejected: { signature: number; token: number; app: number; parameter: number };
  injected: { throttled: number; transient: number; malformed: number };
}

export interface GatewayRequest {
  path: string;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface GatewayAnswer {
  status: number;
  body: string;
}

type Failure = { code: number; msg: string; subCode: string; subMsg: string };

const fail = (code: number, msg: string, subCode: string, subMsg: string): Failure => ({ code, msg, subCode, subMsg });

export class DouyinGateway {
  readonly stats: DouyinSimulatorStats = { requests: 0, served: 0, ordersServed: 0, byMethod: {}, rejected: { signature: 0, token: 0, app: 0, parameter: 0 }, injected: { throttled: 0, transient: 0, malformed: 0 } };
  private authenticated = 0;
  private readonly rng: Rng;

  constructor(
    private readonly book: DouyinOrderBook,
    private readonly apps: Record<string, DouyinApp>,
    private readonly knobs: DouyinKnobs,
    private readonly now: () => number,
    seed: number,
    /** Tokens issued by the simulated authorise page and token.create / token.refresh (sandbox/douyin/oauth.ts). */
    readonly oauth: OAuthBook = new OAuthBook('dy', seed, now),
    private readonly shopId = '4463798',
  ) {
    this.rng = new Rng(seed ^ 0x0d0d1a);
  }

  handle(req: GatewayRequest): GatewayAnswer {
    this.stats.requests++;
    const logId = `2026${String(this.stats.requests).padStart(14, '0')}`;
    const oldEnvelope = !req.headers['x-open-no-old-err-code'];
    const outcome = this.process(req);
    if ('status' in outcome) return outcome;
    if (!outcome.ok) return { status: 200, body: envelope(outcome, logId, oldEnvelope, null) };
    this.stats.served++;
    this.stats.ordersServed += outcome.orders;
    return { status: 200, body: envelope({ code: 10000, msg: 'success', subCode: '', subMsg: '' }, logId, oldEnvelope, outcome.dataText) };
  }

  private process(req: GatewayRequest): ApiOutcome | GatewayAnswer {
    const q = (name: string) => req.query.get(name) ?? '';
    const method = q('method');
    // §3.1: older integrations send param_json in the query; the SDK sends it as the body.
    const paramJson = req.body !== '' ? req.body : q('param_json');
    const denied = this.authenticate(req.path, method, paramJson, q);
    if (denied) return { ok: false, ...denied };
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    const n = ++this.authenticated;
    if (this.knobs.throttleEvery && n % this.knobs.throttleEvery === 0) {
      this.stats.injected.throttled++;
      return { ok: false, ...fail(60000, '触发限流', 'isv.trigger-limit', '当前调用频率过高，请稍后重试') };
    }
    if (this.knobs.errorRate && this.rng.next() < this.knobs.errorRate) {
      this.stats.injected.transient++;
      if (n % 2 === 0) return { status: 503, body: '<html><body>503 Service Temporarily Unavailable</body></html>' };
      return { ok: false, ...fail(20000, '服务不可用', 'isp.service-error:10005', '系统繁忙，请稍后重试') };
    }
    const params = JSON.parse(paramJson || '{}') as Record<string, JsonValue>;
    const outcome = TOKEN_METHODS.has(method) ? tokenMethod(this.oauth, method, q('app_key'), params, this.shopId) : this.dispatch(method, params);
    if (outcome.ok && this.knobs.malformedEvery && n % this.knobs.malformedEvery === 0) {
      this.stats.injected.malformed++;
      const full = envelope({ code: 10000, msg: 'success', subCode: '', subMsg: '' }, 'cut', false, outcome.dataText);
      return { status: 200, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))) };
    }
    if (!outcome.ok) this.stats.rejected.parameter++;
    return outcome;
  }

  private dispatch(method: string, params: Record<string, JsonValue>): ApiOutcome {
    const limits: OrdersApiLimits = {
      maxWindowSec: this.knobs.maxWindowMs === undefined ? undefined : Math.floor(this.knobs.maxWindowMs / 1000),
      maxOffset: this.knobs.maxOffset,
    };
    if (method === 'order.searchList') return this.book.searchList(params, this.now(), limits);
    if (method === 'order.orderDetail') return this.book.orderDetail(params, this.now());
    if (isLogisticsMethod(method)) return logisticsMethod(method, params, (id) => this.book.storyOf(id), this.now(), this.book);
    return { ok: false, ...fail(70000, '接口已下线', 'isv.method-not-found', `不支持的方法 ${method}`) };
  }

  /** §3.5 platform checks in the order a gateway meets them; null when the caller may proceed. */
  private authenticate(path: string, method: string, paramJson: string, q: (name: string) => string): Failure | null {
    const app = this.apps[q('app_key')];
    if (!q('app_key')) return this.count('app', fail(40001, '缺少必选参数', 'isv.app-id-missing', '缺少app_key'));
    if (!app) return this.count('app', fail(40003, '非法参数', 'isv.app-id-invalid', 'app_key 不存在'));
    if (!method || path !== `/${method.split('.').join('/')}`) return this.count('parameter', fail(40003, '非法参数', 'isv.parameter-format-invalid', `method ${method} 与路径 ${path} 不一致`));
    if (!q('sign')) return this.count('signature', fail(40001, '缺少必选参数', 'isv.signature-missing', '缺少签名'));
    const at = parseTimestamp(q('timestamp'));
    if (at === null) return this.count('parameter', fail(40003, '非法参数', 'isv.timestamp-format-error', 'timestamp 格式错误'));
    if (this.knobs.timestampSkewMs !== undefined && Math.abs(at - this.now()) > this.knobs.timestampSkewMs) {
      return this.count('parameter', fail(40003, '非法参数', 'isv.timestamp-invalid', 'timestamp 超出允许范围'));
    }
    let canonicalJson: string;
    try {
      canonicalJson = canonical(paramJson || '{}');
    } catch {
      return this.count('parameter', fail(40003, '非法参数', 'isv.parameter-format-invalid', 'param_json 不是合法的 JSON'));
    }
    // Strict on purpose: the signed bytes must be the canonical form of §3.2 (sorted keys, compact).
    const expected = expectedSign(app.secret, { appKey: q('app_key'), method, paramJson: canonicalJson, timestamp: q('timestamp'), v: q('v') || '2' }, q('sign_method'));
    if (paramJson !== canonicalJson || expected !== q('sign')) return this.count('signature', fail(40003, '非法参数', 'isv.signature-invalid', '签名校验失败，请检查app_secret和签名方法'));
    // §3.1: /token/create (and /token/refresh) carry no access_token.
    if (TOKEN_METHODS.has(method)) return null;
    const token = q('access_token');
    if (!token) return this.count('token', fail(40001, '缺少必选参数', 'isv.access-token-missing', '缺少access_token'));
    const issued = this.oauth.check(q('app_key'), token);
    if (this.knobs.expiredTokens?.includes(token) || issued === 'expired') return this.count('token', fail(40003, '非法参数', 'isv.access-token-expired', 'access_token已过期'));
    if (issued === 'unknown' && !app.tokens.includes(token)) return this.count('token', fail(40003, '非法参数', 'isv.access-token-no-existed', 'access_token不存在'));
    return null;
  }

  private count(kind: keyof DouyinSimulatorStats['rejected'], failure: Failure): Failure {
    this.stats.rejected[kind]++;
    return failure;
  }
}

/** §3.4 envelope; without `x-open-no-old-err-code: 1` the old `err_no`/`message` ride along. */
function envelope(f: Failure, logId: string, oldEnvelope: boolean, dataText: string | null): string {
  const head = `{"code":${f.code},"msg":${JSON.stringify(f.msg)},"sub_code":${JSON.stringify(f.subCode)},"sub_msg":${JSON.stringify(f.subMsg)},"log_id":${JSON.stringify(logId)}`;
  const old = oldEnvelope ? `,"err_no":${f.code === 10000 ? 0 : f.code},"message":${JSON.stringify(f.subMsg || f.msg)}` : '';
  return `${head}${old},"data":${dataText ?? '{}'}}`;
}
