/**
 * A platform-neutral order story (sandbox/common/story.ts) as PDD shows it at time `t`, in the order
 * object shape of protocols.md §2.4 [V] (shared by §2.5). PDD lists only 成交 (paid, confirmed)
 * orders, so an order appears at its payment and an unpaid, cancelled story never appears.
 */
import { goodsFen, type OrderStory, paidFen, type StoryStage, type StoryVersion, versionAt } from '../common/story.js';
import { Rng } from '../common/rng.js';
import { Yuan } from './wire-json.js';

/**
 * The simulator's logistics company ids. Real ids come from pdd.logistics.companies.get (§11.6) and
 * are not published; tests hand this table to the connector's `carriers` option.
 */
export const SIM_LOGISTICS_IDS: Readonly<Record<string, number>> = { SF: 44, ZTO: 115, YTO: 85, YUNDA: 121 };

/** Story stage → (order_status, refund_status, confirm_status) per §2.4's enums. */
export function pddStatusOf(story: OrderStory, stage: StoryStage): { orderStatus: number; refundStatus: number; confirmStatus: number; afterSales: number } {
  switch (stage) {
    case 'refunding': {
      // 售后处理中 (buyer asked: after_sales 2) or 退款中 (merchant agreed: after_sales 4), alternating.
      const asked = story.n % 2 === 0;
      return { orderStatus: 1, refundStatus: asked ? 2 : 3, confirmStatus: 1, afterSales: asked ? 2 : 4 };
    }
    case 'refunded':
      return { orderStatus: 1, refundStatus: 4, confirmStatus: 1, afterSales: 10 }; // 10 退款成功
    case 'shipped':
    case 'partially_shipped': // PDD documents no partial shipment: a parcel out is 已发货
      return { orderStatus: 2, refundStatus: 1, confirmStatus: 1, afterSales: 0 };
    case 'delivered':
    case 'completed': // 已签收 is PDD's last order state
      return { orderStatus: 3, refundStatus: 1, confirmStatus: 1, afterSales: 0 };
    case 'cancelled':
      return { orderStatus: 1, refundStatus: 1, confirmStatus: 2, afterSales: 0 };
    default:
      return { orderStatus: 1, refundStatus: 1, confirmStatus: 1, afterSales: 0 };
  }
}

/** "yyyy-MM-dd HH:mm:ss" Beijing time (UTC+8, no DST). */
export function beijingText(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** order_sn like `241128-123456789012345`: the Beijing date of creation, then 15 digits (ends in the story index). */
export function orderSnOf(story: OrderStory, seed: number): string {
  const date = beijingText(story.createdAt).slice(2, 10).replace(/-/g, '');
  return `${date}-${new Rng(seed ^ (story.n * 2654435761)).digits(9)}${String(story.n).padStart(6, '0')}`;
}

const paidCache = new WeakMap<OrderStory, StoryVersion | null>();

export function paidVersion(story: OrderStory): StoryVersion | undefined {
  let paid = paidCache.get(story);
  if (paid === undefined) paidCache.set(story, (paid = story.versions.find((v) => v.stage === 'paid') ?? null));
  return paid ?? undefined;
}

/** The version PDD shows at `t`, or null while the order is not yet (or never) 成交. */
export function visibleVersion(story: OrderStory, t: number): StoryVersion | null {
  const paid = paidVersion(story);
  return paid && paid.at <= t ? versionAt(story, t) : null;
}

export function renderPddOrder(story: OrderStory, version: StoryVersion, seed: number): Record<string, unknown> {
  const paid = paidVersion(story)!;
  const s = pddStatusOf(story, version.stage);
  const { receiver, parcel } = version;
  const discount = story.platformDiscountFen + story.sellerDiscountFen;
  return {
    order_sn: orderSnOf(story, seed),
    order_status: s.orderStatus,
    refund_status: s.refundStatus,
    confirm_status: s.confirmStatus,
    group_status: 1,
    after_sales_status: s.afterSales,
    goods_amount: new Yuan(goodsFen(story)),
    discount_amount: new Yuan(discount),
    platform_discount: new Yuan(story.platformDiscountFen),
    seller_discount: new Yuan(story.sellerDiscountFen),
    capital_free_discount: new Yuan(0),
    postage: new Yuan(story.shippingFen),
    pay_amount: new Yuan(paidFen(story)),
    created_time: beijingText(story.createdAt),
    confirm_time: beijingText(paid.at),
    pay_time: beijingText(paid.at),
    shipping_time: parcel ? beijingText(parcel.shippedAt) : '',
    receive_time: s.orderStatus === 3 ? beijingText(version.at) : '',
    updated_at: beijingText(version.at),
    last_ship_time: beijingText(paid.at + 48 * 3600_000),
    tracking_number: parcel?.waybillNo ?? '',
    logistics_id: parcel ? (SIM_LOGISTICS_IDS[parcel.carrierCode] ?? 0) : 0,
    pay_type: 'WEIXIN',
    pay_no: `4200${String(paid.at).slice(0, 13)}${String(story.n).padStart(8, '0')}`,
    trade_type: 0,
    is_lucky_flag: 1,
    receiver_name: receiver.name,
    receiver_name_mask: `${receiver.name.slice(0, 1)}*`,
    // Plaintext only while 待发货, masked afterwards (§2.4).
    receiver_phone: s.orderStatus === 1 ? receiver.phone : `${receiver.phone.slice(0, 7)}****`,
    receiver_phone_mask: `${receiver.phone.slice(0, 3)}****${receiver.phone.slice(-4)}`,
    province: receiver.province,
    city: receiver.city,
    town: receiver.district,
    receiver_address: receiver.address,
    address: `${receiver.province}${receiver.city}${receiver.district}${receiver.address}`,
    address_mask: `${receiver.province}${receiver.city}${receiver.district}****`,
    remark: version.sellerMemo ?? '',
    buyer_memo: '',
    item_list: story.lines.map((l) => ({
      goods_id: Number(l.itemId),
      sku_id: Number(l.skuId),
      goods_name: l.title,
      goods_spec: '默认',
      goods_price: new Yuan(l.unitPriceFen),
      goods_count: l.quantity,
      outer_id: l.outerSku,
      outer_goods_id: `G-${l.itemId.slice(-6)}`,
      goods_img: `https://img.pddpic.example/${l.itemId}.jpg`,
    })),
  };
}
