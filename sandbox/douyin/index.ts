/**
 * 抖店 open-platform simulator on loopback HTTP (protocols.md §3, §12.2): the seeded order stories of
 * sandbox/common rendered into Douyin's wire format, behind a gateway with its own signature check.
 * Never imports core/ (sandbox/README.md).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authoriseRedirect, OAuthBook, type OAuthKnobs } from '../common/oauth-book.js';
import { generateStories, type OrderStory, type StoryVersion } from '../common/story.js';
import { type DouyinApp, DouyinGateway, type DouyinKnobs, type DouyinSimulatorStats } from './gateway.js';
import { shopOrderId } from './ids.js';
import { AUTHORISE_PATH } from './oauth.js';
import { DouyinOrderBook } from './orders-api.js';
import { type PushReport, pushRecords, sendPushes, SIMULATOR_PUSH_TAGS } from './push.js';

export type { DouyinApp, DouyinKnobs, DouyinSimulatorStats } from './gateway.js';
export type { PushReport } from './push.js';
export { shopOrderId } from './ids.js';

export interface DouyinSimulatorOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  seed: number;
  orders: number;
  start: number;
  spanMs: number;
  apps: Record<string, DouyinApp>;
  knobs?: DouyinKnobs;
  /** The simulator's clock: it decides which version of each order is visible. */
  now?: () => number;
  /** Douyin's shop_id on every order (default 4463798). */
  shopId?: string;
  /** Story event → push tag overrides ([U], §12.2). */
  pushTags?: Partial<Record<StoryVersion['event'], string | null>>;
  /** Records per push request (default 20). */
  pushBatchSize?: number;
  /** Token lifetimes of the simulated authorisation. */
  oauth?: OAuthKnobs;
  /** A prepared story stream (story `n` at index n) instead of generating `orders` from the seed; pushes still begin after `start`. */
  stories?: OrderStory[];
}

export interface DouyinSimulator {
  url: string;
  /** The shop's authorise page (GET; 302 to redirect_uri with code and state). */
  authoriseUrl: string;
  oauth: OAuthBook;
  stats: DouyinSimulatorStats;
  stories: readonly OrderStory[];
  shopId: string;
  orderId(story: OrderStory): string;
  /** Sends every story event since the previous call (the first call: since `start`) up to `now()`. */
  pushTo(url: string, options?: { appKey?: string; connectivityTest?: boolean }): Promise<PushReport>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startDouyinSimulator(options: DouyinSimulatorOptions): Promise<DouyinSimulator> {
  const now = options.now ?? Date.now;
  const knobs = options.knobs ?? {};
  const shopId = options.shopId ?? '4463798';
  const stories = options.stories ?? generateStories({ seed: options.seed, count: options.orders, start: options.start, spanMs: options.spanMs });
  const book = new DouyinOrderBook(stories, { seed: options.seed, shopId, unknownStatusEvery: knobs.unknownStatusEvery });
  const oauth = new OAuthBook('dy', options.seed, now, options.oauth);
  const gateway = new DouyinGateway(book, options.apps, knobs, now, options.seed, oauth, shopId);

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (knobs.latencyMs) await new Promise((r) => setTimeout(r, knobs.latencyMs));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === AUTHORISE_PATH) {
        const a = authoriseRedirect(oauth, url.searchParams, 'app_key', (k) => k in options.apps);
        res.writeHead(a.status, a.location ? { location: a.location } : { 'content-type': 'text/plain' });
        return void res.end(a.body);
      }
      const answer = gateway.handle({ path: url.pathname, query: url.searchParams, body, headers: req.headers });
      res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(answer.body);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  let pushedUpTo = options.start - 1;
  const tags = { ...SIMULATOR_PUSH_TAGS, ...options.pushTags };
  return {
    url: `http://127.0.0.1:${port}`,
    authoriseUrl: `http://127.0.0.1:${port}${AUTHORISE_PATH}`,
    oauth,
    stats: gateway.stats,
    stories,
    shopId,
    orderId: (story) => shopOrderId(options.seed, story.n),
    async pushTo(target, pushOptions = {}) {
      const appKey = pushOptions.appKey ?? Object.keys(options.apps)[0]!;
      const secret = options.apps[appKey]?.secret ?? '';
      if (pushOptions.connectivityTest) {
        // §12.2 [U]: the connectivity-test record.
        return sendPushes(target, [{ tag: '0', msg_id: '0', data: new Date(now()).toISOString() }], appKey, secret, 1);
      }
      const upTo = now();
      const records = pushRecords(stories, options.seed, shopId, pushedUpTo, upTo, tags);
      pushedUpTo = upTo;
      return sendPushes(target, records, appKey, secret, options.pushBatchSize ?? 20);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
