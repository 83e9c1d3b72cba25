/**
 * The simulated TOP router (protocols.md §1): system-parameter checks in the order a gateway needs
 * them (method, app key, format, timestamp, version, signature, session — §1.2, §1.3, §1.7), then the
 * fault knobs (throttling, transient isp.* errors, malformed bodies), then the method itself.
 */
import type { OAuthBook } from '../common/oauth-book.js';
import { Rng } from '../common/rng.js';
import { METHOD_TABLE } from './methods.js';
import { isTopSignMethod, topSignatureMatches } from './signature.js';
import type { TmcQueue } from './tmc-queue.js';
import { errorBody, TOP_ERRORS, TopFault, type TopErrorSpec } from './top-errors.js';
import type { TradeBook } from './trade-book.js';
import { parseBeijingText } from './wire.js';

export interface GatewayKnobs {
  /** Probability of a code-15 `isp.*` answer (§1.6: server side, retry). */
  errorRate?: number;
  /** Every Nth authenticated call is throttled (code 7 App Call Limited, §1.7). */
  throttleEvery?: number;
  /** The ban the throttled answer announces, in seconds. Default 1. */
  throttleBanSeconds?: number;
  /** Every Nth authenticated call answers a truncated JSON body. */
  malformedEvery?: number;
  /** Sessions that answer code 27 session-expired (§1.6). */
  expiredSessions?: string[];
  /** §1.2: allowed skew of `timestamp` against the simulator's clock. Default 10 min. */
  timestampToleranceMs?: number;
}

export interface TaobaoSimulatorStats {
  calls: number;
  byMethod: Record<string, number>;
  /** Error answers by TOP code (e.g. "25", "7"), plus "malformed" for truncated bodies. */
  errors: Record<string, number>;
  /** Trades rendered into answers (duplicates across pages counted again). */
  tradesServed: number;
}

export interface GatewayDeps {
  apps: Record<string, { secret: string; sessions: string[] }>;
  knobs: GatewayKnobs;
  now: () => number;
  seed: number;
  book: TradeBook;
  tmc: TmcQueue;
  /** Sessions issued by the simulated authorise page / token APIs (sandbox/taobao/oauth.ts). */
  oauth: OAuthBook;
  sellerNick?: string;
}

export interface GatewayAnswer {
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export class TopGateway {
  readonly stats: TaobaoSimulatorStats = { calls: 0, byMethod: {}, errors: {}, tradesServed: 0 };
  private authenticated = 0;
  private readonly faults: Rng;

  constructor(private readonly deps: GatewayDeps) {
    this.faults = new Rng(deps.seed ^ 0xfa017);
  }

  private requestId(): string {
    return `${(this.deps.seed >>> 0).toString(36)}${this.stats.calls.toString(36).padStart(6, '0')}`;
  }

  private fail(spec: TopErrorSpec, requestId: string): GatewayAnswer {
    this.stats.errors[String(spec.code)] = (this.stats.errors[String(spec.code)] ?? 0) + 1;
    return { contentType: JSON_TYPE, body: errorBody(spec, requestId) };
  }

  /** §1.2/§1.3/§1.7: null when the call may proceed, else the error to answer. */
  private checkSystem(form: ReadonlyMap<string, string>, method: string | undefined): TopErrorSpec | null {
    if (!method) return TOP_ERRORS.missingMethod;
    const spec = METHOD_TABLE[method];
    if (!spec) return TOP_ERRORS.invalidMethod;
    const appKey = form.get('app_key');
    if (!appKey) return TOP_ERRORS.missingAppKey;
    const app = this.deps.apps[appKey];
    if (!app) return TOP_ERRORS.invalidAppKey;
    const timestamp = form.get('timestamp');
    if (!timestamp) return TOP_ERRORS.missingTimestamp;
    const at = parseBeijingText(timestamp);
    if (at === null || Math.abs(at - this.deps.now()) > (this.deps.knobs.timestampToleranceMs ?? 10 * 60_000)) return TOP_ERRORS.invalidTimestamp;
    if (!form.get('v')) return TOP_ERRORS.missingVersion;
    if (form.get('v') !== '2.0') return TOP_ERRORS.invalidVersion;
    const signMethod = form.get('sign_method') ?? 'md5';
    if (!form.get('sign')) return TOP_ERRORS.missingSignature;
    if (!isTopSignMethod(signMethod) || !topSignatureMatches(form, app.secret, signMethod)) return TOP_ERRORS.invalidSignature;
    if (!spec.session) return null;
    const session = form.get('session');
    if (!session) return TOP_ERRORS.missingSession;
    if (this.deps.knobs.expiredSessions?.includes(session)) return TOP_ERRORS.sessionExpired;
    const issued = this.deps.oauth.check(appKey, session);
    if (issued === 'expired') return TOP_ERRORS.sessionExpired;
    if (issued === 'unknown' && !app.sessions.includes(session)) return TOP_ERRORS.invalidSession;
    return null;
  }

  handle(form: ReadonlyMap<string, string>): GatewayAnswer {
    this.stats.calls++;
    const requestId = this.requestId();
    const method = form.get('method');
    if (method) this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    if (form.get('format') !== 'json') {
      // §1.2: xml is the default format; this simulator speaks only JSON, and says so in XML.
      this.stats.errors['23'] = (this.stats.errors['23'] ?? 0) + 1;
      return { contentType: 'text/xml;charset=UTF-8', body: `<?xml version="1.0" encoding="utf-8" ?><error_response><code>23</code><msg>Invalid format</msg></error_response>` };
    }
    const denied = this.checkSystem(form, method);
    if (denied) return this.fail(denied, requestId);
    const knobs = this.deps.knobs;
    const n = ++this.authenticated;
    if (knobs.throttleEvery && n % knobs.throttleEvery === 0) return this.fail(TOP_ERRORS.appCallLimited(knobs.throttleBanSeconds ?? 1), requestId);
    if (knobs.errorRate && this.faults.chance(knobs.errorRate)) return this.fail(TOP_ERRORS.remoteTimeout, requestId);
    let body: string;
    try {
      body = METHOD_TABLE[method!]!.handler(form, {
        book: this.deps.book,
        tmc: this.deps.tmc,
        now: this.deps.now(),
        appKey: form.get('app_key')!,
        requestId,
        countTrades: (k) => (this.stats.tradesServed += k),
        oauth: this.deps.oauth,
        sellerNick: this.deps.sellerNick ?? 'sandbox旗舰店',
      });
    } catch (err) {
      if (err instanceof TopFault) return this.fail(err.spec, requestId);
      throw err;
    }
    if (knobs.malformedEvery && n % knobs.malformedEvery === 0) {
      this.stats.errors.malformed = (this.stats.errors.malformed ?? 0) + 1;
      return { contentType: JSON_TYPE, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) };
    }
    return { contentType: JSON_TYPE, body };
  }
}
