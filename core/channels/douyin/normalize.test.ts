import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderInputSchema } from '../../orders/validate-input.js';
import { parseJsonLossless } from '../lossless-json.js';
import { DEFAULT_DOUYIN_CARRIER_CODES } from './connector.js';
import { type NormalizeOptions, normalizeShopOrder } from './normalize.js';
import { toPulledPage } from './page.js';
import { readSearchData } from './search.js';
import { DOUYIN_ORDER_STATUS } from './status.js';

// The official order.searchList example `data` (see /work/shared/fixtures/partners/README.md).
const FIXTURE = readFileSync(new URL('../../../../shared/fixtures/partners/douyin-order-searchList-data-gsonformat.json', import.meta.url), 'utf8');
const ANSWER = `{"code":10000,"msg":"success","sub_code":"","sub_msg":"","log_id":"20260101","data":${FIXTURE}}`;

const options: NormalizeOptions = { shopId: 'dy-shop', skuField: 'out_sku_id', statusTable: DOUYIN_ORDER_STATUS, carrierCodes: DEFAULT_DOUYIN_CARRIER_CODES, afterSaleOverlay: true };

function fixtureOrder(): Record<string, unknown> {
  const data = (parseJsonLossless(FIXTURE) as { shop_order_list: Array<Record<string, unknown>> }).shop_order_list[0]!;
  return structuredClone(data);
}

function normalize(o: unknown, extra: Partial<NormalizeOptions> = {}) {
  return normalizeShopOrder(o, JSON.stringify(o), { ...options, ...extra });
}

describe('the real order.searchList sample (protocols.md §3.6)', () => {
  const search = readSearchData((parseJsonLossless(ANSWER) as { data: unknown }).data, ANSWER);
  const page = toPulledPage(search.orders, options);

  it('normalises ids exactly, amounts in fen, times in ms, receiver, lines, parcel and 达人', () => {
    expect(search.total).toBe(1000);
    expect(page.rejected).toEqual([]);
    expect(page.unknownStatuses).toEqual([]);
    const order = page.orders[0]!;
    expect(orderInputSchema.safeParse(order).success).toBe(true);
    const { raw, ...rest } = order;
    expect(rest).toEqual({
      channel: 'douyin',
      shopId: 'dy-shop',
      platformOrderId: '4781320682406083640',
      // 3 已发货, but its 商品单 has an after-sale refund in progress (after_sale_status 6, type 1).
      status: 'refunding',
      platformStatus: '3 待支付', // the sample's own (placeholder) desc, kept verbatim
      receiver: { name: '张三', phone: '12345678911', province: '北京市', city: '市辖区', district: '海淀区', address: '中关村街道丹棱街1号' },
      amounts: { goodsFen: 200, platformDiscountFen: 110, sellerDiscountFen: 100, shippingFen: 10, paidFen: 500, platformFeeFen: 0 },
      createdAt: 1617355413000,
      paidAt: 1617355413000,
      shipByAt: 1617355413000,
      platformModifiedAt: 1617355413000,
      tags: ['达人:XXXX'],
      buyerRemark: '要xxx',
      sellerRemark: '注意XX',
      lines: [{ platformItemId: '3473196049974326300', platformSku: '43564553', title: '衣服', quantity: 2, unitPriceFen: 100, amountFen: 200 }],
      shipments: [{ carrier: 'SF', waybillNo: '3617355413', shippedAt: 1617355413000 }],
    });
  });

  it('keeps product_id digit for digit: the official value survives, JSON.parse would round it to the sample', () => {
    // The published sample says 3473196049974326300 where the official SDK shows …153: a JS round-trip
    // rounded it before it was pasted. We keep whatever digits are sent; JSON.parse would not.
    expect(page.orders[0]!.lines[0]!.platformItemId).toBe('3473196049974326300');
    const official = ANSWER.split('"product_id":3473196049974326300').join('"product_id":3473196049974326153');
    expect(String((JSON.parse(official) as { data: { shop_order_list: Array<{ sku_order_list: Array<{ product_id: number }> }> } }).data.shop_order_list[0]!.sku_order_list[0]!.product_id)).toBe('3473196049974326300');
    const exact = toPulledPage(readSearchData((parseJsonLossless(official) as { data: unknown }).data, official).orders, options);
    expect(exact.orders[0]!.lines[0]!.platformItemId).toBe('3473196049974326153');
    expect(exact.orders[0]!.raw!.body).toContain('"product_id":3473196049974326153,');
  });

  it('keeps the order text exactly as sent as raw (bare product_id literal included)', () => {
    const body = page.orders[0]!.raw!.body;
    expect(body.startsWith('{"shop_id":77977,')).toBe(true);
    expect(body).toContain('"product_id":3473196049974326300,');
    expect(FIXTURE).toContain(body);
  });

  it.each([
    ['out_sku_id', '43564553'],
    ['sku_id', '3254535'],
    ['code', 'djfafj'],
  ] as const)('skuField %s → platformSku %s', (skuField, expected) => {
    const r = normalize(fixtureOrder(), { skuField });
    expect(r.kind === 'order' && r.order.lines[0]!.platformSku).toBe(expected);
  });
});

describe('order_status mapping (§3.6) and the after-sale overlay', () => {
  const withStatus = (status: unknown, afterSale: object = { after_sale_status: 0, after_sale_type: 0, refund_status: 0 }) => {
    const o = fixtureOrder();
    o.order_status = status;
    o.sku_order_list = (o.sku_order_list as object[]).map((s) => ({ ...s, after_sale_info: afterSale }));
    return normalize(o);
  };

  it.each([
    [1, 'pending_payment'],
    [105, 'paid'],
    [2, 'awaiting_shipment'],
    [101, 'partially_shipped'],
    [3, 'shipped'],
    [4, 'cancelled'],
    [5, 'completed'],
  ] as const)('order_status %s → %s', (code, status) => {
    const r = withStatus(code);
    expect(r.kind === 'order' && r.order.status).toBe(status);
  });

  it('reports an undocumented status instead of guessing', () => {
    expect(withStatus(103)).toEqual({ kind: 'unknown-status', platformOrderId: '4781320682406083640', status: '103' });
    expect(withStatus(undefined)).toMatchObject({ kind: 'unknown-status', status: '(missing)' });
  });

  it.each([
    [2, { after_sale_status: 6, after_sale_type: 2, refund_status: 1 }, 'refunding'], // 发货前退款 requested
    [4, { after_sale_status: 12, after_sale_type: 2, refund_status: 3 }, 'refunded'], // … and granted
    [2, { after_sale_status: 27, after_sale_type: 2, refund_status: 4 }, 'awaiting_shipment'], // refused
    [3, { after_sale_status: 6, after_sale_type: 3, refund_status: 0 }, 'shipped'], // 换货 returns no money
    [1, { after_sale_status: 6, after_sale_type: 2, refund_status: 1 }, 'pending_payment'],
  ] as const)('order_status %s with after_sale_info %j → %s', (code, info, status) => {
    const r = withStatus(code, info);
    expect(r.kind === 'order' && r.order.status).toBe(status);
  });
});

describe('rejections, receivers, parcels', () => {
  it.each([
    ['no order_id', (o: Record<string, unknown>) => delete o.order_id, /order_id/],
    ['yuan instead of fen', (o: Record<string, unknown>) => (o.pay_amount = 5.5), /pay_amount/],
    ['no lines', (o: Record<string, unknown>) => (o.sku_order_list = []), /sku_order_list/],
    ['zero quantity', (o: Record<string, unknown>) => ((o.sku_order_list as Array<Record<string, unknown>>)[0]!.item_num = 0), /item_num/],
    ['no update_time', (o: Record<string, unknown>) => delete o.update_time, /update_time/],
  ])('%s → rejected with the field named', (_name, damage, message) => {
    const o = fixtureOrder();
    damage(o);
    const r = normalize(o);
    expect(r.kind).toBe('rejected');
    expect(r.kind === 'rejected' && r.message).toMatch(message);
  });

  it("rejects another shop's order when the shop's platform id is known", () => {
    const r = normalize(fixtureOrder(), { platformShopId: '12345' });
    expect(r.kind === 'rejected' && r.message).toMatch(/shop_id 77977/);
  });

  it('prefers masked receiver values over ciphertext (encrypted shops)', () => {
    const o: Record<string, unknown> = { ...fixtureOrder(), post_receiver: '#Q1dQNU1wNE5vSEExZzlqTUFQ#AC60J1av=', post_tel: '$c2QrdXFsbE1Ccnp0MEVkNXht$YKBq=', mask_post_receiver: '张*', mask_post_tel: '123****8911' };
    o.post_addr = { ...(o.post_addr as object), detail: '#B/DFvqUaBpcEno9nnoK9JPLi#5YaSJ=' };
    o.mask_post_addr = { ...(o.post_addr as object), detail: '丹棱街****' };
    const r = normalize(o);
    expect(r.kind === 'order' && r.order.receiver).toEqual({ name: '张*', phone: '123****8911', province: '北京市', city: '市辖区', district: '海淀区', address: '中关村街道丹棱街****' });
  });

  it('names the lines of a partial parcel and tags 精选联盟 orders', () => {
    const o = fixtureOrder();
    const first = (o.sku_order_list as Array<Record<string, unknown>>)[0]!;
    o.sku_order_list = [first, { ...first, order_id: '4781320682406083641', c_biz: 2, author_name: '', author_id: 99 }];
    o.order_status = 101;
    const r = normalize(o);
    expect(r.kind === 'order' && r.order.shipments).toEqual([{ carrier: 'SF', waybillNo: '3617355413', shippedAt: 1617355413000, lineNos: [1] }]);
    expect(r.kind === 'order' && r.order.tags).toEqual(['达人:XXXX', '达人ID:99', '精选联盟']);
  });
});
