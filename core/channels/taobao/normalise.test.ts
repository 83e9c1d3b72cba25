import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../contract/orders.js';
import { parseJsonLossless } from '../lossless-json.js';
import { formatBeijing, parseBeijing } from './beijing-time.js';
import { readTopAnswer } from './client.js';
import { normaliseTrade, type NormaliseOptions } from './normalise.js';
import { TRADE_STATUSES } from './protocol.js';
import { TAOBAO_STATUS_TABLE, unifiedTradeStatus } from './status.js';
import { listOf } from './trade-fields.js';

const sampleText = readFileSync(new URL('./fixtures/trade-doc-sample.json', import.meta.url), 'utf8');
const options: NormaliseOptions = { shopId: 'tb-shop', skuField: 'outer_sku_id', statusOverrides: {} };
const trades = (): Array<Record<string, unknown>> => listOf(readTopAnswer('taobao.trades.sold.get', sampleText).root.trades, 'trade') as Array<Record<string, unknown>>;
const base = { tid: '3791234567890123999', status: 'WAIT_BUYER_PAY', created: '2026-11-11 00:00:00', modified: '2026-11-11 01:00:00', payment: '10.00', total_fee: '10.00', orders: { order: [{ num_iid: 1, num: 1, price: '10.00', title: 't' }] } };

describe('Beijing times (§0/§1.2)', () => {
  it('formats and parses GMT+8 whatever the machine zone', () => {
    const saved = process.env.TZ;
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      process.env.TZ = tz;
      expect(formatBeijing(Date.UTC(2026, 10, 10, 16, 0, 0))).toBe('2026-11-11 00:00:00');
      expect(parseBeijing('2026-11-11 00:00:00')).toBe(Date.UTC(2026, 10, 10, 16, 0, 0));
    }
    process.env.TZ = saved;
  });

  it('rejects impossible or malformed times instead of rolling them over', () => {
    for (const bad of ['2026-02-30 00:00:00', '2026-11-11T00:00:00', '2026-11-11 24:00:00', '', 1_700_000_000]) expect(parseBeijing(bad)).toBeNull();
  });
});

describe('status table (§1.8)', () => {
  it('maps every documented trade.status, and nothing else', () => {
    expect(Object.keys(TAOBAO_STATUS_TABLE).sort()).toEqual([...TRADE_STATUSES].sort());
    for (const s of TRADE_STATUSES) expect(ORDER_STATUSES).toContain(unifiedTradeStatus(s, []));
    expect(unifiedTradeStatus('SELLER_CONSIGNED_PART', [])).toBe('partially_shipped');
    expect(unifiedTradeStatus('TRADE_CLOSED_BY_TAOBAO', [])).toBe('cancelled');
    expect(unifiedTradeStatus('ALL_WAIT_PAY', [])).toBeNull(); // a query group, not a status
    expect(unifiedTradeStatus('SOMETHING_NEW', [])).toBeNull();
    expect(unifiedTradeStatus('SOMETHING_NEW', [], { SOMETHING_NEW: 'paid' })).toBe('paid');
  });

  it('reads an open sub-order refund as refunding, a finished or refused one as nothing', () => {
    expect(unifiedTradeStatus('WAIT_SELLER_SEND_GOODS', ['NO_REFUND', 'WAIT_SELLER_AGREE'])).toBe('refunding');
    expect(unifiedTradeStatus('WAIT_SELLER_SEND_GOODS', ['SELLER_REFUSE_BUYER'])).toBe('awaiting_shipment');
    expect(unifiedTradeStatus('WAIT_BUYER_PAY', ['WAIT_SELLER_AGREE'])).toBe('pending_payment');
    expect(unifiedTradeStatus('TRADE_CLOSED', ['SUCCESS'])).toBe('refunded');
  });
});

describe('normaliseTrade on the documented response shape (§1.6)', () => {
  it('keeps a 19-digit tid exact and maps lines, parcels, receiver and money', () => {
    const out = normaliseTrade(trades()[1], options);
    expect(out.kind).toBe('order');
    if (out.kind !== 'order') return;
    const o = out.order;
    expect(o.platformOrderId).toBe('3791234567890123456');
    expect(o).toMatchObject({ channel: 'taobao', shopId: 'tb-shop', status: 'partially_shipped', platformStatus: 'SELLER_CONSIGNED_PART', buyerNick: 'tb_buyer_01' });
    expect(o.amounts).toEqual({ goodsFen: 21600, platformDiscountFen: 0, sellerDiscountFen: 2000, shippingFen: 800, paidFen: 20400, platformFeeFen: 306 });
    expect(o.tags).toBeUndefined(); // 216.00 − 20.00 + 8.00 = 204.00
    expect(o.createdAt).toBe(Date.UTC(2026, 10, 10, 16, 0, 5));
    expect(o.paidAt).toBe(Date.UTC(2026, 10, 10, 16, 1, 0));
    expect(o.platformModifiedAt).toBe(Date.UTC(2026, 10, 11, 1, 30, 0));
    expect(o.receiver).toEqual({ name: '张三', phone: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' });
    expect(o.lines.map((l) => [l.platformItemId, l.platformSku, l.quantity, l.unitPriceFen, l.amountFen])).toEqual([
      ['36131555094', 'TEA-250', 1, 10800, 10800],
      ['36131555095', '4470235930682', 1, 10800, 10800], // no outer_sku_id: falls back to sku_id
    ]);
    expect(o.shipments).toEqual([{ carrier: 'SF', waybillNo: 'SF1234567890123', shippedAt: Date.UTC(2026, 10, 11, 1, 30, 0), lineNos: [1] }]);
    expect(o.raw?.body).toContain('"tid":"3791234567890123456"');
    expect(o.raw?.body).toContain('"oid":"3791234567890123457"');
  });

  it('rejects the bare §1.6 sample trade (no created/modified) but converts "200.07" exactly once they are there', () => {
    const [doc] = trades();
    const rejected = normaliseTrade(doc, options);
    expect(rejected).toMatchObject({ kind: 'rejected', platformOrderId: '3028689418086124' });
    if (rejected.kind === 'rejected') expect(rejected.message).toMatch(/created/);
    const withTimes = normaliseTrade({ ...doc, created: '2026-11-11 00:00:00', modified: '2026-11-11 00:00:01' }, options);
    if (withTimes.kind !== 'order') throw new Error(withTimes.kind);
    expect(withTimes.order.amounts.paidFen).toBe(20007);
    expect(withTimes.order.lines[0]!.platformSku).toBe('X');
    // goods (the line's 108.00, no total_fee) − 0 + 0 ≠ 200.07: kept, and the failed check recorded.
    expect(withTimes.order.tags).toEqual(['amounts-unbalanced']);
  });

  it('converts money by string arithmetic, never through a float', () => {
    const cases: Array<[string, number]> = [['200.07', 20007], ['0.29', 29], ['1.1', 110], ['19999999.99', 1999999999], ['0.57', 57]];
    for (const [yuan, fen] of cases) {
      const out = normaliseTrade({ ...base, payment: yuan, total_fee: yuan }, options);
      if (out.kind !== 'order') throw new Error(JSON.stringify(out));
      expect(out.order.amounts.paidFen).toBe(fen);
    }
    for (const bad of ['200.075', '2,000.00', '¥1.00', 'abc']) expect(normaliseTrade({ ...base, payment: bad }, options).kind).toBe('rejected');
  });

  it('uses the sku field it is told to, falling back along outer_sku_id → sku_id → num_iid', () => {
    const order = { num_iid: 555, sku_id: '777', outer_sku_id: 'OUT-1', num: 2, price: '1.00', title: 't' };
    const sku = (o: object, skuField: NormaliseOptions['skuField']) => {
      const out = normaliseTrade({ ...base, payment: '2.00', total_fee: '2.00', orders: { order: [o] } }, { ...options, skuField });
      return out.kind === 'order' ? out.order.lines[0]!.platformSku : out.kind;
    };
    expect(sku(order, 'outer_sku_id')).toBe('OUT-1');
    expect(sku(order, 'sku_id')).toBe('777');
    expect(sku(order, 'num_iid')).toBe('555');
    expect(sku({ ...order, outer_sku_id: '' }, 'outer_sku_id')).toBe('777');
    expect(sku({ num_iid: 555, num: 2, price: '1.00' }, 'outer_sku_id')).toBe('555');
  });

  it('reports an unknown status without guessing, and rejects broken trades with the reason', () => {
    expect(normaliseTrade({ ...base, status: 'WAIT_SOMETHING_NEW' }, options)).toMatchObject({ kind: 'unknown-status', platformOrderId: base.tid, status: 'WAIT_SOMETHING_NEW' });
    const cases: Array<[object, RegExp]> = [
      [{ ...base, status: 'WAIT_BUYER_PAY', tid: 3.5 }, /tid/],
      [{ ...base, status: 'WAIT_BUYER_PAY', modified: 'yesterday' }, /modified/],
      [{ ...base, status: 'WAIT_BUYER_PAY', orders: { order: [] } }, /sub-orders/],
      [{ ...base, status: 'WAIT_BUYER_PAY', orders: { order: [{ num_iid: 1, num: 0, price: '1.00' }] } }, /num/],
      [{ ...base, status: undefined }, /status/],
    ];
    for (const [trade, why] of cases) {
      const out = normaliseTrade(trade, options);
      expect(out.kind).toBe('rejected');
      if (out.kind === 'rejected') expect(out.message).toMatch(why);
    }
  });

  it('accepts simplified lists (simplify=true) as well as wrapped ones', () => {
    const simplified = parseJsonLossless(`{"tid":3791234567890123999,"status":"WAIT_BUYER_PAY","created":"2026-11-11 00:00:00","modified":"2026-11-11 00:00:00","payment":"1.00","total_fee":"1.00","orders":[{"num_iid":1,"num":1,"price":"1.00"}]}`);
    const out = normaliseTrade(simplified, options);
    expect(out.kind === 'order' && out.order.platformOrderId).toBe('3791234567890123999');
  });
});
