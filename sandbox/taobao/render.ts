/**
 * One platform-neutral story version (sandbox/common/story.ts) rendered as a TOP Trade
 * (protocols.md §1.6 non-simplified shape, §1.8 statuses, §1.9 yuan text), as a plain object whose
 * ids are `bare()` markers; `wireJson` turns it into text with exact bare numbers.
 */
import type { OrderStory, StoryStage, StoryVersion } from '../common/story.js';
import { bare, beijingText, yuanText } from './wire.js';

export interface TradeIds {
  tid: string;
  oids: string[];
  type: string;
  /** Knob-driven oddities: an undocumented status, or a money field TOP would never send. */
  oddity: 'unknown-status' | 'bad-money' | null;
}

/** §1.8: the trade status and sub-order refund_status a story stage shows on Taobao. */
export function statusOfStage(stage: StoryStage): { status: string; refund: string } {
  switch (stage) {
    case 'created':
      return { status: 'WAIT_BUYER_PAY', refund: 'NO_REFUND' };
    case 'paid':
      return { status: 'WAIT_SELLER_SEND_GOODS', refund: 'NO_REFUND' };
    case 'refunding': // the trade keeps its status; the open refund is on the sub-orders
      return { status: 'WAIT_SELLER_SEND_GOODS', refund: 'WAIT_SELLER_AGREE' };
    case 'refunded':
      return { status: 'TRADE_CLOSED', refund: 'SUCCESS' };
    case 'partially_shipped':
      return { status: 'SELLER_CONSIGNED_PART', refund: 'NO_REFUND' };
    case 'shipped':
    case 'delivered': // only COD trades have a "signed" status (TRADE_BUYER_SIGNED)
      return { status: 'WAIT_BUYER_CONFIRM_GOODS', refund: 'NO_REFUND' };
    case 'completed':
      return { status: 'TRADE_FINISHED', refund: 'NO_REFUND' };
    case 'cancelled':
      return { status: 'TRADE_CLOSED_BY_TAOBAO', refund: 'NO_REFUND' };
  }
}

export const UNKNOWN_STATUS = 'WAIT_SELLER_APPOINTMENT_NEW';

export function storyMoney(story: OrderStory): { goods: number; discount: number; post: number; payment: number } {
  const goods = story.lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
  const discount = story.platformDiscountFen + story.sellerDiscountFen;
  return { goods, discount, post: story.shippingFen, payment: goods - discount + story.shippingFen };
}

function firstAt(story: OrderStory, upTo: StoryVersion, event: StoryVersion['event']): number | undefined {
  return story.versions.find((v) => v.event === event && v.at <= upTo.at)?.at;
}

export function renderTrade(story: OrderStory, version: StoryVersion, ids: TradeIds): Record<string, unknown> {
  const { status, refund } = statusOfStage(version.stage);
  const money = storyMoney(story);
  const payAt = firstAt(story, version, 'pay');
  const ended = ['completed', 'cancelled', 'refunded'].includes(version.stage);
  const orders = story.lines.map((line, i) => {
    const shipped = version.parcel && (version.stage !== 'partially_shipped' || i === 0);
    return {
      oid: bare(ids.oids[i]!),
      num_iid: bare(line.itemId),
      sku_id: line.skuId,
      outer_sku_id: line.outerSku,
      title: line.title,
      num: line.quantity,
      price: yuanText(line.unitPriceFen),
      total_fee: yuanText(line.unitPriceFen * line.quantity),
      adjust_fee: '0.00',
      discount_fee: '0.00',
      status: shipped && version.stage === 'partially_shipped' ? 'WAIT_BUYER_CONFIRM_GOODS' : status,
      refund_status: refund,
      ...(shipped && version.parcel
        ? { logistics_company: version.parcel.carrierName, invoice_no: version.parcel.waybillNo, consign_time: beijingText(version.parcel.shippedAt) }
        : {}),
    };
  });
  return {
    tid: bare(ids.tid),
    type: ids.type,
    status: ids.oddity === 'unknown-status' ? UNKNOWN_STATUS : status,
    seller_nick: 'sandbox旗舰店',
    buyer_nick: story.buyerNick,
    created: beijingText(story.createdAt),
    modified: beijingText(version.at),
    ...(payAt !== undefined ? { pay_time: beijingText(payAt) } : {}),
    ...(version.parcel ? { consign_time: beijingText(version.parcel.shippedAt) } : {}),
    ...(ended ? { end_time: beijingText(version.at) } : {}),
    total_fee: yuanText(money.goods),
    discount_fee: yuanText(money.discount),
    adjust_fee: '0.00',
    post_fee: yuanText(money.post),
    payment: ids.oddity === 'bad-money' ? `${yuanText(money.payment)}5` : yuanText(money.payment),
    received_payment: version.stage === 'completed' ? yuanText(money.payment) : '0.00',
    commission_fee: version.stage === 'completed' ? yuanText(Math.floor(money.payment * 0.02)) : '0.00',
    receiver_name: version.receiver.name,
    receiver_mobile: version.receiver.phone,
    receiver_state: version.receiver.province,
    receiver_city: version.receiver.city,
    receiver_district: version.receiver.district,
    receiver_address: version.receiver.address,
    ...(version.sellerMemo ? { seller_memo: version.sellerMemo } : {}),
    orders: { order: orders },
  };
}

/** §1.4 `fields`: only the requested Trade fields; `orders` = whole sub-orders, `orders.x` = those fields. */
export function pickFields(trade: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const orderFields = fields.filter((f) => f.startsWith('orders.')).map((f) => f.slice('orders.'.length));
  for (const f of fields) if (f in trade && f !== 'orders') out[f] = trade[f];
  if (fields.includes('orders')) out.orders = trade.orders;
  else if (orderFields.length) {
    const orders = (trade.orders as { order: Array<Record<string, unknown>> }).order;
    out.orders = { order: orders.map((o) => Object.fromEntries(orderFields.filter((f) => f in o).map((f) => [f, o[f]]))) };
  }
  return out;
}
