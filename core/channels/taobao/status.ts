/**
 * Taobao `trade.status` (protocols.md §1.8) → the unified OrderStatus. Every documented value has a
 * row; anything else is reported as unknown by the caller, never guessed. Rows that are a judgement
 * rather than a platform fact are marked, and every row can be overridden (`statusOverrides`).
 */
import type { OrderStatus } from '../../contract/orders.js';
import { OPEN_REFUND_STATUSES, type TradeStatus } from './protocol.js';

export const TAOBAO_STATUS_TABLE: Readonly<Record<TradeStatus, OrderStatus>> = {
  TRADE_NO_CREATE_PAY: 'pending_payment', // 没有创建支付宝交易: not paid yet
  WAIT_BUYER_PAY: 'pending_payment', // 等待买家付款
  PAY_PENDING: 'pending_payment', // 国际信用卡支付付款确认中: money not confirmed yet
  // 0元购合约中: the pre-authorisation contract is not confirmed, nothing is paid. Judgement.
  WAIT_PRE_AUTH_CONFIRM: 'pending_payment',
  // 拼团中或发货强管控，已付款但禁止发货: paid, not released for shipping. `paid` (not yet
  // awaiting_shipment) rather than `frozen`, which this engine keeps for its own interception holds. Judgement.
  PAID_FORBID_CONSIGN: 'paid',
  WAIT_SELLER_SEND_GOODS: 'awaiting_shipment', // 等待卖家发货（买家已付款）
  SELLER_CONSIGNED_PART: 'partially_shipped', // 卖家部分发货
  WAIT_BUYER_CONFIRM_GOODS: 'shipped', // 等待买家确认收货（卖家已发货）
  TRADE_BUYER_SIGNED: 'delivered', // 买家已签收（货到付款专用）
  TRADE_FINISHED: 'completed', // 交易成功
  TRADE_CLOSED: 'refunded', // 付款以后用户退款成功，交易自动关闭
  TRADE_CLOSED_BY_TAOBAO: 'cancelled', // 付款以前，卖家或买家主动关闭交易
};

/** Unified statuses from which an open refund on a sub-order reads as `refunding`. */
const REFUNDABLE: ReadonlySet<OrderStatus> = new Set(['paid', 'awaiting_shipment', 'partially_shipped', 'shipped', 'delivered', 'completed']);

export type StatusOverrides = Partial<Record<string, OrderStatus>>;

/**
 * The unified status of a trade, or null when its status is not documented (and not overridden).
 * A trade keeps its own status while a buyer's refund request is open; the open request is only on
 * the sub-orders' `refund_status` (§1.8), so any open one makes the order `refunding`.
 */
export function unifiedTradeStatus(status: string, orderRefundStatuses: readonly string[], overrides: StatusOverrides = {}): OrderStatus | null {
  const base = overrides[status] ?? (Object.hasOwn(TAOBAO_STATUS_TABLE, status) ? TAOBAO_STATUS_TABLE[status as TradeStatus] : null);
  if (!base) return null;
  if (REFUNDABLE.has(base) && orderRefundStatuses.some((r) => OPEN_REFUND_STATUSES.includes(r))) return 'refunding';
  return base;
}
