import { describe, expect, it } from 'vitest';
import type { OrderInput } from '../contract/orders.js';
import { type ExportColumn, toCsv, toXlsx } from '../orders/export/index.js';
import { parseOrderFile } from '../orders/import/index.js';
import { generateDemoOrders } from './generate.js';

/**
 * Demo orders written in the import layout by the exporter must import back unchanged: this pins
 * the exporter's guards (BOM, TAB after long ids, apostrophes) and the importer's undoing of them,
 * exact yuan ↔ fen both ways, Shanghai times both ways, and multi-line / multi-parcel grouping.
 */
const LAYOUT: ExportColumn[] = [
  { key: 'id', header: '订单号', kind: 'text' },
  { key: 'channel', header: '渠道', kind: 'text' },
  { key: 'shop', header: '店铺', kind: 'text' },
  { key: 'status', header: '状态', kind: 'text' },
  { key: 'nick', header: '买家', kind: 'text' },
  { key: 'name', header: '收货人', kind: 'text' },
  { key: 'phone', header: '手机', kind: 'text' },
  { key: 'province', header: '省', kind: 'text' },
  { key: 'city', header: '市', kind: 'text' },
  { key: 'district', header: '区', kind: 'text' },
  { key: 'address', header: '地址', kind: 'text' },
  { key: 'created', header: '下单时间', kind: 'time' },
  { key: 'paid', header: '付款时间', kind: 'time' },
  { key: 'shipBy', header: '最晚发货时间', kind: 'time' },
  { key: 'modified', header: '修改时间', kind: 'time' },
  { key: 'itemId', header: '商品ID', kind: 'text' },
  { key: 'sku', header: '商品编码', kind: 'text' },
  { key: 'stdSku', header: '标准SKU', kind: 'text' },
  { key: 'title', header: '商品名称', kind: 'text' },
  { key: 'qty', header: '数量', kind: 'int' },
  { key: 'price', header: '单价', kind: 'money' },
  { key: 'goods', header: '商品金额', kind: 'money' },
  { key: 'platformDiscount', header: '平台优惠', kind: 'money' },
  { key: 'sellerDiscount', header: '商家优惠', kind: 'money' },
  { key: 'shipping', header: '运费', kind: 'money' },
  { key: 'paidAmount', header: '实付', kind: 'money' },
  { key: 'fee', header: '平台服务费', kind: 'money' },
  { key: 'sellerRemark', header: '卖家备注', kind: 'text' },
  { key: 'buyerRemark', header: '买家留言', kind: 'text' },
  { key: 'tags', header: '标签', kind: 'text' },
  { key: 'carrier', header: '快递公司', kind: 'text' },
  { key: 'waybill', header: '运单号', kind: 'text' },
  { key: 'shippedAt', header: '发货时间', kind: 'time' },
];

/** One row per line; order-level cells only on the first row, as many shop exports do. */
function* layoutRows(orders: readonly OrderInput[]): Generator<Record<string, unknown>> {
  for (const o of orders) {
    for (const [i, line] of o.lines.entries()) {
      const parcel = (o.shipments ?? []).find((s) => (s.lineNos ?? []).length === 0 || s.lineNos!.includes(i + 1));
      const lineCells = { id: o.platformOrderId, itemId: line.platformItemId, sku: line.platformSku, stdSku: line.standardSku, title: line.title, qty: line.quantity, price: line.unitPriceFen, carrier: parcel?.carrier, waybill: parcel?.waybillNo, shippedAt: parcel?.shippedAt };
      if (i > 0) {
        yield lineCells;
        continue;
      }
      const { receiver: r, amounts: a } = o;
      yield {
        ...lineCells, channel: o.channel, shop: o.shopId, status: o.status, nick: o.buyerNick, name: r.name, phone: r.phone, province: r.province, city: r.city, district: r.district, address: r.address,
        created: o.createdAt, paid: o.paidAt, shipBy: o.shipByAt, modified: o.platformModifiedAt, goods: a.goodsFen, platformDiscount: a.platformDiscountFen, sellerDiscount: a.sellerDiscountFen,
        shipping: a.shippingFen, paidAmount: a.paidFen, fee: a.platformFeeFen, sellerRemark: o.sellerRemark, buyerRemark: o.buyerRemark, tags: o.tags,
      };
    }
  }
}

// The status column carries the unified name, so the imported platformStatus is that name; raw is the file's.
const comparable = ({ platformStatus: _p, raw: _r, ...order }: OrderInput): Omit<OrderInput, 'platformStatus' | 'raw'> => order;

describe('demo orders → export in the import layout → import', () => {
  const orders = [...generateDemoOrders({ size: 400, seed: 99, now: Date.UTC(2024, 10, 28, 4, 0, 0) })];

  it.each([
    ['csv', toCsv, 'utf-8-bom'],
    ['xlsx', toXlsx, 'xlsx'],
  ] as const)('%s round-trips every order exactly', async (format, write, encoding) => {
    const bytes = await write(LAYOUT, layoutRows(orders));
    const parsed = await parseOrderFile(new Uint8Array(bytes), `demo.${format}`);
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.orders.map(comparable)).toEqual(orders.map(comparable));
    expect(orders.some((o) => (o.shipments ?? []).length === 2)).toBe(true);
  });
});
