import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrderFile } from './parse-order-file.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const shanghai = (text: string): number => Date.parse(`${text.replace(' ', 'T')}+08:00`);
const csv = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'));
const HEADER = '订单号,状态,收货人,下单时间,商品编码,数量,单价';

describe('parseOrderFile: the same orders in UTF-8 and in GBK', () => {
  it.each([
    ['orders-utf8.csv', 'utf-8'],
    ['orders-gbk.csv', 'gb18030'],
  ])('%s decodes as %s and yields identical orders', async (name, encoding) => {
    const parsed = await parseOrderFile(fixture(name), name);
    const reference = await parseOrderFile(fixture('orders-utf8.csv'), name);
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.rowsRead).toBe(8);
    expect(parsed.orders).toEqual(reference.orders);
    expect(parsed.orders.map((o) => o.platformOrderId)).toEqual([
      'POS-SH01-20241126-0001',
      '6919834213451234567',
      '241125-530219876543210',
      '3981203381234567890',
      'WX202411231234567890',
      'POS-HZ01-20241122-0007',
    ]);
  });

  it('reports the sha256 of the exact bytes', async () => {
    const bytes = fixture('orders-gbk.csv');
    const parsed = await parseOrderFile(bytes, 'orders-gbk.csv');
    expect(parsed.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(parsed.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a UTF-8 BOM file the same way', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('orders-utf8.csv')]);
    const parsed = await parseOrderFile(bytes, 'orders.csv');
    expect(parsed.encoding).toBe('utf-8-bom');
    expect(parsed.orders).toHaveLength(6);
  });
});

describe('parseOrderFile: order contents', async () => {
  const { orders } = await parseOrderFile(fixture('orders-utf8.csv'), 'orders-utf8.csv');
  const byId = new Map(orders.map((o) => [o.platformOrderId, o]));

  it('joins rows with the same id into one multi-line order, order fields from the first row', () => {
    const pos = byId.get('POS-SH01-20241126-0001')!;
    expect(pos).toMatchObject({ channel: 'pos', shopId: 'pos-shanghai-jingan', status: 'completed', platformStatus: '已完成', buyerNick: '会员8123', tags: ['VIP'], sellerRemark: '会员95折' });
    expect(pos.lines).toEqual([
      { platformSku: '6901234567892', standardSku: 'SKU-TEA-001', title: '西湖龙井 明前特级 250g', quantity: 1, unitPriceFen: 26800, amountFen: 26800 },
      { platformSku: '6902345678901', standardSku: 'SKU-TEA-014', title: '紫砂茶杯 2只装', quantity: 2, unitPriceFen: 3990, amountFen: 7980 },
    ]);
    expect(pos.amounts).toEqual({ goodsFen: 34780, platformDiscountFen: 0, sellerDiscountFen: 3478, shippingFen: 0, paidFen: 31302, platformFeeFen: 188 });
    // No 修改时间: the latest event time (paid) stands in, so a re-import yields the same value.
    expect(pos.platformModifiedAt).toBe(shanghai('2024-11-26 10:15:40'));
    expect(JSON.parse(pos.raw!.body)).toMatchObject({ fileName: 'orders-utf8.csv', rows: [{ row: 2 }, { row: 3, cells: { 数量: '2' } }] });
  });

  it('keeps a 19-digit id, quoted commas, escaped quotes and multi-line remarks exact', () => {
    const douyin = byId.get('6919834213451234567')!;
    expect(douyin.channel).toBe('douyin');
    expect(douyin.receiver).toEqual({ name: '欧阳娜娜', phone: '138****5678', province: '广东省', city: '深圳市', district: '南山区', address: '粤海街道科技园南区, 深圳湾科技生态园10栋A座1203' });
    expect(douyin.sellerRemark).toBe('客户说"不要放快递柜"');
    expect(douyin.buyerRemark).toBe('请周末送达\n谢谢');
    expect(douyin.tags).toEqual(['加急', '赠品']);
    expect(douyin.amounts).toEqual({ goodsFen: 19980, platformDiscountFen: 2000, sellerDiscountFen: 1000, shippingFen: 0, paidFen: 16980, platformFeeFen: 849 });
    expect(douyin.shipments).toEqual([{ carrier: 'ZTO', waybillNo: '73512345678901', shippedAt: shanghai('2024-11-26 09:12:44'), lineNos: [] }]);
    expect(douyin.shipByAt).toBe(shanghai('2024-11-27 20:31:15'));
    expect(douyin.platformModifiedAt).toBe(shanghai('2024-11-26 09:12:44'));
  });

  it('accepts every date format and maps channel and status words', () => {
    const pdd = byId.get('241125-530219876543210')!;
    expect(pdd).toMatchObject({ channel: 'pinduoduo', status: 'awaiting_shipment', createdAt: shanghai('2024-11-25 08:05:00') });
    const tmall = byId.get('3981203381234567890')!;
    expect(tmall).toMatchObject({ channel: 'taobao', status: 'partially_shipped', createdAt: shanghai('2024-11-24 14:02:11') });
    const wechat = byId.get('WX202411231234567890')!;
    expect(wechat).toMatchObject({ channel: 'wechat', status: 'delivered', createdAt: Date.UTC(2024, 10, 23, 2, 0, 0), tags: ['VIP', '老客户'] });
    expect(wechat.amounts.shippingFen).toBe(800);
    expect(wechat.shipments?.[0]?.carrier).toBe('YUNDA');
  });

  it('gives a parcel covering only some lines their line numbers', () => {
    expect(byId.get('3981203381234567890')!.shipments).toEqual([{ carrier: 'SF', waybillNo: 'SF1234567890123', shippedAt: shanghai('2024-11-25 16:20:00'), lineNos: [1] }]);
  });
});

describe('parseOrderFile: bad rows', async () => {
  const parsed = await parseOrderFile(fixture('orders-bad-rows.csv'), 'orders-bad-rows.csv');

  it('imports the good orders only, counting non-blank rows', () => {
    expect(parsed.orders.map((o) => o.platformOrderId)).toEqual(['POS-BJ01-20241120-0001', 'POS-BJ01-20241120-0013', 'POS-BJ01-20241120-0016']);
    expect(parsed.rowsRead).toBe(18);
  });

  it.each([
    [3, 'paid_amount', 'more than 2 decimal places'],
    [4, 'unit_price', '"abc" is not an amount'],
    [5, 'shipping', 'must not be negative'],
    [6, 'created_at', 'not a real calendar date-time'],
    [7, 'paid_at', 'not a date-time'],
    [8, 'status', '"已发车" is not a known order status'],
    [9, 'platform_order_id', 'is required'],
    [10, 'receiver_name', 'is required'],
    [11, 'quantity', '"0" is not a positive whole number'],
    [12, 'quantity', '"1.5" is not a positive whole number'],
    [14, 'receiver_name', '"杨娟" differs from "韩娟" on row 13'],
    [16, 'quantity', 'at least one line'],
    [17, 'platform_order_id', 'scientific notation'],
    [20, 'created_at', 'not a real calendar date-time'],
    [20, 'paid_amount', '"26.8.0" is not an amount'],
  ])('row %i: %s %s', (row, field, message) => {
    expect(parsed.errors.filter((e) => e.row === row && e.field === field).map((e) => e.message)).toEqual([expect.stringContaining(message)]);
  });

  it('reports exactly those errors, in row order', () => {
    expect(parsed.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 17, 20, 20]);
  });

  it('warns about an amount formula that does not hold, and still imports the order', () => {
    expect(parsed.warnings).toEqual([{ row: 15, field: 'paid_amount', message: expect.stringMatching(/^check: .*= 258\.00, but 实付 is 250\.00/) }]);
    expect(parsed.orders.find((o) => o.platformOrderId === 'POS-BJ01-20241120-0013')!.amounts.paidFen).toBe(25000);
  });

  it('reads YYYY/M/D H:mm and ISO-with-zone on the same row', () => {
    const order = parsed.orders.find((o) => o.platformOrderId === 'POS-BJ01-20241120-0016')!;
    expect(order.createdAt).toBe(shanghai('2024-11-20 11:15:00'));
    expect(order.paidAt).toBe(shanghai('2024-11-20 11:15:30'));
  });
});

describe('parseOrderFile: XLSX', async () => {
  const parsed = await parseOrderFile(fixture('orders.xlsx'), 'orders.xlsx');

  it('reads typed cells: text ids, date cells, numbers, rich text and formula results', () => {
    expect(parsed.encoding).toBe('xlsx');
    expect(parsed.rowsRead).toBe(3);
    const [douyin, taobao] = parsed.orders;
    expect(douyin).toMatchObject({
      platformOrderId: '6919834213451234567',
      channel: 'douyin',
      shopId: 'douyin-live',
      status: 'paid',
      receiver: { name: '刘洋' },
      createdAt: shanghai('2024-11-20 21:00:00'),
      paidAt: shanghai('2024-11-20 21:00:30'),
      amounts: { goodsFen: 12900, sellerDiscountFen: 1290, paidFen: 11610 },
      lines: [{ quantity: 1, unitPriceFen: 12900, title: '绿联 65W 氮化镓充电器' }],
    });
    // A 16-digit id stored as a number is still exact below 2^53; 0.1+0.2 reads as 0.30.
    expect(taobao).toMatchObject({ platformOrderId: '3028689418086124', amounts: { goodsFen: 11700, sellerDiscountFen: 30, paidFen: 11670 }, lines: [{ quantity: 2, unitPriceFen: 5850 }] });
  });

  it('rejects a numeric order id beyond 2^53 with a row error instead of a rounded id', () => {
    expect(parsed.errors).toEqual([{ row: 4, field: 'platform_order_id', message: expect.stringContaining('beyond 2^53') }]);
    expect(parsed.orders.map((o) => o.platformOrderId)).not.toContain('6919834213451234304');
  });

  it.each([
    ['truncated', (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2))],
    ['cut before the end', (b: Uint8Array) => b.subarray(0, b.length - 30)],
    ['only the zip signature', (b: Uint8Array) => b.subarray(0, 4)],
  ])('turns a %s workbook into one clear file error', async (_name, damage) => {
    const result = await parseOrderFile(damage(fixture('orders.xlsx')), 'orders.xlsx');
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([{ row: 0, message: expect.stringContaining('not a readable XLSX workbook') }]);
  });
});

describe('parseOrderFile: file-level problems', () => {
  it.each<[string, Uint8Array, string, string]>([
    ['empty file', new Uint8Array(), 'a.csv', 'no rows'],
    ['only blank lines', csv('\n,,\n'), 'a.csv', 'no rows'],
    ['legacy .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls', 'old-style .xls'],
    ['text named .xlsx', csv(`${HEADER}\n`), 'a.xlsx', 'not an XLSX workbook'],
  ])('%s', async (_name, bytes, fileName, message) => {
    const result = await parseOrderFile(bytes, fileName);
    expect(result.errors).toEqual([{ row: 0, message: expect.stringContaining(message) }]);
  });

  it('refuses a header without required columns', async () => {
    const result = await parseOrderFile(csv('订单号,收货人\n1,张三\n'), 'a.csv');
    expect(result.orders).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[1, 'status'], [1, 'created_at'], [1, 'quantity'], [1, 'unit_price'], [1, 'platform_sku']]);
  });

  it('reports an unterminated quote on the row where it opened', async () => {
    const result = await parseOrderFile(csv(`${HEADER}\nA1,已完成,张三,2024-11-20 10:00:00,SKU1,1,1.00\nA2,已完成,"李四,2024-11-20 10:00:00,SKU1,1,1.00\nA3,已完成,王五,2024-11-20 10:00:00,SKU1,1,1.00\n`), 'a.csv');
    expect(result.orders.map((o) => o.platformOrderId)).toEqual(['A1']);
    expect(result.errors).toContainEqual({ row: 3, message: expect.stringContaining('never closes') });
  });

  it('reads a UTF-16LE tab-separated "Unicode text" export', async () => {
    const text = `${HEADER.replace(/,/g, '\t')}\r\nA1\t已完成\t张三\t2024-11-20 10:00:00\tSKU1\t1\t1.00\r\n`;
    const result = await parseOrderFile(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]), 'orders.txt');
    expect(result.encoding).toBe('utf-16le');
    expect(result.orders.map((o) => [o.platformOrderId, o.receiver.name])).toEqual([['A1', '张三']]);
  });
});

describe('parseOrderFile: channel, shop and guards', () => {
  const row = (id: string, extra = ''): string => `${id},已完成,张三,2024-11-20 10:00:00,SKU1,1,1.00${extra}`;

  it('defaults to channel pos and shop pos-default', async () => {
    const [order] = (await parseOrderFile(csv(`${HEADER}\n${row('A1')}\n`), 'a.csv')).orders;
    expect(order).toMatchObject({ channel: 'pos', shopId: 'pos-default', status: 'completed', tags: [], shipments: [], paidAt: null });
  });

  it('takes channel and shop from the options', async () => {
    const [order] = (await parseOrderFile(csv(`${HEADER}\n${row('A1')}\n`), 'a.csv', { channel: 'wechat', shopId: 'wechat-miniapp' })).orders;
    expect(order).toMatchObject({ channel: 'wechat', shopId: 'wechat-miniapp' });
  });

  it('refuses a row whose channel column contradicts the chosen channel', async () => {
    const result = await parseOrderFile(csv(`${HEADER},渠道\n${row('A1', ',抖音')}\n${row('A2', ',wechat')}\n`), 'a.csv', { channel: 'wechat' });
    expect(result.orders.map((o) => o.platformOrderId)).toEqual(['A2']);
    expect(result.errors).toEqual([{ row: 2, field: 'channel', message: '渠道: the file says "douyin" but the import is for "wechat"' }]);
  });

  it("undoes spreadsheet text guards: a trailing TAB, =\"…\" and the exporter's apostrophe", async () => {
    const text = `${HEADER},卖家备注\n"=""0012345""",已完成,张三,2024-11-20 10:00:00,SKU1,1,1.00,'-不要辣\n6919834213451234567\t,已完成,李四,2024-11-20 10:00:00,SKU1,1,1.00,'ok\n`;
    const { orders } = await parseOrderFile(csv(text), 'a.csv');
    expect(orders.map((o) => [o.platformOrderId, o.sellerRemark])).toEqual([['0012345', '-不要辣'], ['6919834213451234567', "'ok"]]);
  });

  it.each([
    ['A 1', 'not allowed in an id'],
    ['Ａ１', 'not allowed in an id'],
    ['A'.repeat(65), 'longer than 64 characters'],
  ])('refuses the order id %j', async (id, message) => {
    const result = await parseOrderFile(csv(`${HEADER}\n${row(id)}\n`), 'a.csv');
    expect(result.errors).toEqual([{ row: 2, field: 'platform_order_id', message: expect.stringContaining(message) }]);
  });

  it('names the row when an order breaks an engine limit', async () => {
    const result = await parseOrderFile(csv(`${HEADER},标签\n${row('A1', `,${'长'.repeat(40)}`)}\n`), 'a.csv');
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([{ row: 2, field: 'tags.0', message: expect.stringContaining('tags.0') }]);
  });

  it('requires carrier and time with a waybill, and warns about an unknown carrier', async () => {
    const text = `${HEADER},快递公司,运单号,发货时间\n${row('A1', ',,SF1234567890123,')}\n${row('A2', ',德邦,DPK123456789,2024-11-21 10:00:00')}\n`;
    const result = await parseOrderFile(csv(text), 'a.csv');
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[2, 'shipped_at'], [2, 'carrier']]);
    expect(result.warnings).toEqual([{ row: 3, field: 'carrier', message: expect.stringContaining('"德邦" is not a known carrier') }]);
    expect(result.orders[0]?.shipments).toEqual([{ carrier: '德邦', waybillNo: 'DPK123456789', shippedAt: shanghai('2024-11-21 10:00:00'), lineNos: [] }]);
  });
});
