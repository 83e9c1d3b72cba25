/**
 * PDD order status → unified status. PDD describes an order with two numbers (protocols.md §2.4 [V]):
 * `order_status` 1 待发货 / 2 已发货待签收 / 3 已签收 (5 = 全部 is a query value only) and
 * `refund_status` 1 无售后或售后关闭 / 2 售后处理中 / 3 退款中 / 4 退款成功, plus `confirm_status`
 * 0 未成交 / 1 已成交 / 2 已取消. PDD documents no partial shipment and no separate "completed":
 * 已签收 is the last order state, mapped to `delivered` (completion is a settlement fact, not an
 * order-list fact). Every listed combination is explicit; anything else is reported as unknown.
 */
import type { OrderStatus } from '../../contract/orders.js';

/** The verbatim platform status we keep: `order_status=2;refund_status=1[;confirm_status=N]`. */
export function pddPlatformStatus(order: { order_status?: unknown; refund_status?: unknown; confirm_status?: unknown }): string {
  const base = `order_status=${String(order.order_status)};refund_status=${String(order.refund_status)}`;
  // confirm_status 1 (已成交) is the normal case for both list APIs; any other value is part of the key.
  return order.confirm_status === undefined || String(order.confirm_status) === '1' ? base : `${base};confirm_status=${String(order.confirm_status)}`;
}

const afterSales = (settled: OrderStatus): Record<string, OrderStatus> => ({
  '1': settled, // 无售后或售后关闭: a refused/closed refund puts the order back where it was
  '2': 'refunding', // 售后处理中
  '3': 'refunding', // 退款中
  '4': 'refunded', // 退款成功
});

function table(): Record<string, OrderStatus> {
  const out: Record<string, OrderStatus> = {};
  const byOrderStatus: Record<string, OrderStatus> = { '1': 'awaiting_shipment', '2': 'shipped', '3': 'delivered' };
  for (const [os, settled] of Object.entries(byOrderStatus)) {
    for (const [rs, status] of Object.entries(afterSales(settled))) out[`order_status=${os};refund_status=${rs}`] = status;
  }
  // confirm_status 2 已取消 (§2.4): documented for a not-shipped order only; a refund on it keeps its meaning.
  for (const [rs, status] of Object.entries(afterSales('cancelled'))) out[`order_status=1;refund_status=${rs};confirm_status=2`] = status;
  return out;
}

/** The default mapping (15 combinations). Operators may override or extend it per deployment. */
export const PDD_STATUS_TABLE: Readonly<Record<string, OrderStatus>> = Object.freeze(table());

export function mapPddStatus(platformStatus: string, overrides?: Readonly<Record<string, OrderStatus>>): OrderStatus | null {
  return overrides?.[platformStatus] ?? PDD_STATUS_TABLE[platformStatus] ?? null;
}
