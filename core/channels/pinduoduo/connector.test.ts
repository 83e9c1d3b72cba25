/** The connector against the simulated POP gateway over real loopback HTTP (protocols.md §2.4, §2.5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingText, orderSnOf, type PinduoduoSimulator, SIM_LOGISTICS_IDS, startPinduoduoSimulator, visibleVersion } from '../../../sandbox/pinduoduo/index.js';
import type { OrderStory } from '../../../sandbox/common/story.js';
import type { OrderInput } from '../../contract/orders.js';
import type { PulledPage, ShopContext, TimeWindow } from '../types.js';
import { createPinduoduoConnector } from './connector.js';

const START = Date.UTC(2024, 10, 28, 0, 0, 0);
const MIN = 60_000;
const clock = { t: START + 30 * 86_400_000 };
const carriers = Object.fromEntries(Object.entries(SIM_LOGISTICS_IDS).map(([code, id]) => [String(id), code]));
const connector = createPinduoduoConnector({ carriers });
const requests: Array<Record<string, string>> = [];
let afterCall: () => void = () => {};
let sim: PinduoduoSimulator;
let simOpenEnd: PinduoduoSimulator;

function shop(target = sim): ShopContext {
  const recordingFetch: typeof fetch = async (input, init) => {
    requests.push(Object.fromEntries(new URLSearchParams(String(init?.body))));
    const res = await fetch(input, init);
    afterCall();
    return res;
  };
  return { shopId: 'pdd-1', credentials: { appKey: 'app', appSecret: 'S3cret', accessToken: 'T' }, env: { baseUrl: target.url, timeoutMs: 10_000, now: () => clock.t, fetch: recordingFetch } };
}

async function pull(kind: 'pullCreated' | 'pullModified', window: TimeWindow, target = sim): Promise<{ pages: PulledPage[]; orders: OrderInput[] }> {
  const pages: PulledPage[] = [];
  await connector[kind](shop(target), window, async (page) => void pages.push(page));
  return { pages, orders: pages.flatMap((p) => p.orders) };
}

const sn = (story: OrderStory) => orderSnOf(story, 11);
const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const ids = (orders: OrderInput[]) => orders.map((o) => o.platformOrderId);
function expectedModified(window: TimeWindow, stories = sim.stories): string[] {
  return stories.filter((s) => {
    const v = visibleVersion(s, clock.t);
    return v !== null && second(v.at) >= window.from && second(v.at) < window.to;
  }).map(sn);
}

beforeAll(async () => {
  const options = { seed: 11, orders: 3000, start: START, spanMs: 6 * 3600_000, apps: { app: { secret: 'S3cret', tokens: ['T'] } }, now: () => clock.t };
  sim = await startPinduoduoSimulator(options);
  simOpenEnd = await startPinduoduoSimulator({ ...options, knobs: { inclusiveEnd: false } });
});
afterAll(async () => {
  await sim.close();
  await simOpenEnd.close();
});

describe('pullCreated: pdd.order.list.get by confirm time (§2.4)', () => {
  it('pages forward with has_next through a day of orders and normalises every one', async () => {
    clock.t = START + 30 * 86_400_000;
    requests.length = 0;
    const window = { from: START, to: START + 7 * 3600_000 };
    const { pages, orders } = await pull('pullCreated', window);
    const expected = sim.stories.filter((s) => s.versions.some((v) => v.stage === 'paid' && second(v.at) < window.to)).map(sn);
    expect(new Set(ids(orders))).toEqual(new Set(expected));
    expect(orders).toHaveLength(expected.length); // no duplicates
    expect(pages.every((p) => p.orders.length <= 100 && p.rejected.length === 0 && p.unknownStatuses.length === 0)).toBe(true);
    expect(requests.map((r) => r.page)).toEqual(Array.from({ length: Math.ceil(expected.length / 100) }, (_, i) => String(i + 1)));
    expect(requests.every((r) => r.type === 'pdd.order.list.get' && r.page_size === '100' && r.use_has_next === 'true' && r.order_status === '5' && r.refund_status === '5')).toBe(true);

    const byId = new Map(orders.map((o) => [o.platformOrderId, o]));
    const story = sim.stories.find((s) => s.versions.at(-1)!.stage === 'delivered' && s.lines.length > 1)!;
    const last = story.versions.at(-1)!;
    expect(byId.get(sn(story))).toMatchObject({
      status: 'delivered',
      platformStatus: 'order_status=3;refund_status=1',
      createdAt: second(story.createdAt),
      platformModifiedAt: second(last.at),
      receiver: { name: last.receiver.name, phone: `${last.receiver.phone.slice(0, 7)}****`, district: last.receiver.district, address: last.receiver.address },
      lines: story.lines.map((l) => ({ platformItemId: l.itemId, platformSku: l.outerSku, title: l.title, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.quantity * l.unitPriceFen })),
      shipments: [{ carrier: last.parcel!.carrierCode, waybillNo: last.parcel!.waybillNo, shippedAt: second(last.parcel!.shippedAt) }],
    });
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ['shipped', 'delivered', 'refunded'] as const) expect(statuses).toContain(s);
    expect(orders.every((o) => o.tags === undefined)).toBe(true); // the §2.4 formulas hold for the simulator's orders
  });

  it('splits a window longer than 24 h into requests the gateway accepts', async () => {
    requests.length = 0;
    const window = { from: START - 30 * 3600_000, to: START + 20 * 3600_000 };
    const { orders } = await pull('pullCreated', window);
    const spans = [...new Set(requests.map((r) => `${r.start_confirm_at}-${r.end_confirm_at}`))];
    expect(spans).toHaveLength(3);
    for (const r of requests) expect(Number(r.end_confirm_at) - Number(r.start_confirm_at)).toBeLessThanOrEqual(24 * 3600);
    expect(orders.length).toBe(new Set(ids(orders)).size);
    expect(orders.length).toBeGreaterThan(2000);
  });
});

describe('pullModified: pdd.order.number.list.increment.get by updated_at (§2.5)', () => {
  it('splits into 30-minute requests and pages each one backwards (last page first)', async () => {
    clock.t = START + 2 * 3600_000 + 3 * MIN;
    requests.length = 0;
    const window = { from: START, to: START + 2 * 3600_000 };
    const { orders } = await pull('pullModified', window);
    expect(new Set(ids(orders))).toEqual(new Set(expectedModified(window)));
    expect(orders.length).toBe(new Set(ids(orders)).size);
    const chunks = [...new Set(requests.map((r) => r.start_updated_at))];
    expect(chunks).toHaveLength(4);
    for (const r of requests) expect(Number(r.end_updated_at) - Number(r.start_updated_at)).toBeLessThanOrEqual(1800);
    const firstChunkPages = requests.filter((r) => r.start_updated_at === chunks[0]).map((r) => r.page);
    expect(firstChunkPages.length).toBeGreaterThan(2); // the opening burst needs several pages
    expect(firstChunkPages).toEqual(['1', ...Array.from({ length: firstChunkPages.length - 1 }, (_, i) => String(firstChunkPages.length - 1 - i))]);
  });

  it('keeps windows half-open [from, to) whichever way the gateway reads end_updated_at', async () => {
    clock.t = START + 2 * 3600_000;
    const story = sim.stories.find((s) => visibleVersion(s, clock.t) && visibleVersion(s, clock.t)!.at % 1000 > 0)!;
    const T = second(visibleVersion(story, clock.t)!.at);
    for (const target of [sim, simOpenEnd]) {
      const has = async (w: TimeWindow) => ids((await pull('pullModified', w, target)).orders).filter((id) => id === sn(story)).length;
      expect(await has({ from: T - 10 * MIN, to: T })).toBe(0);
      expect(await has({ from: T, to: T + 10 * MIN })).toBe(1);
      expect((await has({ from: T - 5 * MIN, to: T + 500 })) + (await has({ from: T + 500, to: T + 5 * MIN }))).toBe(1);
      const a = await pull('pullModified', { from: T - 10 * MIN, to: T }, target);
      const b = await pull('pullModified', { from: T, to: T + 10 * MIN }, target);
      expect(ids(a.orders).filter((id) => ids(b.orders).includes(id))).toEqual([]);
      expect(new Set([...ids(a.orders), ...ids(b.orders)])).toEqual(new Set(expectedModified({ from: T - 10 * MIN, to: T + 10 * MIN })));
    }
  });

  it('stays within 30 min when the window is not on whole seconds', async () => {
    clock.t = START + 3 * 3600_000;
    requests.length = 0;
    const window = { from: START + 1234, to: START + 1234 + 30 * MIN };
    const { orders } = await pull('pullModified', window);
    for (const r of requests) expect(Number(r.end_updated_at) - Number(r.start_updated_at)).toBeLessThanOrEqual(1800);
    expect(new Set(ids(orders))).toEqual(new Set(expectedModified(window)));
  });

  it('misses nothing and repeats nothing while orders are updated during paging', async () => {
    const t0 = START + 20 * MIN;
    clock.t = t0;
    const window = { from: START, to: START + 15 * MIN };
    const before = expectedModified(window);
    afterCall = () => (clock.t += 4 * MIN); // orders keep changing between page requests
    try {
      const { orders } = await pull('pullModified', window);
      const returned = ids(orders);
      const stillInWindow = new Set(expectedModified(window)); // at the end of the pull
      expect(before.length).toBeGreaterThan(300);
      expect(before.length - stillInWindow.size).toBeGreaterThan(5); // some did move out mid-pull
      expect([...stillInWindow].filter((id) => !returned.includes(id))).toEqual([]);
      expect(returned.length).toBe(new Set(returned).size);
    } finally {
      afterCall = () => {};
    }
  });

  it('reports an order in each window it was updated in, with its own updated_at (out-of-order arrival is for ingestion to order)', async () => {
    const story = sim.stories.find((s) => {
      const i = s.versions.findIndex((v) => v.stage === 'paid');
      const [paid, next, after] = [s.versions[i], s.versions[i + 1], s.versions[i + 2]];
      return paid && next?.stage === 'shipped' && next.at - paid.at > 40 * MIN && (!after || after.at - next.at > 40 * MIN);
    })!;
    const paid = story.versions.find((v) => v.stage === 'paid')!;
    const shipped = story.versions.find((v) => v.stage === 'shipped')!;
    const around = (t: number) => ({ from: second(t) - 10 * MIN, to: second(t) + 10 * MIN });
    const find = (orders: OrderInput[]) => orders.find((o) => o.platformOrderId === sn(story));
    clock.t = paid.at + 15 * MIN;
    const first = find((await pull('pullModified', around(paid.at))).orders);
    clock.t = shipped.at + 15 * MIN;
    const second_ = find((await pull('pullModified', around(shipped.at))).orders);
    const firstAgain = find((await pull('pullModified', around(paid.at))).orders);
    expect(first).toMatchObject({ status: 'awaiting_shipment', platformModifiedAt: second(paid.at), shipments: [] });
    expect(second_).toMatchObject({ status: 'shipped', platformModifiedAt: second(shipped.at), platformStatus: 'order_status=2;refund_status=1' });
    expect(second_!.platformModifiedAt).toBeGreaterThan(first!.platformModifiedAt);
    expect(firstAgain).toBeUndefined(); // it moved on: the old window no longer holds it
    expect(JSON.parse(first!.raw!.body).updated_at).toBe(beijingText(paid.at));
  });
});
