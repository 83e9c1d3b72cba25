import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type OrderInput, type OrderStatus } from '../contract/orders.js';
import { orderInputSchema } from '../orders/validate-input.js';
import { PLATFORM_STATUS_PAIRS } from './channels.js';
import { DEMO_WINDOW_DAYS, generateDemoOrders } from './generate.js';
import { DEMO_WAYBILL_PATTERNS, type DemoCarrier } from './logistics.js';

const NOW = Date.UTC(2024, 10, 28, 4, 0, 0); // 2024-11-28 12:00 in Shanghai
const DAY = 86_400_000;
const orders = [...generateDemoOrders({ size: 50_000, seed: 20241128, now: NOW })];

const ORDER_ID: Record<Channel, RegExp> = {
  taobao: /^[1-4]\d{17,18}$/,
  pinduoduo: /^\d{6}-\d{15}$/,
  douyin: /^(69|50)\d{17}$/,
  wechat: /^WX20\d{6}\d{10}$/,
  pos: /^POS-(SH01|HZ01|BJ01)-20\d{6}-\d{4}$/,
};
const PHONE = /^1[3-9]\d{9}$|^1[3-9]\d\*{4}\d{4}$|^1[3-9]\d{5}\*{4}$/;
const SHIPPED: ReadonlySet<OrderStatus> = new Set(['partially_shipped', 'shipped', 'delivered', 'completed']);

/** Every order that breaks `rule`, by id, so a failure names the culprits. */
const offenders = (rule: (o: OrderInput) => boolean): string[] => orders.filter((o) => !rule(o)).map((o) => o.platformOrderId).slice(0, 5);

describe('generateDemoOrders', () => {
  it('is deterministic: same seed and now → identical orders; another seed → others', () => {
    const again = [...generateDemoOrders({ size: 2_000, seed: 20241128, now: NOW })];
    expect(again).toEqual(orders.slice(0, 2_000));
    const other = [...generateDemoOrders({ size: 2_000, seed: 7, now: NOW })];
    expect(other.map((o) => o.platformOrderId)).not.toEqual(again.map((o) => o.platformOrderId));
  });

  it('gives 50,000 orders unique ids and unique waybills', () => {
    expect(new Set(orders.map((o) => `${o.channel}/${o.platformOrderId}`)).size).toBe(50_000);
    expect(new Set(orders.map((o) => o.platformOrderId)).size).toBe(50_000);
    const waybills = orders.flatMap((o) => o.shipments ?? []).map((s) => s.waybillNo);
    expect(new Set(waybills).size).toBe(waybills.length);
  });

  it('passes the engine input gate', () => {
    expect(offenders((o) => orderInputSchema.safeParse(o).success)).toEqual([]);
  });

  it('holds the amount formula in integer fen on every order', () => {
    expect(offenders(({ amounts: a }) => a.paidFen === a.goodsFen - a.platformDiscountFen - a.sellerDiscountFen + a.shippingFen)).toEqual([]);
    expect(offenders((o) => o.amounts.goodsFen === o.lines.reduce((s, l) => s + l.amountFen, 0))).toEqual([]);
    expect(offenders((o) => o.lines.every((l) => l.amountFen === l.unitPriceFen * l.quantity))).toEqual([]);
    expect(offenders((o) => Object.values(o.amounts).every((v) => Number.isSafeInteger(v) && v >= 0))).toEqual([]);
    expect(offenders((o) => o.amounts.paidFen > 0 && o.amounts.platformFeeFen < o.amounts.paidFen * 0.06)).toEqual([]);
  });

  it('uses each platform’s id format and only its legal statuses', () => {
    expect(offenders((o) => ORDER_ID[o.channel].test(o.platformOrderId))).toEqual([]);
    expect(offenders((o) => PLATFORM_STATUS_PAIRS[o.channel].some(([p, u]) => p === o.platformStatus && u === o.status))).toEqual([]);
  });

  it('mixes channels about 30/25/25/12/8', () => {
    const share = (c: Channel): number => orders.filter((o) => o.channel === c).length / orders.length;
    const expected: Record<Channel, number> = { douyin: 0.3, pinduoduo: 0.25, taobao: 0.25, wechat: 0.12, pos: 0.08 };
    for (const channel of CHANNELS) expect(Math.abs(share(channel) - expected[channel])).toBeLessThan(0.015);
  });

  it('keeps times in whole seconds, in the window, in event order', () => {
    const window = (t: number): boolean => t <= NOW && t > NOW - DEMO_WINDOW_DAYS * DAY && t % 1000 === 0;
    expect(offenders((o) => window(o.createdAt) && window(o.platformModifiedAt))).toEqual([]);
    expect(offenders((o) => o.paidAt === null || (o.paidAt! >= o.createdAt && o.paidAt! <= o.platformModifiedAt))).toEqual([]);
    expect(offenders((o) => (o.shipments ?? []).every((s) => s.shippedAt > (o.paidAt ?? Infinity) && s.shippedAt <= o.platformModifiedAt))).toEqual([]);
  });

  it('ages statuses: old orders are finished, last night’s are not yet shipped', () => {
    const old = orders.filter((o) => o.createdAt < NOW - 25 * DAY);
    const finished = old.filter((o) => ['completed', 'refunded', 'cancelled'].includes(o.status));
    expect(finished.length / old.length).toBeGreaterThan(0.97);
    const recent = orders.filter((o) => o.createdAt > NOW - 6 * 3600_000 && o.channel !== 'pos');
    expect(recent.length).toBeGreaterThan(50);
    expect(recent.filter((o) => ['paid', 'awaiting_shipment', 'pending_payment', 'frozen'].includes(o.status)).length / recent.length).toBeGreaterThan(0.6);
    expect(recent.filter((o) => o.status === 'completed')).toEqual([]);
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ['pending_payment', 'paid', 'awaiting_shipment', 'frozen', 'partially_shipped', 'shipped', 'delivered', 'completed', 'cancelled', 'refunding', 'refunded'] as const) {
      expect(statuses, s).toContain(s);
    }
  });

  it('ships what is shipped, with real carrier codes, waybill shapes and line numbers', () => {
    const courierFinished = (o: OrderInput): boolean => SHIPPED.has(o.status) && !(o.channel === 'pos' && (o.shipments ?? []).length === 0);
    expect(offenders((o) => !courierFinished(o) || (o.shipments ?? []).length > 0)).toEqual([]);
    expect(offenders((o) => !['pending_payment', 'cancelled', 'paid', 'awaiting_shipment', 'frozen'].includes(o.status) || (o.shipments ?? []).length === 0)).toEqual([]);
    const parcels = orders.flatMap((o) => (o.shipments ?? []).map((s) => ({ o, s })));
    expect(parcels.filter(({ s }) => !DEMO_WAYBILL_PATTERNS[s.carrier as DemoCarrier]?.test(s.waybillNo)).map(({ s }) => s.waybillNo)).toEqual([]);
    expect(parcels.filter(({ o, s }) => !(s.lineNos ?? []).every((n) => n >= 1 && n <= o.lines.length)).length).toBe(0);
    const split = orders.filter((o) => (o.shipments ?? []).length === 2);
    expect(split.length).toBeGreaterThan(100);
    expect(split.every((o) => o.shipments!.every((s) => s.lineNos!.length > 0))).toBe(true);
    expect(orders.filter((o) => o.status === 'partially_shipped').every((o) => o.shipments!.length === 1)).toBe(true);
  });

  it('gives plausible people: Chinese names, real-format phones, PDD masking after dispatch', () => {
    expect(offenders((o) => /^[\u4e00-\u9fa5]{2,4}$/.test(o.receiver.name))).toEqual([]);
    expect(offenders((o) => PHONE.test(o.receiver.phone))).toEqual([]);
    expect(offenders((o) => o.channel !== 'pinduoduo' || (o.status === 'awaiting_shipment') === /^\d{11}$/.test(o.receiver.phone))).toEqual([]);
    const masked = orders.filter((o) => o.channel === 'douyin' && o.receiver.phone.includes('*')).length / orders.filter((o) => o.channel === 'douyin').length;
    expect(masked).toBeGreaterThan(0.7);
    expect(orders.some((o) => o.tags!.includes('加急')) && orders.some((o) => o.buyerRemark !== '')).toBe(true);
  });
});
