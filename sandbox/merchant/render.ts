/**
 * A story version as the merchant's own backend describes it in the order-push contract: unified
 * statuses, integer fen, string ids, Unix-millisecond times. WeChat mini-program orders ship to the
 * buyer; POS sales are settled at the till (completed at once, or refunded/cancelled there).
 */
import type { OrderStory, StoryStage, StoryVersion } from '../common/story.js';
import { goodsFen } from '../common/story.js';

export type MerchantChannel = 'wechat' | 'pos';

export interface PushedOrder {
  platformOrderId: string;
  status: string;
  platformStatus: string;
  buyerNick: string;
  receiver: { name: string; phone: string; province: string; city: string; district: string; address: string };
  amounts: { goodsFen: number; platformDiscountFen: number; sellerDiscountFen: number; shippingFen: number; paidFen: number; platformFeeFen: number };
  createdAt: number;
  paidAt: number | null;
  updatedAt: number;
  sellerRemark?: string;
  lines: Array<{ platformItemId: string; platformSku: string; title: string; quantity: number; unitPriceFen: number; amountFen: number }>;
  shipments?: Array<{ carrier: string; waybillNo: string; shippedAt: number }>;
}

/** The mini-program's own status words (what its backend stores), kept as platformStatus. */
const WECHAT_STATUS: Record<StoryStage, [string, string]> = {
  created: ['pending_payment', 'WAIT_PAY'],
  paid: ['paid', 'PAID'],
  partially_shipped: ['partially_shipped', 'PART_DELIVERED'],
  shipped: ['shipped', 'DELIVERED'],
  delivered: ['delivered', 'RECEIVED'],
  completed: ['completed', 'FINISHED'],
  cancelled: ['cancelled', 'CANCELLED'],
  refunding: ['refunding', 'REFUNDING'],
  refunded: ['refunded', 'REFUNDED'],
};

/** At the till a sale is paid and handed over at once; only a refund or a voided ticket changes it. */
function posStatus(stage: StoryStage): [string, string] {
  if (stage === 'cancelled') return ['cancelled', '作废'];
  if (stage === 'refunding') return ['refunding', '退款中'];
  if (stage === 'refunded') return ['refunded', '已退款'];
  return ['completed', '已结账'];
}

const beijingDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

export function merchantOrderId(channel: MerchantChannel, story: OrderStory, storeCode: string): string {
  const n = String(story.n).padStart(6, '0');
  return channel === 'pos' ? `POS-${storeCode}-${beijingDate(story.createdAt)}-${n}` : `WX${beijingDate(story.createdAt)}${storeCode}${n}`;
}

export function renderPushedOrder(channel: MerchantChannel, story: OrderStory, version: StoryVersion, storeCode: string): PushedOrder {
  const [status, platformStatus] = channel === 'pos' ? posStatus(version.stage) : WECHAT_STATUS[version.stage];
  const paid = story.versions.find((v) => v.event === 'pay');
  // POS: paid at the till when the ticket is opened; nothing is posted.
  const paidAt = channel === 'pos' ? story.createdAt : paid && paid.at <= version.at ? paid.at : null;
  // POS: no platform coupon and nothing posted, so the till takes goods − the store's discount.
  const platformDiscountFen = channel === 'pos' ? 0 : story.platformDiscountFen;
  const shippingFen = channel === 'pos' ? 0 : story.shippingFen;
  const goods = goodsFen(story);
  const order: PushedOrder = {
    platformOrderId: merchantOrderId(channel, story, storeCode),
    status,
    platformStatus,
    buyerNick: story.buyerNick,
    receiver: channel === 'pos' ? { name: version.receiver.name, phone: version.receiver.phone, province: '上海市', city: '上海市', district: '静安区', address: '南京西路1266号 门店自提' } : version.receiver,
    amounts: { goodsFen: goods, platformDiscountFen, sellerDiscountFen: story.sellerDiscountFen, shippingFen, paidFen: goods - platformDiscountFen - story.sellerDiscountFen + shippingFen, platformFeeFen: 0 },
    createdAt: story.createdAt,
    paidAt,
    updatedAt: version.at,
    lines: story.lines.map((l) => ({ platformItemId: l.itemId, platformSku: l.outerSku, title: l.title, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.quantity * l.unitPriceFen })),
  };
  if (version.sellerMemo) order.sellerRemark = version.sellerMemo;
  if (channel === 'wechat' && version.parcel) order.shipments = [{ carrier: version.parcel.carrierCode, waybillNo: version.parcel.waybillNo, shippedAt: version.parcel.shippedAt }];
  return order;
}
