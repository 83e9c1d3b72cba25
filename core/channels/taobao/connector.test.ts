import { afterEach, describe, expect, it } from 'vitest';
import { paidFen, versionAt, type OrderStory } from '../../../sandbox/common/story.js';
import { startTaobaoSimulator, type TaobaoSimulator, type TaobaoSimulatorKnobs } from '../../../sandbox/taobao/index.js';
import type { OrderInput } from '../../contract/orders.js';
import { createTaobaoConnector, type TaobaoConnectorOptions } from './connector.js';
import { collectPages, recordingFetch, TEST_APP, testShop } from './test-support.js';

const START = Date.UTC(2026, 10, 10, 16, 0, 0); // 2026-11-11 00:00:00 Beijing
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const clock = { t: START + 20 * DAY, now() { return this.t; } };
let sim: TaobaoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(knobs: TaobaoSimulatorKnobs = {}, orders = 600): Promise<TaobaoSimulator> {
  sim = await startTaobaoSimulator({ seed: 11, orders, start: START, spanMs: DAY, apps: { [TEST_APP.appKey]: { secret: TEST_APP.appSecret, sessions: [TEST_APP.accessToken] } }, knobs, now: () => clock.now() });
  return sim;
}
const sec = (ms: number): number => Math.floor(ms / 1000) * 1000;
const modifiedAt = (s: OrderStory, now: number): number | null => {
  const v = versionAt(s, now);
  return v ? sec(v.at) : null;
};
const orders = (pages: Array<{ orders: OrderInput[] }>): OrderInput[] => pages.flatMap((p) => p.orders);

describe('Taobao connector against the TOP simulator over HTTP', () => {
  it('back-fills a day by creation time, page by page, every 19-digit tid exact', async () => {
    const s = await start();
    clock.t = START + 20 * DAY;
    const rec = recordingFetch();
    const connector = createTaobaoConnector({ pageSize: 50 });
    const pages = await collectPages((onPage) => connector.pullCreated(testShop(s.url, clock, {}, { fetch: rec.fetch }), { from: START, to: START + DAY }, onPage));
    const got = orders(pages);
    expect(pages.length).toBe(Math.ceil(600 / 50));
    const tids = new Map(s.stories.map((st) => [s.tidOf(st.n), st] as const));
    expect(new Set(got.map((o) => o.platformOrderId))).toEqual(new Set(tids.keys()));
    expect(got).toHaveLength(600); // each once
    for (const o of got) {
      expect(o.platformOrderId).toMatch(/^\d{19}$/);
      expect(String(Number(o.platformOrderId))).not.toBe(o.platformOrderId); // beyond double precision
      expect(tids.has(o.platformOrderId)).toBe(true);
    }
    // The wire really carried bare numbers (§1.6), and the connector asked for every trade type (§1.4).
    expect(rec.answers[0]).toMatch(/"tid":\d{19},/);
    expect(rec.requests[0]!.get('type')).toContain('tmall_i18n');
    expect(rec.requests.every((r) => r.get('use_has_next') === 'true' && r.get('format') === 'json' && r.get('v') === '2.0')).toBe(true);
  });

  it('maps the visible version: status, amounts exactly in fen, parcels, receiver', async () => {
    const s = await start();
    clock.t = START + 20 * DAY;
    const got = orders(await collectPages((onPage) => createTaobaoConnector().pullCreated(testShop(s.url, clock), { from: START, to: START + DAY }, onPage)));
    const byTid = new Map(got.map((o) => [o.platformOrderId, o]));
    const expected: Record<string, OrderInput['status']> = { created: 'pending_payment', paid: 'awaiting_shipment', refunding: 'refunding', refunded: 'refunded', shipped: 'shipped', delivered: 'shipped', completed: 'completed', cancelled: 'cancelled' };
    let odd = 0;
    for (const story of s.stories) {
      const o = byTid.get(s.tidOf(story.n))!;
      const v = versionAt(story, clock.t)!;
      expect(o.status).toBe(expected[v.stage]);
      expect(o.amounts.paidFen).toBe(paidFen(story));
      expect(o.amounts.goodsFen).toBe(story.lines.reduce((x, l) => x + l.quantity * l.unitPriceFen, 0));
      expect(o.amounts.sellerDiscountFen).toBe(story.platformDiscountFen + story.sellerDiscountFen);
      expect(o.amounts.shippingFen).toBe(story.shippingFen);
      expect(o.tags).toBeUndefined();
      expect(o.receiver).toEqual(v.receiver);
      expect(o.lines.map((l) => l.platformSku)).toEqual(story.lines.map((l) => l.outerSku));
      expect(o.shipments?.map((p) => p.waybillNo)).toEqual(v.parcel ? [v.parcel.waybillNo] : undefined);
      if (paidFen(story) % 100 !== 0) odd++;
    }
    expect(odd).toBeGreaterThan(10); // amounts with real fen digits were exercised
  });

  it('pulls modified windows half-open: an order modified exactly at `to` belongs to the next window', async () => {
    const s = await start();
    clock.t = START + 20 * DAY;
    const story = s.stories.find((st) => (modifiedAt(st, clock.t)! - START) % 1000 === 0 && modifiedAt(st, clock.t)! > START + 2 * DAY) ?? s.stories[5]!;
    const m = modifiedAt(story, clock.t)!;
    const tid = s.tidOf(story.n);
    const rec = recordingFetch();
    const connector = createTaobaoConnector();
    const shop = testShop(s.url, clock, {}, { fetch: rec.fetch });
    const before = orders(await collectPages((onPage) => connector.pullModified(shop, { from: m - HOUR, to: m }, onPage)));
    const after = orders(await collectPages((onPage) => connector.pullModified(shop, { from: m, to: m + HOUR }, onPage)));
    expect(rec.answers[0]).toContain(String(tid)); // the gateway's end bound is inclusive: it was sent…
    expect(before.map((o) => o.platformOrderId)).not.toContain(tid); // …and dropped from [m − 1h, m)
    expect(after.map((o) => o.platformOrderId)).toContain(tid);
    for (const [win, list] of [[{ from: m - HOUR, to: m }, before], [{ from: m, to: m + HOUR }, after]] as const) {
      const want = s.stories.filter((st) => { const t = modifiedAt(st, clock.t); return t !== null && t >= win.from && t < win.to; }).map((st) => s.tidOf(st.n));
      expect(list.map((o) => o.platformOrderId).sort()).toEqual(want.sort());
    }
  });

  it('reports undocumented statuses without guessing and rejects malformed trades, keeping the rest', async () => {
    const s = await start({ unknownStatusEvery: 10, badTradeEvery: 7 });
    clock.t = START + 20 * DAY;
    const pages = await collectPages((onPage) => createTaobaoConnector().pullCreated(testShop(s.url, clock), { from: START, to: START + DAY }, onPage));
    const unknownTids = s.stories.filter((st) => st.n % 10 === 9).map((st) => s.tidOf(st.n));
    const badTids = s.stories.filter((st) => st.n % 10 !== 9 && st.n % 7 === 6).map((st) => s.tidOf(st.n));
    const unknown = pages.flatMap((p) => p.unknownStatuses);
    const rejected = pages.flatMap((p) => p.rejected);
    expect(unknown.map((u) => u.platformOrderId).sort()).toEqual(unknownTids.sort());
    expect(new Set(unknown.map((u) => u.status))).toEqual(new Set(['WAIT_SELLER_APPOINTMENT_NEW']));
    expect(rejected.map((r) => r.platformOrderId).sort()).toEqual(badTids.sort());
    expect(rejected[0]!.message).toMatch(/payment/);
    const emitted = new Set(orders(pages).map((o) => o.platformOrderId));
    for (const tid of [...unknownTids, ...badTids]) expect(emitted.has(tid)).toBe(false);
    expect(emitted.size).toBe(600 - unknownTids.length - badTids.length);
  });

  it('asks for every trade type: without `type`, TOP leaves out e.g. tmall_i18n trades (§1.4)', async () => {
    const s = await start();
    clock.t = START + 20 * DAY;
    const pull = (opts: TaobaoConnectorOptions) =>
      collectPages((onPage) => createTaobaoConnector(opts).pullCreated(testShop(s.url, clock), { from: START, to: START + DAY }, onPage)).then((p) => orders(p).length);
    const i18n = s.stories.filter((st) => st.n % 25 === 24).length;
    expect(i18n).toBeGreaterThan(0);
    expect(await pull({})).toBe(600);
    expect(await pull({ tradeTypes: [] })).toBe(600 - i18n); // the platform's default type set
  });

  it('signs with md5, hmac and hmac-sha256 alike, and testConnection proves the session', async () => {
    const s = await start();
    clock.t = START + 20 * DAY;
    for (const signMethod of ['md5', 'hmac', 'hmac-sha256'] as const) {
      const result = await createTaobaoConnector({ signMethod }).testConnection(testShop(s.url, clock));
      expect(result.ok).toBe(true);
      expect(result.detail).toMatch(/session valid/);
    }
    clock.t = START + 1 * HOUR;
    expect((await createTaobaoConnector().testConnection(testShop(s.url, clock))).detail).toMatch(/trades in the last 24 h/);
    expect(s.stats.byMethod['taobao.trades.sold.get']).toBe(4);
  });
});
