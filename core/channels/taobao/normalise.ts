/**
 * One Taobao Trade (protocols.md §1.6 shape, §1.8 status, §1.9 money) → one unified OrderInput, or
 * the reason it is not one: an undocumented status (reported, never guessed) or a malformed trade.
 */
import type { FieldSources, MappableField } from '../../contract/mapping.js';
import type { OrderInput } from '../../contract/orders.js';
import { firstValue, sourcesFor } from '../mapping/spec.js';
import { tradeAmounts, UNBALANCED_TAG } from './amounts.js';
import { parseBeijing } from './beijing-time.js';
import { unifiedTradeStatus, type StatusOverrides } from './status.js';
import { asRecord, idText, type Json, listOf, optionalText, TAOBAO_MAPPING, TradeRejection } from './trade-fields.js';
import { type SkuField, tradeLines, tradeShipments } from './trade-lines.js';

export interface NormaliseOptions {
  shopId: string;
  /** The legacy per-shop SKU field; a `mapping` with `line.platformSku` supersedes it. */
  skuField?: SkuField;
  /** Field mapping (core/channels/mapping): the shop's resolved sources; absent fields use the defaults. */
  mapping?: FieldSources;
  statusOverrides: StatusOverrides;
}

interface Times {
  createdAt: number | null;
  modifiedAt: number | null;
}

export type TradeOutcome =
  | ({ kind: 'order'; order: OrderInput } & Times)
  | ({ kind: 'unknown-status'; platformOrderId: string; status: string } & Times)
  | ({ kind: 'rejected'; platformOrderId: string | null; message: string } & Times);

function requiredTime(trade: Json, field: string): number {
  const ms = parseBeijing(trade[field]);
  if (ms === null) throw new TradeRejection(`${field} is missing or not "yyyy-MM-dd HH:mm:ss": ${JSON.stringify(trade[field] ?? null)}`);
  return ms;
}

/** The value of a mapped trade-level field (TAOBAO_MAPPING), through the configured sources. */
function mapped(trade: Json, field: MappableField, mapping: FieldSources | undefined): string {
  return firstValue(TAOBAO_MAPPING, field, sourcesFor(TAOBAO_MAPPING, field, mapping), trade);
}

function receiverOf(trade: Json, mapping: FieldSources | undefined): OrderInput['receiver'] {
  const t = (field: string): string => optionalText(trade[field])?.trim() ?? '';
  return {
    name: mapped(trade, 'receiver.name', mapping),
    phone: mapped(trade, 'receiver.phone', mapping),
    province: t('receiver_state'),
    city: t('receiver_city'),
    district: t('receiver_district'),
    address: mapped(trade, 'receiver.address', mapping),
  };
}

function buildOrder(trade: Json, tid: string, status: OrderInput['status'], orders: Json[], times: { createdAt: number; modifiedAt: number }, options: NormaliseOptions): OrderInput {
  const { amounts, balanced } = tradeAmounts(trade, orders);
  const order: OrderInput = {
    channel: 'taobao',
    shopId: options.shopId,
    platformOrderId: tid,
    status,
    platformStatus: String(trade.status),
    receiver: receiverOf(trade, options.mapping),
    amounts,
    createdAt: times.createdAt,
    paidAt: parseBeijing(trade.pay_time),
    platformModifiedAt: times.modifiedAt,
    lines: tradeLines(orders, options),
    // Re-serialised from the lossless parse: ids are exact (19-digit ones become strings).
    raw: { contentType: 'application/json', body: JSON.stringify(trade) },
  };
  const buyerNick = optionalText(trade.buyer_nick);
  if (buyerNick) order.buyerNick = buyerNick;
  const buyerRemark = mapped(trade, 'order.buyerRemark', options.mapping);
  if (buyerRemark) order.buyerRemark = buyerRemark;
  const sellerRemark = mapped(trade, 'order.sellerRemark', options.mapping);
  if (sellerRemark) order.sellerRemark = sellerRemark;
  const shipments = tradeShipments(trade, orders);
  if (shipments.length) order.shipments = shipments;
  if (!balanced) order.tags = [UNBALANCED_TAG];
  return order;
}

export function normaliseTrade(value: unknown, options: NormaliseOptions): TradeOutcome {
  const trade = asRecord(value);
  const tid = idText(trade?.tid);
  const times: Times = { createdAt: parseBeijing(trade?.created), modifiedAt: parseBeijing(trade?.modified) };
  if (!trade || !tid) return { kind: 'rejected', platformOrderId: optionalText(trade?.tid) ?? null, message: 'tid is missing or not an integer id', ...times };
  try {
    const status = optionalText(trade.status);
    if (!status) throw new TradeRejection('status is missing');
    const createdAt = requiredTime(trade, 'created');
    const modifiedAt = requiredTime(trade, 'modified');
    const orders = listOf(trade.orders, 'order').map(asRecord).filter((o): o is Json => o !== null);
    const unified = unifiedTradeStatus(status, orders.map((o) => optionalText(o.refund_status) ?? ''), options.statusOverrides);
    if (!unified) return { kind: 'unknown-status', platformOrderId: tid, status, ...times };
    return { kind: 'order', order: buildOrder(trade, tid, unified, orders, { createdAt, modifiedAt }, options), ...times };
  } catch (err) {
    if (!(err instanceof TradeRejection)) throw err;
    return { kind: 'rejected', platformOrderId: tid, message: err.message, ...times };
  }
}
