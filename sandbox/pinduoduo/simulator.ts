/**
 * A Pinduoduo POP gateway on loopback HTTP (protocols.md §2): POST form fields to any path (the
 * real one is `/api/router`, §2.1), common parameters (§2.2) and signature (§2.3) checked by its own
 * code, the two order list APIs (§2.4, §2.5), real error envelopes (§2.6). Deterministic from the
 * seed; the injected `now` decides which version of each order story is visible. Never imports core/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authoriseRedirect, OAuthBook, type OAuthKnobs } from '../common/oauth-book.js';
import { Rng } from '../common/rng.js';
import { generateStories, type OrderStory } from '../common/story.js';
import { errorBody, FAILURES, type PddFailure } from './failures.js';
import { LIST_APIS, listOrders } from './lists.js';
import { isLogisticsApi, logisticsAnswer } from './logistics.js';
import { AUTHORISE_PATH, isTokenApi, tokenAnswer } from './oauth.js';
import { signatureMatches } from './signature.js';
import { writeJson } from './wire-json.js';

export interface PinduoduoKnobs extends OAuthKnobs {
  latencyMs?: number;
  /** Share of calls answered HTTP 503 (a gateway hiccup), drawn from the seeded stream. */
  errorRate?: number;
  /** Every Nth call is throttled. */
  throttleEvery?: number;
  /** Every Nth call answers truncated JSON. */
  malformedEvery?: number;
  /** Tokens the gateway reports as expired. */
  expiredTokens?: string[];
  /** [U] codes (§2.6): 70031 and 10019 by default. */
  throttleCode?: number;
  tokenErrorCode?: number;
  /** Whether `end_*_at` includes its own second: undocumented [U], default true. */
  inclusiveEnd?: boolean;
  /** Allowed |timestamp − now| (§2.2: 10 min). */
  timestampToleranceS?: number;
  /** Rewrites a rendered order (tests: tricky amounts, unknown statuses, malformed orders). */
  tamper?: (order: Record<string, unknown>, story: OrderStory) => Record<string, unknown> | void;
}

export interface PinduoduoSimulatorOptions {
  port?: number;
  seed: number;
  orders: number;
  start: number;
  spanMs: number;
  apps: Record<string, { secret: string; tokens: string[] }>;
  knobs?: PinduoduoKnobs;
  now?: () => number;
  /** A prepared story stream (story `n` at index n) instead of generating `orders` from the seed (the demo's history + flow). */
  stories?: readonly OrderStory[];
}

export interface PinduoduoStats {
  calls: number;
  byType: Record<string, number>;
  ordersServed: number;
  failures: Record<'transient' | 'malformed' | 'commonParam' | 'sign' | 'token' | 'throttled' | 'business', number>;
}

export interface PinduoduoSimulator {
  url: string;
  /** The merchant's authorise page (GET; 302 to redirect_uri with code and state). */
  authoriseUrl: string;
  oauth: OAuthBook;
  stories: readonly OrderStory[];
  stats: PinduoduoStats;
  close(): Promise<void>;
}

type Answer = { status: number; body: string; contentType: string };

export async function startPinduoduoSimulator(options: PinduoduoSimulatorOptions): Promise<PinduoduoSimulator> {
  const stories = options.stories ?? generateStories({ seed: options.seed, count: options.orders, start: options.start, spanMs: options.spanMs });
  const knobs = options.knobs ?? {};
  const now = options.now ?? Date.now;
  const hiccups = new Rng(options.seed ^ 0x5eed);
  const oauth = new OAuthBook('pdd', options.seed, now, knobs);
  const stats: PinduoduoStats = { calls: 0, byType: {}, ordersServed: 0, failures: { transient: 0, malformed: 0, commonParam: 0, sign: 0, token: 0, throttled: 0, business: 0 } };
  let requestNo = 0;

  const fail = (kind: keyof PinduoduoStats['failures'], failure: PddFailure): Answer => {
    stats.failures[kind]++;
    const requestId = `${Math.floor(now() / 1000)}${String(++requestNo).padStart(7, '0')}`;
    return { status: 200, body: errorBody(failure, requestId), contentType: 'application/json;charset=UTF-8' };
  };

  function answer(params: Map<string, string>): Answer {
    const call = ++stats.calls;
    const type = params.get('type');
    if (type) stats.byType[type] = (stats.byType[type] ?? 0) + 1;
    if (knobs.malformedEvery && call % knobs.malformedEvery === 0) {
      stats.failures.malformed++;
      return { status: 200, body: '{"order_sn_increment_get_response":{"total_count":12,"order_sn_list":[{"order_sn":"', contentType: 'application/json' };
    }
    if (knobs.errorRate && hiccups.next() < knobs.errorRate) {
      stats.failures.transient++;
      return { status: 503, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', contentType: 'text/html' };
    }
    if (!type) return fail('commonParam', FAILURES.commonParam('type'));
    const clientId = params.get('client_id');
    const app = clientId === undefined ? undefined : options.apps[clientId];
    if (!app) return fail('commonParam', FAILURES.commonParam('client_id'));
    const timestamp = Number(params.get('timestamp'));
    if (!/^\d+$/.test(params.get('timestamp') ?? '') || Math.abs(timestamp - now() / 1000) > (knobs.timestampToleranceS ?? 600)) {
      return fail('commonParam', FAILURES.commonParam('timestamp'));
    }
    if ((params.get('data_type') ?? 'JSON') !== 'JSON') return fail('commonParam', FAILURES.commonParam('data_type'));
    if (!signatureMatches(params, app.secret)) return fail('sign', FAILURES.badSign);
    if (isTokenApi(type)) {
      const issued = tokenAnswer(oauth, type, clientId!, params, String(options.seed));
      return issued.ok ? { status: 200, body: writeJson(issued.body), contentType: 'application/json;charset=UTF-8' } : fail('token', issued.failure);
    }
    const token = params.get('access_token') ?? '';
    const tokenCode = knobs.tokenErrorCode ?? 10019;
    const issued = oauth.check(clientId!, token);
    if (knobs.expiredTokens?.includes(token) || issued === 'expired') return fail('token', FAILURES.badToken(tokenCode, true));
    if (issued === 'unknown' && !app.tokens.includes(token)) return fail('token', FAILURES.badToken(tokenCode, false));
    if (knobs.throttleEvery && call % knobs.throttleEvery === 0) return fail('throttled', FAILURES.throttled(knobs.throttleCode ?? 70031));
    if (isLogisticsApi(type)) {
      const shipped = logisticsAnswer(type, params, stories, options.seed, now());
      return shipped.ok ? { status: 200, body: writeJson(shipped.body), contentType: 'application/json;charset=UTF-8' } : fail('business', shipped.failure);
    }
    const api = LIST_APIS[type];
    if (!api) return fail('commonParam', FAILURES.commonParam('type'));
    const result = listOrders(api, params, { stories, seed: options.seed, now: now(), inclusiveEnd: knobs.inclusiveEnd ?? true, tamper: knobs.tamper });
    if (!result.ok) return fail('business', result.failure);
    stats.ordersServed += result.orders;
    return { status: 200, body: writeJson(result.body), contentType: 'application/json;charset=UTF-8' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (knobs.latencyMs) await new Promise((r) => setTimeout(r, knobs.latencyMs));
    let out: Answer;
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (req.method === 'GET' && path === AUTHORISE_PATH) {
      const a = authoriseRedirect(oauth, new URL(req.url ?? '/', 'http://sim').searchParams, 'client_id', (k) => k in options.apps);
      res.writeHead(a.status, a.location ? { location: a.location } : { 'content-type': 'text/plain' });
      return void res.end(a.body);
    }
    if (req.method !== 'POST') out = { status: 405, body: 'POST form fields (protocols.md §2.1)', contentType: 'text/plain' };
    else out = answer(formParams(req.url ?? '/', Buffer.concat(chunks).toString('utf8')));
    res.writeHead(out.status, { 'content-type': out.contentType });
    res.end(out.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/router`,
    authoriseUrl: `http://127.0.0.1:${port}${AUTHORISE_PATH}`,
    oauth,
    stories,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Form body fields, then query-string fields the body does not set. */
function formParams(url: string, body: string): Map<string, string> {
  const params = new Map(new URLSearchParams(body));
  for (const [k, v] of new URL(url, 'http://sim').searchParams) if (!params.has(k)) params.set(k, v);
  return params;
}
