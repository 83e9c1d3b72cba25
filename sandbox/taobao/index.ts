/**
 * Simulated Taobao / Tmall Open Platform gateway (protocols.md §1, §12.1) on loopback HTTP,
 * rendering the seeded, platform-neutral order stories (sandbox/common/story.ts) as TOP trades.
 * Never imports core/: its signature check, times, money and JSON are its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { authoriseRedirect, OAuthBook, type OAuthKnobs } from '../common/oauth-book.js';
import { generateStories, type OrderStory } from '../common/story.js';
import { AUTHORISE_PATH } from './oauth.js';
import { type GatewayKnobs, TopGateway, type TaobaoSimulatorStats } from './gateway.js';
import { TmcQueue } from './tmc-queue.js';
import { TradeBook, type TradeBookKnobs } from './trade-book.js';

export type { TaobaoSimulatorStats } from './gateway.js';

export interface TaobaoSimulatorKnobs extends GatewayKnobs, TradeBookKnobs, OAuthKnobs {
  /** Delay before every answer. */
  latencyMs?: number;
  /** TMC: how long a consumed, unconfirmed message waits before it is handed out again. Default 0. */
  tmcRedeliverMs?: number;
  /** TMC: only events at or after this time are published (the app subscribed then). Default: every event. */
  tmcFrom?: number;
}

export interface TaobaoSimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  seed: number;
  orders: number;
  start: number;
  spanMs: number;
  apps: Record<string, { secret: string; sessions: string[] }>;
  knobs?: TaobaoSimulatorKnobs;
  /** The simulator's clock: decides which version of each story is visible. Default Date.now. */
  now?: () => number;
  /** A prepared story stream (story `n` at index n) instead of generating `orders` from the seed (the demo's history + flow). */
  stories?: readonly OrderStory[];
}

export interface TaobaoSimulator {
  /** The router URL, e.g. http://127.0.0.1:PORT/router/rest (§1.1). */
  url: string;
  /** The seller's authorise page (GET; 302 to redirect_uri with code and state). */
  authoriseUrl: string;
  /** Codes, sessions and refresh tokens the simulator issued (tests expire or revoke them). */
  oauth: OAuthBook;
  close(): Promise<void>;
  stats: TaobaoSimulatorStats;
  /** The 19-digit tid of story `n`, exactly as the simulator writes it. */
  tidOf(n: number): string;
  stories: readonly OrderStory[];
}

const ROUTER_PATH = '/router/rest';

async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const form = new Map(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  // §1.1: application/x-www-form-urlencoded;charset=utf-8; system params may also ride in the URL.
  for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) form.set(k, v);
  return form;
}

export async function startTaobaoSimulator(options: TaobaoSimulatorOptions): Promise<TaobaoSimulator> {
  const knobs = options.knobs ?? {};
  const now = options.now ?? Date.now;
  const stories = options.stories ?? generateStories({ seed: options.seed, count: options.orders, start: options.start, spanMs: options.spanMs });
  const book = new TradeBook(stories, options.seed, knobs);
  const oauth = new OAuthBook('tb', options.seed, now, knobs);
  const gateway = new TopGateway({ apps: options.apps, knobs, now, seed: options.seed, book, oauth, tmc: new TmcQueue(book, options.seed, knobs.tmcRedeliverMs ?? 0, knobs.tmcFrom) });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === AUTHORISE_PATH && req.method === 'GET') {
      const a = authoriseRedirect(oauth, new URL(req.url ?? '/', 'http://localhost').searchParams, 'client_id', (k) => k in options.apps);
      return void res.writeHead(a.status, a.location ? { location: a.location } : { 'content-type': 'text/plain' }).end(a.body);
    }
    if (path !== ROUTER_PATH) return void res.writeHead(404).end();
    // §1.7 code 9: only upper-case GET/POST.
    if (req.method !== 'POST' && req.method !== 'GET') return void res.writeHead(405).end();
    const form = await readForm(req);
    if (knobs.latencyMs) await delay(knobs.latencyMs);
    const answer = gateway.handle(form);
    res.writeHead(200, { 'content-type': answer.contentType }).end(answer.body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${ROUTER_PATH}`,
    authoriseUrl: `http://127.0.0.1:${port}${AUTHORISE_PATH}`,
    oauth,
    stats: gateway.stats,
    tidOf: (n) => book.tidOf(n),
    stories,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
