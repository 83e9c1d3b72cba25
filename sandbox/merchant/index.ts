/**
 * A merchant's own backend (WeChat mini-program shop or store POS) pushing its orders to Order Hub
 * under the order-push contract (README "Order push for WeChat mini-programs and POS"): signed JSON
 * POSTs to /hooks/<channel>, at most 500 orders a request. It renders the seeded stories of
 * sandbox/common; the injected `now` decides which events have happened. Never imports core/.
 */
import { Rng } from '../common/rng.js';
import { type OrderStory, type StoryVersion, versionAt } from '../common/story.js';
import { merchantOrderId, type MerchantChannel, type PushedOrder, renderPushedOrder } from './render.js';
import { nextNonce, type SignedHeaders, signedHeaders } from './signature.js';

export type { MerchantChannel, PushedOrder } from './render.js';
export { pushSignature } from './signature.js';

export interface PushDelivery {
  /** `/hooks/wechat` or `/hooks/pos`. */
  path: string;
  headers: SignedHeaders;
  body: string;
}

/** Delivers one signed request and returns Order Hub's answer. */
export type PushSender = (delivery: PushDelivery) => Promise<{ status: number; body: unknown }>;

export interface MerchantBackendOptions {
  channel: MerchantChannel;
  /** The Order Hub shop id and its appSecret (the shop's credentials). */
  shopId: string;
  secret: string;
  stories: readonly OrderStory[];
  seed: number;
  /** Store code inside the order ids, e.g. SH01. */
  storeCode?: string;
  now?: () => number;
  send: PushSender;
  /** Orders per request (the contract allows 500). */
  batchSize?: number;
}

export interface MerchantPushReport {
  orders: number;
  requests: number;
  /** Answers that were not 200, with their bodies: the backend keeps them for a retry. */
  refused: Array<{ status: number; body: unknown }>;
}

export interface MerchantBackend {
  readonly channel: MerchantChannel;
  orderId(story: OrderStory): string;
  /** First connection: the current state of every order that exists by `now()`. */
  pushCurrent(): Promise<MerchantPushReport>;
  /** Every event since the previous push, up to `now()`, in time order. */
  pushDue(): Promise<MerchantPushReport>;
}

/** HTTP POST to `${baseUrl}${path}`, as a merchant backend would send it. */
export function httpSender(baseUrl: string): PushSender {
  return async ({ path, headers, body }) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers }, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  };
}

/** POS tickets change only when their status does (paid at the till, voided, refunded). */
function pushable(channel: MerchantChannel, story: OrderStory, index: number): boolean {
  if (channel !== 'pos' || index === 0) return true;
  return ['cancel', 'refund-request', 'refund-success'].includes(story.versions[index]!.event);
}

export function createMerchantBackend(options: MerchantBackendOptions): MerchantBackend {
  const now = options.now ?? Date.now;
  const storeCode = options.storeCode ?? (options.channel === 'pos' ? 'SH01' : 'MP01');
  const batchSize = Math.min(500, options.batchSize ?? 500);
  const rng = new Rng(options.seed ^ 0x3e4c);
  const path = `/hooks/${options.channel}`;
  let pushedUpTo = -Infinity;

  async function post(orders: PushedOrder[]): Promise<MerchantPushReport> {
    const report: MerchantPushReport = { orders: orders.length, requests: 0, refused: [] };
    for (let i = 0; i < orders.length; i += batchSize) {
      const body = JSON.stringify({ orders: orders.slice(i, i + batchSize) });
      const answer = await options.send({ path, headers: signedHeaders(options.shopId, options.secret, now(), nextNonce(rng), body), body });
      report.requests++;
      if (answer.status !== 200) report.refused.push(answer);
    }
    return report;
  }

  const latestPushable = (story: OrderStory, t: number): StoryVersion | null => {
    let seen: StoryVersion | null = null;
    story.versions.forEach((v, i) => {
      if (v.at <= t && pushable(options.channel, story, i)) seen = v;
    });
    return seen;
  };

  return {
    channel: options.channel,
    orderId: (story) => merchantOrderId(options.channel, story, storeCode),
    async pushCurrent() {
      const t = now();
      const orders: PushedOrder[] = [];
      for (const story of options.stories) {
        if (!versionAt(story, t)) continue;
        const version = latestPushable(story, t);
        if (version) orders.push(renderPushedOrder(options.channel, story, version, storeCode));
      }
      pushedUpTo = t;
      return post(orders);
    },
    async pushDue() {
      const t = now();
      const due: Array<{ story: OrderStory; version: StoryVersion }> = [];
      for (const story of options.stories) {
        story.versions.forEach((version, i) => {
          if (version.at > pushedUpTo && version.at <= t && pushable(options.channel, story, i)) due.push({ story, version });
        });
      }
      pushedUpTo = t;
      due.sort((a, b) => a.version.at - b.version.at || a.story.n - b.story.n);
      return post(due.map(({ story, version }) => renderPushedOrder(options.channel, story, version, storeCode)));
    },
  };
}
