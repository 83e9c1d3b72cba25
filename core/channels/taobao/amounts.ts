/**
 * Taobao trade money (protocols.md §1.9) → the six unified amount fields, in integer fen.
 *
 * What maps where (the fact sheet does not say who funds a discount, so this is our reading):
 * - goodsFen            = trade.total_fee (商品金额, price × num summed)
 * - sellerDiscountFen   = trade.discount_fee (系统优惠: 打折/VIP/满就送 — shop promotion tools) − adjust,
 *                         where adjust = trade.adjust_fee (卖家手工调价, + raises the price) for one
 *                         sub-order, and the sub-orders' adjust_fee summed for several (§1.9: the trade
 *                         field is 0 for multi-order trades)
 * - platformDiscountFen = 0: TOP's trade carries no platform-funded discount field in §1.9; the
 *                         platform's share shows up in settlement bills (reconciliation), not here
 * - shippingFen         = trade.post_fee;  paidFen = trade.payment (实付)
 * - platformFeeFen      = trade.commission_fee (交易佣金) when present, else 0
 * The identity goods − discounts + shipping = paid is a recorded check, not a rejection: a trade
 * that does not add up is still ingested, tagged `amounts-unbalanced`.
 */
import type { OrderAmounts } from '../../contract/orders.js';
import { type Json, moneyFen, optionalMoneyFen } from './trade-fields.js';

export const UNBALANCED_TAG = 'amounts-unbalanced';

export interface TradeAmounts {
  amounts: OrderAmounts;
  balanced: boolean;
}

export function tradeAmounts(trade: Json, orders: readonly Json[]): TradeAmounts {
  const paidFen = moneyFen(trade.payment, 'payment');
  const goodsFen =
    trade.total_fee === undefined
      ? orders.reduce((sum, o, i) => sum + moneyFen(o.total_fee ?? o.payment, `orders[${i}].total_fee`), 0)
      : moneyFen(trade.total_fee, 'total_fee');
  const adjustFen =
    orders.length > 1
      ? orders.reduce((sum, o, i) => sum + optionalMoneyFen(o.adjust_fee, `orders[${i}].adjust_fee`), 0)
      : optionalMoneyFen(trade.adjust_fee, 'adjust_fee');
  const amounts: OrderAmounts = {
    goodsFen,
    platformDiscountFen: 0,
    sellerDiscountFen: optionalMoneyFen(trade.discount_fee, 'discount_fee') - adjustFen,
    shippingFen: optionalMoneyFen(trade.post_fee, 'post_fee'),
    paidFen,
    platformFeeFen: optionalMoneyFen(trade.commission_fee, 'commission_fee'),
  };
  const balanced = amounts.goodsFen - amounts.platformDiscountFen - amounts.sellerDiscountFen + amounts.shippingFen === amounts.paidFen;
  return { amounts, balanced };
}
