/**
 * Douyin message-push tags (§12.2) → what happened. The tag numbers are [U] in protocols.md (one
 * third-party source, not self-consistent), so the table is a default that a deployment overrides;
 * `order_status` inside `data` is sanity-checked where §12.2 states it ([V] payload docs).
 */

export type DouyinPushKind =
  | 'connectivity-test'
  | 'trade-created'
  | 'trade-paid'
  | 'trade-shipped'
  | 'trade-success'
  | 'logistics-changed'
  | 'address-changed'
  | 'trade-canceled'
  | 'trade-partly-shipped'
  | 'amount-changed'
  | 'address-change-applied'
  | 'appointment'
  | 'memo-modified'
  | 'refund-created'
  | 'refund-agreed'
  | 'return-apply-agreed'
  | 'buyer-returned-goods'
  | 'refund-refused'
  | 'return-apply-refused'
  | 'refund-success'
  | 'refund-closed'
  | 'refund-modified'
  | 'refund-expiration-changed'
  | 'exchange-confirmed'
  | 'arbitration'
  | 'product-changed'
  | 'unknown'
  | 'malformed';

/**
 * §12.2 tag list ([U]). 101 TradePaid, 102 TradeSellerShip, 104 TradeLogisticsChanged and 105
 * TradeAddressChanged are not in protocols.md ("not established"); they come from two further
 * third-party SDKs seen in public code (a Go message switch `case "105": TradeAddressChanged`, a Java
 * class `DoudianTradeTradeAddressChanged105`) and are equally [U].
 */
export const DEFAULT_DOUYIN_PUSH_TAGS: Readonly<Record<string, DouyinPushKind>> = {
  '0': 'connectivity-test', // §12.2 [U]: {"tag":"0","msg_id":"0","data":"<ISO time>"}
  '100': 'trade-created',
  '101': 'trade-paid',
  '102': 'trade-shipped',
  '103': 'trade-success',
  '104': 'logistics-changed',
  '105': 'address-changed',
  '106': 'trade-canceled',
  '108': 'trade-partly-shipped',
  '109': 'amount-changed',
  '111': 'address-change-applied',
  '112': 'appointment',
  '113': 'memo-modified',
  '200': 'refund-created',
  '201': 'refund-agreed',
  '202': 'return-apply-agreed',
  '203': 'buyer-returned-goods',
  '204': 'refund-refused',
  '205': 'return-apply-refused',
  '206': 'refund-success',
  '207': 'refund-closed',
  '208': 'refund-modified',
  '209': 'refund-expiration-changed',
  '211': 'exchange-confirmed',
  '212': 'arbitration',
  '216': 'arbitration',
  '217': 'arbitration',
  '218': 'arbitration',
  '400': 'product-changed',
};

/** §12.2 [V]: "订单取消消息的status值为4"; TradeAddressChanged carries order_status 2. */
export const EXPECTED_ORDER_STATUS: Partial<Record<DouyinPushKind, number>> = {
  'trade-canceled': 4,
  'address-changed': 2,
};

/** §12.2 RefundCreated `aftersale_type` 2 = 发货前退款: the warehouse must stop before packing. */
export const PRE_SHIPMENT_AFTERSALE_TYPE = 2;
