/**
 * Everything checked before a waybill is written to an order: the number against the carrier
 * patterns (a misfit needs the agent's override), other orders already carrying it (another
 * receiver's order blocks; the same receiver's needs an explicit "one parcel, several orders"), the
 * label's receiver against the order's (a mismatch needs an acknowledgement), and whether the platform
 * needs a first ship or a correction.
 */
import type { WaybillCheckResult, WaybillConfirmation } from '../contract/waybill.js';
import { fail } from '../kernel/errors.js';
import { carrierInfo } from '../logistics/carriers.js';
import { detectCarrier, fitsCarrier, normaliseWaybillNo } from '../logistics/waybill-patterns.js';
import type { Db } from '../store/db.js';
import { compareReceiver } from './receiver.js';

export interface OrderForWaybill {
  id: number;
  channel: string;
  shop_id: string;
  platform_order_id: string;
  status: string;
  receiver_name: string;
  receiver_phone_tail: string;
  receiver_address: string;
  version: number;
}

export function orderForWaybill(db: Db, orderId: number): OrderForWaybill {
  const order = db
    .prepare('SELECT id, channel, shop_id, platform_order_id, status, receiver_name, receiver_phone_tail, receiver_address, version FROM orders WHERE id = ?')
    .get(orderId) as OrderForWaybill | undefined;
  if (!order) throw fail.notFound(`No order ${orderId}.`);
  return order;
}

/** Orders a parcel must not be attached to: the warehouse should not have shipped them at all. */
const UNSHIPPABLE: Record<string, string> = {
  pending_payment: '订单未付款',
  frozen: '订单已被拦截冻结',
  cancelled: '订单已取消',
  refunded: '订单已退款',
  closed: '订单已关闭',
};

/** Channels with a write-back API (protocols.md §11); the others record that nothing was sent. */
const WRITE_BACK_CHANNELS = new Set(['taobao', 'pinduoduo', 'douyin']);

export function checkWaybill(
  db: Db,
  orderId: number,
  rawWaybillNo: string,
  carrierGiven: string | undefined,
  labelReceiver: { nameFragment?: string | null; phoneTail?: string | null } | undefined,
): WaybillCheckResult {
  const order = orderForWaybill(db, orderId);
  const waybillNo = normaliseWaybillNo(rawWaybillNo);
  if (!/^[A-Z0-9]{6,32}$/.test(waybillNo)) throw fail.validation(`运单号「${rawWaybillNo}」只能是 6–32 位字母或数字 (a waybill number is 6–32 letters or digits)`, { waybillNo: 'format' });
  const detected = detectCarrier(waybillNo);
  const carrier = (carrierGiven?.trim().toUpperCase() || detected.guesses[0]?.carrier || '').toString();
  if (!carrier) throw fail.validation('请选择快递公司：运单号不符合任何已知格式 (choose the carrier: the number fits no known pattern)', { carrier: 'required' });
  const fits = fitsCarrier(waybillNo, carrier);
  const known = carrierInfo(carrier);
  const patternWarning = fits
    ? null
    : `运单号不符合${known?.nameZh ?? carrier}的单号格式 (the number does not fit ${carrier}'s patterns)${detected.guesses.length ? `；可能是 ${detected.guesses.map((g) => g.carrier).join('/')}` : ''}`;

  const others = db
    .prepare(
      `SELECT DISTINCT o.id, o.platform_order_id, o.channel, o.receiver_name, o.receiver_phone_tail, o.receiver_address
         FROM shipments s JOIN orders o ON o.id = s.order_id
        WHERE s.waybill_no = ? AND o.id <> ?`,
    )
    .all(waybillNo, order.id) as Array<{ id: number; platform_order_id: string; channel: string; receiver_name: string; receiver_phone_tail: string; receiver_address: string }>;
  const attachedTo = others.map((o) => ({
    orderId: o.id,
    platformOrderId: o.platform_order_id,
    channel: o.channel,
    // Masked the same way by the same platform, so equal text means the same person and place.
    // Without a phone tail to compare, the address must match too.
    sameReceiver:
      o.receiver_name === order.receiver_name &&
      o.receiver_phone_tail === order.receiver_phone_tail &&
      (o.receiver_phone_tail !== '' || o.receiver_address === order.receiver_address),
  }));
  const blocked = UNSHIPPABLE[order.status]
    ? `${UNSHIPPABLE[order.status]} (order status ${order.status}: nothing may ship)`
    : attachedTo.some((o) => !o.sameReceiver)
      ? `运单号已用于另一收件人的订单 ${attachedTo.filter((o) => !o.sameReceiver).map((o) => o.platformOrderId).join(', ')} (the number already ships another receiver's order)`
      : null;

  const receiver = compareReceiver(labelReceiver, { name: order.receiver_name, phoneTail: order.receiver_phone_tail });
  const platformWaybills = (db.prepare('SELECT waybill_no FROM shipments WHERE order_id = ? ORDER BY id').all(order.id) as Array<{ waybill_no: string }>).map((r) => r.waybill_no);
  const writeBack = !WRITE_BACK_CHANNELS.has(order.channel) ? 'none' : platformWaybills.includes(waybillNo) ? 'already' : platformWaybills.length ? 'correct' : 'ship';

  const needs: WaybillConfirmation[] = [];
  if (patternWarning) needs.push('overridePattern');
  if (attachedTo.length && !blocked) needs.push('confirmSharedParcel');
  if (receiver.warning) needs.push('acknowledgeReceiverMismatch');
  return {
    waybillNo,
    carrier,
    carrierGuesses: detected.guesses.map((g) => ({ carrier: g.carrier, confidence: g.confidence })),
    patternWarning,
    attachedTo,
    receiver,
    platformWaybills,
    writeBack,
    needs,
    blocked,
  };
}
