/**
 * Douyin `order_status` (§3.6) → unified OrderStatus, with an after-sale overlay from each 商品单's
 * `after_sale_info` (§3.6). A status missing from the table is reported, never guessed.
 */
import type { OrderStatus } from '../../contract/orders.js';

/** §3.6: every documented order_status value of a 店铺单. */
export const DOUYIN_ORDER_STATUS: Readonly<Record<string, OrderStatus>> = {
  '1': 'pending_payment', // 待确认/待支付 (货到付款待确认 too)
  '105': 'paid', // 已支付 (before it enters 备货中)
  '2': 'awaiting_shipment', // 备货中 / 待发货
  '101': 'partially_shipped', // 部分发货
  '3': 'shipped', // 已发货(全部)
  '4': 'cancelled', // 已取消
  '5': 'completed', // 已完成(已收货)
};

/** §3.6 after_sale_type: 0 退货退款, 1 售后(仅)退款, 2 售前退款 — the types that return money. 3 换货 does not. */
export const REFUND_AFTER_SALE_TYPES: ReadonlySet<number> = new Set([0, 1, 2]);
/** §3.6 after_sale_status in progress: 6 申请, 7 退货中, 11 (退货)已发货. */
export const ACTIVE_AFTER_SALE_STATUSES: ReadonlySet<number> = new Set([6, 7, 11]);
/** §3.6 after_sale_status 12 售后成功; refund_status 3 退款成功. */
const AFTER_SALE_SUCCESS = 12;
const REFUND_SUCCESS = 3;

export interface AfterSaleInfo {
  after_sale_status?: unknown;
  after_sale_type?: unknown;
  refund_status?: unknown;
}

export type LineAfterSale = 'none' | 'refunding' | 'refunded';

export function lineAfterSale(info: AfterSaleInfo | undefined): LineAfterSale {
  if (!info || typeof info !== 'object') return 'none';
  const status = Number(info.after_sale_status);
  const type = Number(info.after_sale_type);
  const refund = Number(info.refund_status);
  if (refund === REFUND_SUCCESS || (status === AFTER_SALE_SUCCESS && REFUND_AFTER_SALE_TYPES.has(type))) return 'refunded';
  if (ACTIVE_AFTER_SALE_STATUSES.has(status) && REFUND_AFTER_SALE_TYPES.has(type)) return 'refunding';
  return 'none';
}

/**
 * Douyin keeps refunds beside the order status (a pre-shipment refund leaves the order in 2 备货中
 * until it succeeds, then 4 已取消). The overlay makes that visible in the unified model:
 * every line refunded → `refunded`; any line with a refund in progress → `refunding` (customer
 * service and interception must see it before the warehouse packs); otherwise the mapped status.
 * An unpaid order has nothing to refund, so it keeps its status.
 */
export function overlayAfterSale(base: OrderStatus, lines: readonly LineAfterSale[]): { status: OrderStatus; partialRefund: boolean } {
  if (base === 'pending_payment' || lines.length === 0) return { status: base, partialRefund: false };
  const refunded = lines.filter((l) => l === 'refunded').length;
  if (refunded === lines.length) return { status: 'refunded', partialRefund: false };
  if (lines.includes('refunding') && base !== 'cancelled') return { status: 'refunding', partialRefund: refunded > 0 };
  return { status: base, partialRefund: refunded > 0 };
}
