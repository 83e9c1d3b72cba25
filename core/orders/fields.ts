/** The order fields a source may set, by contract name and column, for diffs and audit events. */
import type { OrderInput } from '../contract/orders.js';
import type { OrderDbRow } from './rows.js';

export interface FieldSpec {
  field: string;
  column: keyof OrderDbRow;
  from(input: OrderInput): string | number | null;
}

export const SOURCE_FIELDS: readonly FieldSpec[] = [
  { field: 'status', column: 'status', from: (o) => o.status },
  { field: 'platformStatus', column: 'platform_status', from: (o) => o.platformStatus ?? null },
  { field: 'buyerNick', column: 'buyer_nick', from: (o) => o.buyerNick ?? null },
  { field: 'receiver.name', column: 'receiver_name', from: (o) => o.receiver.name },
  { field: 'receiver.phone', column: 'receiver_phone', from: (o) => o.receiver.phone },
  { field: 'receiver.province', column: 'receiver_province', from: (o) => o.receiver.province },
  { field: 'receiver.city', column: 'receiver_city', from: (o) => o.receiver.city },
  { field: 'receiver.district', column: 'receiver_district', from: (o) => o.receiver.district },
  { field: 'receiver.address', column: 'receiver_address', from: (o) => o.receiver.address },
  { field: 'goodsFen', column: 'goods_fen', from: (o) => o.amounts.goodsFen },
  { field: 'platformDiscountFen', column: 'platform_discount_fen', from: (o) => o.amounts.platformDiscountFen },
  { field: 'sellerDiscountFen', column: 'seller_discount_fen', from: (o) => o.amounts.sellerDiscountFen },
  { field: 'shippingFen', column: 'shipping_fen', from: (o) => o.amounts.shippingFen },
  { field: 'paidFen', column: 'paid_fen', from: (o) => o.amounts.paidFen },
  { field: 'platformFeeFen', column: 'platform_fee_fen', from: (o) => o.amounts.platformFeeFen },
  { field: 'createdAt', column: 'created_at', from: (o) => o.createdAt },
  { field: 'paidAt', column: 'paid_at', from: (o) => o.paidAt ?? null },
  { field: 'shipByAt', column: 'ship_by_at', from: (o) => o.shipByAt ?? null },
  { field: 'buyerRemark', column: 'buyer_remark', from: (o) => o.buyerRemark ?? '' },
  { field: 'sellerRemark', column: 'seller_remark', from: (o) => o.sellerRemark ?? '' },
];

/** Receiver phone values never go into the audit log in clear. */
export function auditValue(field: string, value: unknown): unknown {
  if (field === 'receiver.phone' && typeof value === 'string') return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
  return value;
}
