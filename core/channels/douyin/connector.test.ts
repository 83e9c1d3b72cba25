/**
 * The 抖店 connector against the sandbox gateway over real loopback HTTP (architecture.md: the real
 * client code always runs). Expected order sets are computed from the stories, not from the connector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { paidFen, type StoryStage, versionAt } from '../../../sandbox/common/story.js';
import { type DouyinKnobs, type DouyinSimulator, startDouyinSimulator } from '../../../sandbox/douyin/index.js';
import { orderInputSchema } from '../../orders/validate-input.js';
import { PlatformError, type PulledPage, type ShopContext, type TimeWindow } from '../types.js';
import { createDouyinConnector, type DouyinConnector, type DouyinConnectorOptions } from './connector.js';

const APP_KEY = '7123456789012345678';
const SECRET = 'sandbox-secret-0001';
const TOKEN = 'tok-live';
const START = Date.UTC(2026, 10, 10, 16); // 2026-11-11 00:00 Beijing
const HOUR = 3600_000;
const SPAN = 6 * HOUR;

let clock = START + 3 * 24 * HOUR;
let sim: DouyinSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function simulator(orders: number, knobs: DouyinKnobs = {}): Promise<DouyinSimulator> {
  clock = START + 3 * 24 * HOUR;
  sim = await startDouyinSimulator({ seed: 11, orders, start: START, spanMs: SPAN, apps: { [APP_KEY]: { secret: SECRET, tokens: [TOKEN, 'tok-old'] } }, knobs, now: () => clock });
  return sim;
}

function shopOf(s: DouyinSimulator, credentials: Partial<ShopContext['credentials']> = {}, env: Partial<ShopContext['env']> = {}): ShopContext {
  return { shopId: 'dy-1', credentials: { appKey: APP_KEY, appSecret: SECRET, accessToken: TOKEN, ...credentials }, env: { baseUrl: s.url, timeoutMs: 5000, now: () => clock, fetch, ...env } };
}

async function pull(connector: DouyinConnector, shop: ShopContext, field: 'created' | 'modified', window: TimeWindow) {
  const pages: PulledPage[] = [];
  const onPage = async (p: PulledPage) => void pages.push(p);
  await (field === 'created' ? connector.pullCreated(shop, window, onPage) : connector.pullModified(shop, window, onPage));
  const orders = pages.flatMap((p) => p.orders);
  return { pages, orders, ids: orders.map((o) => o.platformOrderId), unknown: pages.flatMap((p) => p.unknownStatuses), rejected: pages.flatMap((p) => p.rejected) };
}

/** Ids whose visible version (at the simulator clock) has its second-granular time in [from, to). */
function expectedIds(s: DouyinSimulator, field: 'created' | 'modified', w: TimeWindow): string[] {
  return s.stories
    .filter((story) => {
      const v = versionAt(story, clock);
      if (!v) return false;
      const t = Math.floor((field === 'created' ? story.createdAt : v.at) / 1000) * 1000;
      return t >= w.from && t < w.to;
    })
    .map((story) => s.orderId(story))
    .sort();
}

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

const whole: TimeWindow = { from: START - HOUR, to: START + 3 * 24 * HOUR };

describe('order.searchList paging and windows', () => {
  it('pulls every order of a window exactly once, page by page, each a valid OrderInput', async () => {
    const s = await simulator(600);
    const c = createDouyinConnector({ pageSize: 50, maxWindowMs: 4 * 24 * HOUR });
    const got = await pull(c, shopOf(s), 'modified', whole);
    expect([...got.ids].sort()).toEqual(expectedIds(s, 'modified', whole));
    expect(new Set(got.ids).size).toBe(got.ids.length);
    expect(got.rejected).toEqual([]);
    for (const o of got.orders) expect(orderInputSchema.safeParse(o).success).toBe(true);
    // page 0, then last → 0 (page 0 re-read at the end: rows may have shifted into it)
    expect(s.stats.byMethod['order.searchList']).toBe(1 + Math.ceil(600 / 50));
  });

  it('carries each story through the wire: amounts on the right side, SKUs, parcels, status, masked receiver', async () => {
    const s = await simulator(300);
    clock = START + 5 * HOUR; // mid-stream: every stage is on show
    const got = await pull(createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR }), shopOf(s), 'created', whole);
    expect(got.orders.length).toBe(expectedIds(s, 'created', whole).length);
    const expectedStatus: Record<StoryStage, string> = {
      created: 'pending_payment', paid: 'awaiting_shipment', partially_shipped: 'partially_shipped', shipped: 'shipped', delivered: 'shipped',
      completed: 'completed', cancelled: 'cancelled', refunding: 'refunding', refunded: 'refunded',
    };
    const seen = new Set<string>();
    for (const o of got.orders) {
      const story = s.stories.find((x) => s.orderId(x) === o.platformOrderId)!;
      const v = versionAt(story, clock)!;
      const goods = story.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceFen, 0);
      expect(o.amounts).toEqual({ goodsFen: goods, platformDiscountFen: story.platformDiscountFen, sellerDiscountFen: story.sellerDiscountFen, shippingFen: story.shippingFen, paidFen: paidFen(story), platformFeeFen: 0 });
      expect(o.lines.map((l) => [l.platformSku, l.quantity, l.unitPriceFen])).toEqual(story.lines.map((l) => [l.outerSku, l.quantity, l.unitPriceFen]));
      expect(o.status).toBe(v.stage === 'paid' && story.n % 10 === 3 ? 'paid' : expectedStatus[v.stage]);
      expect(o.receiver.name).toBe(`${v.receiver.name.slice(0, 1)}${'*'.repeat(Math.max(1, v.receiver.name.length - 1))}`);
      expect(o.receiver.district).toBe(v.receiver.district);
      expect(o.shipments).toEqual(v.parcel ? [{ carrier: v.parcel.carrierCode, waybillNo: v.parcel.waybillNo, shippedAt: Math.floor(v.parcel.shippedAt / 1000) * 1000 }] : []);
      seen.add(o.status);
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });

  it('treats windows as half-open [from, to) over second-granular platform times', async () => {
    const s = await simulator(300);
    const c = createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR });
    const story = s.stories.find((x) => x.versions.length > 2)!;
    const t = Math.floor(versionAt(story, clock)!.at / 1000) * 1000;
    const id = s.orderId(story);
    expect((await pull(c, shopOf(s), 'modified', { from: t - HOUR, to: t })).ids).not.toContain(id);
    expect((await pull(c, shopOf(s), 'modified', { from: t, to: t + 1 })).ids).toContain(id);
    expect((await pull(c, shopOf(s), 'modified', { from: t + 1, to: t + HOUR })).ids).not.toContain(id);
    // Adjacent windows split at an odd millisecond partition the orders: no gap, no overlap.
    const mid = START + 2 * HOUR + 1234;
    const left = await pull(c, shopOf(s), 'created', { from: START, to: mid });
    const right = await pull(c, shopOf(s), 'created', { from: mid, to: START + SPAN + 1 });
    expect(left.ids.filter((x) => right.ids.includes(x))).toEqual([]);
    expect([...left.ids, ...right.ids].sort()).toEqual(expectedIds(s, 'created', { from: START, to: START + SPAN + 1 }));
  });

  it('splits a long window into windows the gateway accepts; a too-long window is refused', async () => {
    const s = await simulator(400, { maxWindowMs: HOUR });
    const split = await pull(createDouyinConnector({ maxWindowMs: HOUR }), shopOf(s), 'created', { from: START, to: START + SPAN });
    expect([...split.ids].sort()).toEqual(expectedIds(s, 'created', { from: START, to: START + SPAN }));
    const err = await failure(pull(createDouyinConnector({ maxWindowMs: 2 * HOUR }), shopOf(s), 'created', { from: START, to: START + SPAN }));
    expect(err.kind).toBe('permanent');
    expect(err.platform.subCode).toBe('isv.parameter-invalid:create_time');
  });

  it('bisects a window holding more than the gateway pages through', async () => {
    const s = await simulator(500, { maxOffset: 100 });
    const options: DouyinConnectorOptions = { maxWindowMs: 4 * 24 * HOUR, pageSize: 50 };
    const err = await failure(pull(createDouyinConnector(options), shopOf(s), 'created', whole));
    expect(err.platform.subCode).toBe('isv.parameter-invalid:page');
    const got = await pull(createDouyinConnector({ ...options, maxResultsPerWindow: 100 }), shopOf(s), 'created', whole);
    expect([...new Set(got.ids)].sort()).toEqual(expectedIds(s, 'created', whole));
  });

  it('gives the same order the same input from both pulls and on every repeat (duplicates are harmless)', async () => {
    const s = await simulator(200);
    const c = createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR });
    const created = await pull(c, shopOf(s), 'created', whole);
    const modified = await pull(c, shopOf(s), 'modified', whole);
    const again = await pull(c, shopOf(s), 'modified', whole);
    const byId = new Map(created.orders.map((o) => [o.platformOrderId, o]));
    expect(modified.orders.length).toBe(created.orders.length);
    for (const o of modified.orders) expect(o).toEqual(byId.get(o.platformOrderId));
    expect(again.orders).toEqual(modified.orders);
  });

  it('loses no order when orders are updated while it pages (they leave the window mid-pull)', async () => {
    const s = await simulator(600);
    clock = START + 90 * 60_000; // a busy evening: many orders get paid, changed, shipped while we page
    const ticking: typeof fetch = (input, init) => {
      clock += 4 * 60_000;
      return fetch(input, init);
    };
    const window = { from: START, to: START + HOUR };
    const got = await pull(createDouyinConnector({ pageSize: 20 }), shopOf(s, {}, { fetch: ticking }), 'modified', window);
    // Every order still in the window at the end was in it all along: none may be missing.
    const stillThere = expectedIds(s, 'modified', window);
    expect(stillThere.length).toBeGreaterThan(40);
    expect(stillThere.filter((id) => !got.ids.includes(id))).toEqual([]);
    for (const o of got.orders) expect(o.platformModifiedAt >= window.from && o.platformModifiedAt < window.to).toBe(true);
  });

  it('shows only the latest version: an earlier window pulled later returns no stale copy', async () => {
    const s = await simulator(300);
    const c = createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR });
    const late = await pull(c, shopOf(s), 'modified', { from: START + 2 * HOUR, to: whole.to });
    const early = await pull(c, shopOf(s), 'modified', { from: whole.from, to: START + 2 * HOUR });
    expect(early.ids.filter((id) => late.ids.includes(id))).toEqual([]);
    for (const o of [...late.orders, ...early.orders]) {
      const story = s.stories.find((x) => s.orderId(x) === o.platformOrderId)!;
      expect(o.platformModifiedAt).toBe(Math.floor(versionAt(story, clock)!.at / 1000) * 1000);
    }
  });

  it('reports undocumented statuses instead of guessing, and keeps the rest of the page', async () => {
    const s = await simulator(140, { unknownStatusEvery: 7 });
    const got = await pull(createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR }), shopOf(s), 'created', whole);
    const odd = s.stories.filter((x) => x.n % 7 === 6).map((x) => s.orderId(x)).sort();
    expect(got.unknown.map((u) => u.platformOrderId).sort()).toEqual(odd);
    expect(new Set(got.unknown.map((u) => u.status))).toEqual(new Set(['103']));
    expect(got.ids.filter((id) => odd.includes(id))).toEqual([]);
    expect(got.ids.length).toBe(140 - odd.length);
  });
});

describe('platform errors → PlatformError kinds (protocols.md §3.5)', () => {
  const c = createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR });

  it('throttling (60000) → rate-limit', async () => {
    const s = await simulator(300, { throttleEvery: 2 });
    const err = await failure(pull(createDouyinConnector({ pageSize: 50, maxWindowMs: 4 * 24 * HOUR }), shopOf(s), 'created', whole));
    expect(err.kind).toBe('rate-limit');
    expect(err.platform.code).toBe('60000');
  });

  it('an expired access_token → auth, with the platform sub_code', async () => {
    const s = await simulator(10, { expiredTokens: ['tok-old'] });
    const err = await failure(c.testConnection(shopOf(s, { accessToken: 'tok-old' })));
    expect(err.kind).toBe('auth');
    expect(err.platform.subCode).toBe('isv.access-token-expired');
  });

  it('a wrong app secret → auth, carrying the raw platform message', async () => {
    const s = await simulator(10);
    const err = await failure(c.testConnection(shopOf(s, { appSecret: 'not-the-secret' })));
    expect(err.kind).toBe('auth');
    expect(err.platform).toMatchObject({ code: '40003', subCode: 'isv.signature-invalid', message: '非法参数: 签名校验失败，请检查app_secret和签名方法' });
    expect(err.platform.raw).toContain('"sub_code":"isv.signature-invalid"');
    expect(err.platform.requestId).toMatch(/^2026/);
  });

  it('a cut-off answer → malformed', async () => {
    const s = await simulator(10, { malformedEvery: 1 });
    expect((await failure(c.testConnection(shopOf(s)))).kind).toBe('malformed');
  });

  it('service busy, HTTP 503 and timeouts → transient', async () => {
    const s = await simulator(10, { errorRate: 1 });
    const busy = await failure(c.testConnection(shopOf(s)));
    expect(busy).toMatchObject({ kind: 'transient', platform: { code: '20000', subCode: 'isp.service-error:10005' } });
    const http = await failure(c.testConnection(shopOf(s)));
    expect(http).toMatchObject({ kind: 'transient', platform: { code: 'HTTP 503' } });
    await sim!.close();
    const slow = await simulator(10, { latencyMs: 300 });
    const timeout = await failure(c.testConnection(shopOf(slow, {}, { timeoutMs: 50 })));
    expect(timeout).toMatchObject({ kind: 'transient', platform: { code: 'timeout' } });
  });

  it('a shop without an access_token → auth before any call', async () => {
    const s = await simulator(10);
    expect((await failure(c.testConnection(shopOf(s, { accessToken: undefined })))).kind).toBe('auth');
    expect(s.stats.requests).toBe(0);
  });
});

describe('order.orderDetail and testConnection', () => {
  it('fetches pushed orders by id; unknown ids are rejected one by one', async () => {
    const s = await simulator(50);
    const c = createDouyinConnector();
    const ids = s.stories.slice(0, 3).map((x) => s.orderId(x));
    const page = await c.fetchOrders(shopOf(s), [...ids, '6999999999999999999', 'DROP TABLE']);
    expect(page.orders.map((o) => o.platformOrderId)).toEqual(ids);
    expect(page.rejected).toEqual([
      { platformOrderId: '6999999999999999999', message: expect.stringContaining('订单不存在') },
      { platformOrderId: 'DROP TABLE', message: expect.stringContaining('digits') },
    ]);
    expect(page.orders[0]!.raw!.body).toMatch(/"product_id":34\d{17},/);
  });

  it('testConnection makes one cheap signed call', async () => {
    const s = await simulator(10);
    expect(await createDouyinConnector().testConnection(shopOf(s))).toMatchObject({ ok: true });
    expect(s.stats.requests).toBe(1);
  });
});

describe('throughput', () => {
  it('pulls ~5,000 orders from the simulator (single shop) and reports orders/s', async () => {
    const s = await simulator(5000);
    const c = createDouyinConnector({ maxWindowMs: 4 * 24 * HOUR });
    // First pull: the simulator renders every order (cold); second: it serves them from its cache.
    for (const round of ['cold', 'warm']) {
      const requests = s.stats.requests;
      const t0 = performance.now();
      const got = await pull(c, shopOf(s), 'modified', whole);
      const ms = performance.now() - t0;
      expect(got.orders.length).toBe(5000);
      console.log(`douyin pull (${round}): ${got.orders.length} orders, ${s.stats.requests - requests} requests, ${Math.round(ms)} ms, ${Math.round((got.orders.length / ms) * 1000)} orders/s`);
    }
  });
});
