import { CHANNELS, ORDER_STATUSES, type Channel, type OrderStatus } from '../../contract/orders.js';

/**
 * Words accepted in the 状态/status column: the unified names themselves, plus the Chinese words
 * tills and hand-kept sheets use. 已签收 is "delivered" (the parcel was signed for); 已完成 and
 * 交易成功 are "completed" (the sale is final). The text is also kept verbatim as platformStatus.
 */
const CHINESE_STATUSES: Record<string, OrderStatus> = {
  待付款: 'pending_payment',
  待支付: 'pending_payment',
  已付款: 'paid',
  已支付: 'paid',
  待发货: 'awaiting_shipment',
  已冻结: 'frozen',
  部分发货: 'partially_shipped',
  已发货: 'shipped',
  已签收: 'delivered',
  已完成: 'completed',
  交易成功: 'completed',
  已取消: 'cancelled',
  退款中: 'refunding',
  已退款: 'refunded',
  退款成功: 'refunded',
  已关闭: 'closed',
  交易关闭: 'closed',
};

export function statusFromText(text: string): OrderStatus | null {
  const key = text.trim();
  const lower = key.toLowerCase();
  if ((ORDER_STATUSES as readonly string[]).includes(lower)) return lower as OrderStatus;
  return CHINESE_STATUSES[key] ?? null;
}

const CHINESE_CHANNELS: Record<string, Channel> = {
  抖音: 'douyin',
  抖店: 'douyin',
  拼多多: 'pinduoduo',
  pdd: 'pinduoduo',
  淘宝: 'taobao',
  天猫: 'taobao',
  tmall: 'taobao',
  微信: 'wechat',
  小程序: 'wechat',
  微信小程序: 'wechat',
  门店: 'pos',
  线下: 'pos',
};

export function channelFromText(text: string): Channel | null {
  const key = text.trim().toLowerCase();
  if ((CHANNELS as readonly string[]).includes(key)) return key as Channel;
  return CHINESE_CHANNELS[key] ?? null;
}

/**
 * The one carrier vocabulary of the engine (architecture.md, "One carrier vocabulary"), with the
 * Chinese short names people type. Unknown names are kept as written, with a warning.
 */
export const CARRIER_CODES = ['SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD', 'EMS', 'JTEXPRESS'] as const;

const CARRIER_NAMES: Record<string, string> = {
  顺丰: 'SF',
  顺丰速运: 'SF',
  中通: 'ZTO',
  中通快递: 'ZTO',
  圆通: 'YTO',
  圆通速递: 'YTO',
  申通: 'STO',
  申通快递: 'STO',
  韵达: 'YUNDA',
  韵达快递: 'YUNDA',
  京东: 'JD',
  京东快递: 'JD',
  京东物流: 'JD',
  邮政: 'EMS',
  中国邮政: 'EMS',
  邮政ems: 'EMS',
  极兔: 'JTEXPRESS',
  极兔速递: 'JTEXPRESS',
  'j&t': 'JTEXPRESS',
};

export function carrierFromText(text: string): { code: string; known: boolean } {
  const key = text.trim();
  const upper = key.toUpperCase();
  if ((CARRIER_CODES as readonly string[]).includes(upper)) return { code: upper, known: true };
  const named = CARRIER_NAMES[key.toLowerCase()];
  return named ? { code: named, known: true } : { code: key, known: false };
}
