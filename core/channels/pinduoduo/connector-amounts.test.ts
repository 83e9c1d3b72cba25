/** Exact money, unknown statuses, rejected orders and SKU fields, end to end over HTTP (§2.4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderSnOf, type PinduoduoSimulator, RawJson, startPinduoduoSimulator } from '../../../sandbox/pinduoduo/index.js';
import type { OrderStory } from '../../../sandbox/common/story.js';
import type { PulledPage, ShopContext } from '../types.js';
import { createPinduoduoConnector, type PinduoduoOptions } from './connector.js';

const START = Date.UTC(2024, 10, 28, 0, 0, 0);
const NOW = START + 30 * 86_400_000;
type Order = Record<string, unknown>;
const item = (order: Order) => (order.item_list as Order[])[0]!;

/** One rewrite per story index: the edge cases the gateway may send. */
const CASES: Record<number, (o: Order) => void> = {
  0: (o) => {
    o.item_list = [{ ...item(o), goods_price: 19.9, goods_count: 3 }];
    Object.assign(o, { goods_amount: 59.7, platform_discount: 0.07, seller_discount: 0.2, capital_free_discount: 0, discount_amount: 0.27, postage: 0.1, pay_amount: 59.53 });
  },
  1: (o) => {
    o.item_list = [{ ...item(o), goods_price: new RawJson('1234567.89'), goods_count: 10 }];
    const zero = new RawJson('0.0');
    Object.assign(o, { goods_amount: new RawJson('1.23456789E7'), pay_amount: new RawJson('1.23456789E7'), discount_amount: zero, platform_discount: zero, seller_discount: zero, postage: zero });
  },
  2: (o) => void (o.goods_amount = 19.999),
  3: (o) => void (o.pay_amount = new RawJson('0.01')),
  4: (o) => void (o.order_status = 4),
  5: (o) => {
    o.item_list = [{ ...item(o), goods_price: '199.80', goods_count: 1, goods_id: new RawJson('9223372036854775807'), outer_id: '' }];
    Object.assign(o, { goods_amount: '199.80', discount_amount: '0', platform_discount: '0', seller_discount: '0', postage: '0', pay_amount: '199.80' });
  },
  6: (o) => void delete o.item_list,
  7: (o) => void (o.order_sn = null),
};

let sim: PinduoduoSimulator;
let visible: OrderStory[];
beforeAll(async () => {
  sim = await startPinduoduoSimulator({
    seed: 3,
    orders: 300,
    start: START,
    spanMs: 3600_000,
    apps: { app: { secret: 's', tokens: ['t'] } },
    now: () => NOW,
    // Cases apply to the first visible (paid) stories, in story order.
    knobs: { tamper: (order, story) => CASES[visible.indexOf(story)]?.(order) },
  });
  visible = sim.stories.filter((s) => s.versions.some((v) => v.stage === 'paid'));
});
afterAll(() => sim.close());

async function pullAll(options: PinduoduoOptions = {}): Promise<PulledPage> {
  const shop: ShopContext = { shopId: 'p', credentials: { appKey: 'app', appSecret: 's', accessToken: 't' }, env: { baseUrl: sim.url, timeoutMs: 5000, now: () => NOW, fetch } };
  const all: PulledPage = { orders: [], unknownStatuses: [], rejected: [] };
  await createPinduoduoConnector(options).pullCreated(shop, { from: START - 3600_000, to: START + 3 * 3600_000 }, async (p) => {
    all.orders.push(...p.orders);
    all.unknownStatuses.push(...p.unknownStatuses);
    all.rejected.push(...p.rejected);
  });
  return all;
}

const snOf = (caseNo: number) => orderSnOf(visible[caseNo]!, 3);

describe('PDD money and edge cases over HTTP', () => {
  it('converts tricky doubles to fen exactly (19.9 × 3, 0.07, 0.2, 0.1, Java 1.23456789E7)', async () => {
    const page = await pullAll();
    const order = (n: number) => page.orders.find((o) => o.platformOrderId === snOf(n));
    expect(order(0)).toMatchObject({
      amounts: { goodsFen: 5970, platformDiscountFen: 7, sellerDiscountFen: 20, shippingFen: 10, paidFen: 5953, platformFeeFen: 0 },
      lines: [{ unitPriceFen: 1990, quantity: 3, amountFen: 5970 }],
    });
    expect(order(0)!.tags).toBeUndefined();
    expect(order(1)).toMatchObject({ amounts: { goodsFen: 1234567890, paidFen: 1234567890 }, lines: [{ unitPriceFen: 123456789, amountFen: 1234567890 }] });
    expect(order(1)!.raw!.body).toContain('"goods_amount":1.23456789E7'); // raw is the order text as sent
    expect(order(5)).toMatchObject({ amounts: { goodsFen: 19980, paidFen: 19980 }, lines: [{ platformItemId: '9223372036854775807', platformSku: visible[5]!.lines[0]!.skuId }] });
  });

  it('rejects more than 2 decimals and malformed orders with the reason; flags formula mismatches without rejecting', async () => {
    const page = await pullAll();
    expect(page.rejected).toEqual(
      expect.arrayContaining([
        { platformOrderId: snOf(2), message: 'goods_amount 19.999 has more than 2 decimals (fen cannot hold it)' },
        { platformOrderId: snOf(6), message: 'item_list is missing or empty' },
        { platformOrderId: null, message: 'order_sn null is not an id' },
      ]),
    );
    expect(page.rejected).toHaveLength(3);
    expect(page.orders.find((o) => o.platformOrderId === snOf(3))).toMatchObject({ amounts: { paidFen: 1 }, tags: ['amount-check:pay_amount'] });
  });

  it('reports an unknown status instead of guessing', async () => {
    const page = await pullAll();
    expect(page.unknownStatuses).toEqual([{ platformOrderId: snOf(4), status: 'order_status=4;refund_status=1' }]);
    expect(page.orders.some((o) => o.platformOrderId === snOf(4))).toBe(false);
    const overridden = await pullAll({ statusOverrides: { 'order_status=4;refund_status=1': 'closed' } });
    expect(overridden.orders.find((o) => o.platformOrderId === snOf(4))?.status).toBe('closed');
  });

  it('takes the platform SKU from the configured item field', async () => {
    const story = visible[10]!;
    const sku = async (options: PinduoduoOptions) => (await pullAll(options)).orders.find((o) => o.platformOrderId === orderSnOf(story, 3))!.lines.map((l) => l.platformSku);
    expect(await sku({})).toEqual(story.lines.map((l) => l.outerSku));
    expect(await sku({ skuField: 'sku_id' })).toEqual(story.lines.map((l) => l.skuId));
    expect(await sku({ skuField: 'outer_goods_id' })).toEqual(story.lines.map((l) => `G-${l.itemId.slice(-6)}`));
  });
});
