/**
 * One PDD order object (protocols.md §2.4 [V], the same shape in §2.5) → a unified OrderInput, an
 * unknown status (never guessed), or a rejection that says why.
 */
import type { FieldSources, MappableField } from '../../contract/mapping.js';
import type { OrderInput, OrderLineInput, OrderStatus, ShipmentInput } from '../../contract/orders.js';
import { orderInputSchema } from '../../orders/validate-input.js';
import { firstValue, orList, sourcesFor } from '../mapping/spec.js';
import { FieldReader, idText, isObject, PDD_MAPPING, type PddObject } from './fields.js';
import { mapPddStatus, pddPlatformStatus } from './status.js';

export type PddSkuField = 'outer_id' | 'sku_id' | 'outer_goods_id';

export interface PddNormalizeOptions {
  /** Legacy per-shop SKU field, tried before the defaults (outer_id → sku_id); a `mapping` supersedes it. */
  skuField?: PddSkuField;
  /** Field mapping (core/channels/mapping): the shop's resolved sources; absent fields use PDD_MAPPING's defaults. */
  mapping?: FieldSources;
  /** PDD logistics_id → carrier code (ids come from pdd.logistics.companies.get, §11.6; none are documented). */
  carriers: Readonly<Record<string, string>>;
  /** Extra or replacement rows for the status table, keyed by platform status text. */
  statusOverrides?: Readonly<Record<string, OrderStatus>>;
  /** Who funds 团长免单 `capital_free_discount` (§2.4 lists it inside discount_amount; the funder is [U]). */
  capitalFreeDiscountFundedBy: 'seller' | 'platform';
}

export type NormalizeOutcome =
  | { kind: 'order'; order: OrderInput }
  | { kind: 'unknown-status'; platformOrderId: string; status: string }
  | { kind: 'rejected'; platformOrderId: string | null; message: string };

export function normalizePddOrder(value: unknown, rawText: string, shopId: string, options: PddNormalizeOptions): NormalizeOutcome {
  if (!isObject(value)) return { kind: 'rejected', platformOrderId: null, message: 'order is not a JSON object' };
  const r = new FieldReader(value);
  const platformOrderId = r.id('order_sn');
  const orderStatus = r.int('order_status');
  r.int('refund_status');
  const platformStatus = pddPlatformStatus(value);
  const lines = readLines(value, r, options);
  const amounts = readAmounts(r, lines, options);
  const createdAt = r.time('created_time', true);
  const platformModifiedAt = r.time('updated_at', true);
  const paidAt = r.time('pay_time', false);
  const shipByAt = r.time('last_ship_time', false);
  r.time('confirm_time', false);
  const shipments = orderStatus === 2 || orderStatus === 3 ? readShipments(value, r, options.carriers, platformModifiedAt) : [];
  if (r.problems.length > 0 || platformOrderId === null) return reject(platformOrderId, r.problems);
  const status = mapPddStatus(platformStatus, options.statusOverrides);
  if (status === null) return { kind: 'unknown-status', platformOrderId, status: platformStatus };
  const mapped = (field: MappableField) => firstValue(PDD_MAPPING, field, sourcesFor(PDD_MAPPING, field, options.mapping), value);
  const order: OrderInput = {
    channel: 'pinduoduo',
    shopId,
    platformOrderId,
    status,
    platformStatus,
    receiver: {
      // Encrypted or masked values are kept as given (§2.4: plaintext only while 待发货, newer docs encrypt).
      name: mapped('receiver.name'),
      phone: mapped('receiver.phone'),
      province: r.text('province'),
      city: r.text('city'),
      district: r.text('town'),
      address: mapped('receiver.address'),
    },
    amounts: amounts.amounts,
    createdAt,
    paidAt,
    shipByAt,
    platformModifiedAt,
    ...(amounts.mismatches.length > 0 ? { tags: amounts.mismatches.map((field) => `amount-check:${field}`) } : {}),
    buyerRemark: mapped('order.buyerRemark'),
    sellerRemark: mapped('order.sellerRemark'),
    lines,
    shipments,
    raw: { contentType: 'application/json', body: rawText },
  };
  const gate = orderInputSchema.safeParse(order);
  if (!gate.success) return reject(platformOrderId, gate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return { kind: 'order', order };
}

function reject(platformOrderId: string | null, problems: string[]): NormalizeOutcome {
  return { kind: 'rejected', platformOrderId, message: problems.join('; ') || 'order_sn is missing' };
}

function readLines(order: PddObject, r: FieldReader, options: PddNormalizeOptions): OrderLineInput[] {
  const skuSources = sourcesFor(PDD_MAPPING, 'line.platformSku', options.mapping, options.skuField);
  const titleSources = sourcesFor(PDD_MAPPING, 'line.title', options.mapping);
  const items = order.item_list;
  if (!Array.isArray(items) || items.length === 0) {
    r.problems.push('item_list is missing or empty');
    return [];
  }
  return items.map((item, i) => {
    if (!isObject(item)) {
      r.problems.push(`item_list[${i}] is not an object`);
      return { platformSku: '', title: '', quantity: 1, unitPriceFen: 0, amountFen: 0 };
    }
    const line = new FieldReader(item, `item_list[${i}].`);
    const quantity = line.int('goods_count') ?? 1;
    if (quantity <= 0) line.problems.push(`item_list[${i}].goods_count ${quantity} is not positive`);
    const unitPriceFen = line.fen('goods_price', true);
    const platformSku = firstValue(PDD_MAPPING, 'line.platformSku', skuSources, item);
    if (platformSku === '') line.problems.push(`item_list[${i}] has no ${orList(skuSources)}`);
    r.problems.push(...line.problems);
    const platformItemId = idText(item.goods_id) ?? undefined;
    return { platformItemId, platformSku, title: firstValue(PDD_MAPPING, 'line.title', titleSources, item), quantity, unitPriceFen, amountFen: unitPriceFen * quantity };
  });
}

/** Amounts and the §2.4 formulas, checked in fen. A mismatch is recorded as a tag, never a rejection. */
function readAmounts(r: FieldReader, lines: OrderLineInput[], options: PddNormalizeOptions) {
  const goods = r.fen('goods_amount', true);
  const discount = r.fen('discount_amount', false);
  const platformDiscount = r.fen('platform_discount', false);
  const sellerDiscount = r.fen('seller_discount', false);
  const capitalFree = r.fen('capital_free_discount', false);
  const postage = r.fen('postage', false);
  const paid = r.fen('pay_amount', true);
  const priceChange = r.fen('order_change_amount', false);
  const mismatches: string[] = [];
  // goods_amount = 商品销售价格 × 数量 − 改价金额 (§2.4); 改价金额 is `order_change_amount` in the doc capture.
  if (lines.reduce((s, l) => s + l.amountFen, 0) - priceChange !== goods) mismatches.push('goods_amount');
  // discount_amount = 平台优惠 + 商家优惠 + 团长免单优惠 (§2.4)
  if (platformDiscount + sellerDiscount + capitalFree !== discount) mismatches.push('discount_amount');
  // pay_amount = 商品金额 − 折扣金额 + 邮费 (§2.4)
  if (goods - discount + postage !== paid) mismatches.push('pay_amount');
  const bySeller = options.capitalFreeDiscountFundedBy === 'seller';
  return {
    amounts: {
      goodsFen: goods,
      platformDiscountFen: platformDiscount + (bySeller ? 0 : capitalFree),
      sellerDiscountFen: sellerDiscount + (bySeller ? capitalFree : 0),
      shippingFen: postage,
      paidFen: paid,
      platformFeeFen: 0, // the order APIs document no platform fee (§2.4); fees come from bills (§13.3)
    },
    mismatches,
  };
}

/** The main parcel (`tracking_number` + `logistics_id`) and any `extra_delivery_list` parcels (doc capture). */
function readShipments(order: PddObject, r: FieldReader, carriers: Readonly<Record<string, string>>, modifiedAt: number): ShipmentInput[] {
  // shipping_time is "" until shipped; a shipped order without one takes its update time.
  const shippedAt = r.time('shipping_time', false) ?? modifiedAt;
  const parcels: unknown[] = [{ tracking_number: order.tracking_number, logistics_id: order.logistics_id }];
  if (Array.isArray(order.extra_delivery_list)) parcels.push(...order.extra_delivery_list);
  const out: ShipmentInput[] = [];
  for (const parcel of parcels) {
    if (!isObject(parcel)) continue;
    const waybillNo = idText(parcel.tracking_number);
    if (waybillNo === null || out.some((s) => s.waybillNo === waybillNo)) continue;
    const logisticsId = idText(parcel.logistics_id) ?? '0';
    out.push({ carrier: carriers[logisticsId] ?? `PDD-${logisticsId}`, waybillNo, shippedAt });
  }
  return out;
}
