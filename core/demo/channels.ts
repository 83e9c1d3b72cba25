import type { Channel, OrderStatus } from '../contract/orders.js';
import { weightTable } from './rng.js';

export interface DemoShop {
  channel: Channel;
  shopId: string;
  name: string;
  /** Platform fee in basis points of the paid amount (commission / technical service / payment fee). */
  feeBps: number;
  /** Share of the channel's orders. */
  weight: number;
  /** Store code used in POS order ids. */
  storeCode?: string;
}

/**
 * Fees are typical published rates, not contract facts: Douyin technical service fee ~5% for
 * food/daily goods, Tmall commission ~3%, Pinduoduo 0.6% technical service fee, and 0.6% WeChat
 * Pay / Alipay payment fees for the mini-program, C-shop and tills.
 */
export const DEMO_SHOPS: readonly DemoShop[] = [
  { channel: 'douyin', shopId: 'douyin-flagship', name: '抖音官方旗舰店', feeBps: 500, weight: 6 },
  { channel: 'douyin', shopId: 'douyin-live', name: '抖音直播专营店', feeBps: 500, weight: 4 },
  { channel: 'pinduoduo', shopId: 'pdd-flagship', name: '拼多多品牌旗舰店', feeBps: 60, weight: 6 },
  { channel: 'pinduoduo', shopId: 'pdd-outlet', name: '拼多多工厂折扣店', feeBps: 60, weight: 4 },
  { channel: 'taobao', shopId: 'tmall-flagship', name: '天猫旗舰店', feeBps: 300, weight: 6 },
  { channel: 'taobao', shopId: 'taobao-store', name: '淘宝企业店', feeBps: 60, weight: 4 },
  { channel: 'wechat', shopId: 'wechat-miniapp', name: '微信小程序商城', feeBps: 60, weight: 1 },
  { channel: 'pos', shopId: 'pos-shanghai-jingan', name: '上海静安门店', feeBps: 60, weight: 5, storeCode: 'SH01' },
  { channel: 'pos', shopId: 'pos-hangzhou-xihu', name: '杭州西湖门店', feeBps: 60, weight: 3, storeCode: 'HZ01' },
  { channel: 'pos', shopId: 'pos-beijing-chaoyang', name: '北京朝阳门店', feeBps: 60, weight: 2, storeCode: 'BJ01' },
];

export const CHANNEL_MIX = weightTable<Channel>([['douyin', 30], ['pinduoduo', 25], ['taobao', 25], ['wechat', 12], ['pos', 8]]);

export const SHOPS_BY_CHANNEL = new Map(
  (['douyin', 'pinduoduo', 'taobao', 'wechat', 'pos'] as const).map((channel) => [
    channel,
    weightTable(DEMO_SHOPS.filter((s) => s.channel === channel).map((s) => [s, s.weight] as const)),
  ]),
);

/**
 * Every (platform status, unified status) pair the demo emits, per channel; the platform text is
 * verbatim what that platform's order API returns.
 * - Taobao trade.status (protocols.md §1.8). A refund in progress lives on the sub-order's
 *   refund_status, so the trade keeps its status; a completed refund closes it (TRADE_CLOSED).
 * - Douyin order_status (§3.6): 1 待支付, 105 已支付, 2 备货中, 101 部分发货, 3 已发货, 4 已取消, 5 已完成.
 *   Douyin has no "signed" status: a delivered parcel keeps 3 until the order completes.
 * - Pinduoduo order_status + refund_status (§2.4), written `order_status=N;refund_status=M` because
 *   neither means anything alone. Its list API only returns confirmed (paid) orders.
 * - WeChat mini-program and POS: the seller's own systems, which use the Chinese words the importer reads.
 */
export const PLATFORM_STATUS_PAIRS: Record<Channel, ReadonlyArray<readonly [string, OrderStatus]>> = {
  taobao: [
    ['WAIT_BUYER_PAY', 'pending_payment'], ['TRADE_CLOSED_BY_TAOBAO', 'cancelled'],
    ['WAIT_SELLER_SEND_GOODS', 'awaiting_shipment'], ['PAID_FORBID_CONSIGN', 'frozen'],
    ['SELLER_CONSIGNED_PART', 'partially_shipped'], ['WAIT_BUYER_CONFIRM_GOODS', 'shipped'],
    ['WAIT_BUYER_CONFIRM_GOODS', 'delivered'], ['TRADE_FINISHED', 'completed'],
    ['WAIT_SELLER_SEND_GOODS', 'refunding'], ['WAIT_BUYER_CONFIRM_GOODS', 'refunding'], ['TRADE_CLOSED', 'refunded'],
  ],
  douyin: [
    ['1', 'pending_payment'], ['4', 'cancelled'], ['105', 'paid'], ['2', 'awaiting_shipment'], ['101', 'partially_shipped'],
    ['3', 'shipped'], ['3', 'delivered'], ['5', 'completed'], ['2', 'refunding'], ['3', 'refunding'], ['4', 'refunded'],
  ],
  pinduoduo: [
    ['order_status=1;refund_status=1', 'awaiting_shipment'], ['order_status=2;refund_status=1', 'shipped'],
    ['order_status=3;refund_status=1', 'delivered'], ['order_status=3;refund_status=1', 'completed'],
    ['order_status=1;refund_status=3', 'refunding'], ['order_status=2;refund_status=2', 'refunding'],
    ['order_status=1;refund_status=4', 'refunded'], ['order_status=2;refund_status=4', 'refunded'],
  ],
  wechat: [
    ['待付款', 'pending_payment'], ['已取消', 'cancelled'], ['已付款', 'paid'], ['待发货', 'awaiting_shipment'],
    ['部分发货', 'partially_shipped'], ['已发货', 'shipped'], ['已签收', 'delivered'], ['已完成', 'completed'],
    ['退款中', 'refunding'], ['已退款', 'refunded'],
  ],
  pos: [
    ['已完成', 'completed'], ['待发货', 'awaiting_shipment'], ['已发货', 'shipped'], ['已签收', 'delivered'],
    ['退款中', 'refunding'], ['已退款', 'refunded'],
  ],
};

/** Whether the refund started before or after the goods left: platforms report the two differently. */
export type RefundStage = 'before_shipping' | 'after_shipping';

export function platformStatus(channel: Channel, status: OrderStatus, refundStage: RefundStage): string {
  const shippedFirst = refundStage === 'after_shipping';
  switch (channel) {
    case 'taobao':
      if (status === 'refunding') return shippedFirst ? 'WAIT_BUYER_CONFIRM_GOODS' : 'WAIT_SELLER_SEND_GOODS';
      break;
    case 'douyin':
      if (status === 'refunding') return shippedFirst ? '3' : '2';
      break;
    case 'pinduoduo':
      if (status === 'refunding') return shippedFirst ? 'order_status=2;refund_status=2' : 'order_status=1;refund_status=3';
      if (status === 'refunded') return `order_status=${shippedFirst ? 2 : 1};refund_status=4`;
      break;
    default:
      break;
  }
  const pair = PLATFORM_STATUS_PAIRS[channel].find(([, unified]) => unified === status);
  if (!pair) throw new Error(`demo: ${channel} has no platform status for ${status}`);
  return pair[0];
}

export interface ChannelRules {
  /** Unpaid orders close after this long; null when the channel's order list only has paid orders. */
  payTimeoutMs: number | null;
  unpaidRate: number;
  /** Douyin's 105 已支付 and the mini-program's 已付款 exist for a few minutes before 待发货. */
  hasPaidStatus: boolean;
  hasPartialShipping: boolean;
  /** Share of paid orders held back by the platform (Taobao PAID_FORBID_CONSIGN). */
  frozenRate: number;
  /** Promised dispatch time after payment (ship-by); null at the till. */
  shipByHours: number | null;
  /** Share of orders delivered by courier; the rest are handed over at the counter. */
  courierRate: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const CHANNEL_RULES: Record<Channel, ChannelRules> = {
  // order_expire_time 1800 s in the order.searchList sample (shared/fixtures/partners).
  douyin: { payTimeoutMs: 30 * MINUTE, unpaidRate: 0.06, hasPaidStatus: true, hasPartialShipping: true, frozenRate: 0, shipByHours: 48, courierRate: 1 },
  // pdd.order.list.get returns confirmed orders only (protocols.md §2.4).
  pinduoduo: { payTimeoutMs: null, unpaidRate: 0, hasPaidStatus: false, hasPartialShipping: false, frozenRate: 0, shipByHours: 48, courierRate: 1 },
  // Assumed 24 h: Taobao's unpaid auto-close time varies by item setting (typically hours to 3 days).
  taobao: { payTimeoutMs: 24 * HOUR, unpaidRate: 0.08, hasPaidStatus: false, hasPartialShipping: true, frozenRate: 0.02, shipByHours: 48, courierRate: 1 },
  wechat: { payTimeoutMs: 30 * MINUTE, unpaidRate: 0.1, hasPaidStatus: true, hasPartialShipping: true, frozenRate: 0, shipByHours: 72, courierRate: 1 },
  pos: { payTimeoutMs: null, unpaidRate: 0, hasPaidStatus: false, hasPartialShipping: false, frozenRate: 0, shipByHours: null, courierRate: 0.1 },
};
