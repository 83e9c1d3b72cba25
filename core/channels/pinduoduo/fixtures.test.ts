/** The real partner samples (fixtures/README.md): the doc's order sample and its error example. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../lossless-json.js';
import { PlatformError } from '../types.js';
import { errorEnvelope, pddError } from './errors.js';
import { arrayElementTexts } from './json-spans.js';
import { normalizePddOrder, type PddNormalizeOptions } from './normalize.js';
import { DEFAULT_PDD_ERROR_CODES } from './protocol.js';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const options: PddNormalizeOptions = { skuField: 'outer_id', carriers: {}, capitalFreeDiscountFundedBy: 'seller' };

describe('pdd-order-list-get-response.json (doc sample with placeholder values)', () => {
  const text = read('pdd-order-list-get-response.json');
  const body = parseJsonLossless(text) as { order_list_get_response: { order_list: Array<Record<string, unknown>>; total_count: number; has_next: boolean } };
  const [orderText] = arrayElementTexts(text, ['order_list_get_response', 'order_list'])!;
  const order = body.order_list_get_response.order_list[0]!;

  it('locates the order text verbatim in the answer', () => {
    expect(body.order_list_get_response.total_count).toBe(1);
    expect(orderText).toMatch(/^\{\s+"address": "1",[\s\S]*"yyps_time": "str"\s+\}$/);
    expect(JSON.parse(orderText!)).toEqual(JSON.parse(JSON.stringify(order)));
  });

  it('rejects the placeholder order with every reason, not a crash or a silent default', () => {
    const outcome = normalizePddOrder(order, orderText!, 'shop-1', options);
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.platformOrderId).toBe('1');
    for (const field of ['created_time', 'updated_at', 'pay_time', 'last_ship_time', 'confirm_time']) expect(outcome.message).toContain(`${field} "1" is not "yyyy-MM-dd HH:mm:ss"`);
    expect(outcome.message).not.toMatch(/goods_amount|pay_amount|item_list/); // 1.0 yuan and the item are fine
  });

  it('reads every documented field once the placeholder times are real', () => {
    const times = { created_time: '2024-11-28 10:00:00', confirm_time: '2024-11-28 10:00:05', pay_time: '2024-11-28 10:00:05', updated_at: '2024-11-28 10:00:06', last_ship_time: '2024-11-30 10:00:05', shipping_time: '', receive_time: '' };
    const outcome = normalizePddOrder({ ...order, ...times }, orderText!, 'shop-1', options);
    expect(outcome.kind).toBe('order');
    if (outcome.kind !== 'order') return;
    const o = outcome.order;
    expect(o).toMatchObject({
      channel: 'pinduoduo',
      platformOrderId: '1',
      status: 'awaiting_shipment',
      platformStatus: 'order_status=1;refund_status=1',
      receiver: { name: '1', phone: '1', province: '1', city: '1', district: '1', address: '1' },
      createdAt: Date.UTC(2024, 10, 28, 2, 0, 0),
      paidAt: Date.UTC(2024, 10, 28, 2, 0, 5),
      platformModifiedAt: Date.UTC(2024, 10, 28, 2, 0, 6),
      buyerRemark: '1',
      sellerRemark: '1',
      lines: [{ platformItemId: '1', platformSku: '1', title: '1', quantity: 1, unitPriceFen: 100, amountFen: 100 }],
      shipments: [], // order_status 1: not shipped although tracking_number is "1"
    });
    // goods 1.0 − discount 1.0 + postage 1.0 = paid 1.0 holds; discount 1.0 ≠ 1.0 + 1.0 + 1.0 (团长免单) does not (§2.4).
    expect(o.amounts).toEqual({ goodsFen: 100, platformDiscountFen: 100, sellerDiscountFen: 200, shippingFen: 100, paidFen: 100, platformFeeFen: 0 });
    expect(o.tags).toEqual(['amount-check:discount_amount']);
    expect(o.raw).toEqual({ contentType: 'application/json', body: orderText });
  });

  it('ships the main parcel and extra_delivery_list parcels once the order is shipped', () => {
    const shipped = { ...order, order_status: 2, created_time: '2024-11-28 10:00:00', updated_at: '2024-11-28 12:00:00', pay_time: '', last_ship_time: '', confirm_time: '', shipping_time: '2024-11-28 11:30:00' };
    const outcome = normalizePddOrder(shipped, orderText!, 'shop-1', { ...options, carriers: { '1': 'SF' } });
    expect(outcome.kind === 'order' && outcome.order.shipments).toEqual([
      { carrier: 'SF', waybillNo: '1', shippedAt: Date.UTC(2024, 10, 28, 3, 30) },
      { carrier: 'PDD-0', waybillNo: 'str', shippedAt: Date.UTC(2024, 10, 28, 3, 30) },
    ]);
  });
});

describe('pdd-error-response-doc-example.json', () => {
  it('becomes a permanent PlatformError with the platform words, sub_code null handled', () => {
    const text = read('pdd-error-response-doc-example.json');
    const envelope = errorEnvelope(parseJsonLossless(text));
    expect(envelope).not.toBeNull();
    const err = pddError('pdd.order.list.get', envelope!, text, DEFAULT_PDD_ERROR_CODES);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.kind).toBe('permanent');
    expect(err.platform).toEqual({ code: '10001', subCode: undefined, message: '公共参数错误:type', requestId: '15440104776643887', raw: text });
    expect(err.message).toBe('Pinduoduo pdd.order.list.get: error_code 10001: 公共参数错误:type');
  });
});
