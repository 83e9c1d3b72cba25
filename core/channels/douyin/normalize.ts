/**
 * A Douyin ShopOrder (§3.6 / §3.7) → the unified OrderInput.
 *
 * Money (all int fen already, §0):
 *   goodsFen            = Σ 商品单 sum_amount (price × qty), else origin_amount × item_num
 *   sellerDiscountFen   = shop_cost_amount (商家承担), else promotion_shop_amount
 *   platformDiscountFen = platform_cost_amount (平台 + 达人承担), else promotion_platform_amount +
 *                         promotion_talent_amount; plus promotion_pay_amount (支付渠道优惠, not the shop's)
 *   shippingFen         = post_amount; paidFen = pay_amount; platformFeeFen = 0 (commission is not in
 *                         searchList, §3.8 — it arrives with the settlement bills, §13.1)
 * The "who bears it" cost fields win over the "whose coupon" promotion fields because a platform
 * coupon may be co-funded by the shop, and reconciliation needs the shop's real cost.
 */
import type { FieldSources, MappableField } from '../../contract/mapping.js';
import type { OrderInput, OrderLineInput, OrderStatus, Receiver, ShipmentInput } from '../../contract/orders.js';
import { carrierFromText } from '../../orders/import/vocab.js';
import { firstValue, orList, sourcesFor } from '../mapping/spec.js';
import { clipText, DOUYIN_MAPPING, FieldError, fenOf, firstFitting, idOf, isObject, type Json, regionName, requiredSecondsOf, secondsOf, textOf } from './fields.js';
import { lineAfterSale, overlayAfterSale } from './status.js';

export type SkuField = 'out_sku_id' | 'sku_id' | 'code';

export interface NormalizeOptions {
  shopId: string;
  /** The shop's own Douyin shop_id: an order of another shop is rejected, not ingested. */
  platformShopId?: string;
  /** Legacy per-shop SKU field, tried before the defaults (out_sku_id → sku_id → product_id); a `mapping` supersedes it. */
  skuField?: SkuField;
  /** Field mapping (core/channels/mapping): the shop's resolved sources; absent fields use DOUYIN_MAPPING's defaults. */
  mapping?: FieldSources;
  statusTable: Readonly<Record<string, OrderStatus>>;
  /** Douyin logistics company code (§11.9) → carrier vocabulary ([U]: codes are not in protocols.md). */
  carrierCodes: Readonly<Record<string, string>>;
  afterSaleOverlay: boolean;
}

export type NormalizeResult =
  | { kind: 'order'; order: OrderInput }
  | { kind: 'unknown-status'; platformOrderId: string; status: string }
  | { kind: 'rejected'; platformOrderId: string | null; message: string };

export function normalizeShopOrder(o: unknown, rawText: string, options: NormalizeOptions): NormalizeResult {
  const id = isObject(o) ? idOf(o.order_id) : null;
  if (!isObject(o) || id === null) return { kind: 'rejected', platformOrderId: null, message: 'order_id is missing or not a digit string' };
  const statusCode = textOf(o.order_status);
  const base = options.statusTable[statusCode];
  if (!base) return { kind: 'unknown-status', platformOrderId: id, status: statusCode || '(missing)' };
  try {
    return { kind: 'order', order: toOrderInput(o, id, base, rawText, options) };
  } catch (err) {
    if (err instanceof FieldError) return { kind: 'rejected', platformOrderId: id, message: err.message };
    throw err;
  }
}

function toOrderInput(o: Json, id: string, base: OrderStatus, rawText: string, options: NormalizeOptions): OrderInput {
  const shopOfOrder = idOf(o.shop_id);
  if (options.platformShopId && shopOfOrder && shopOfOrder !== options.platformShopId) {
    throw new FieldError(`shop_id ${shopOfOrder} is not this shop (${options.platformShopId})`);
  }
  const skus = Array.isArray(o.sku_order_list) ? o.sku_order_list : [];
  if (skus.length === 0) throw new FieldError('sku_order_list is empty');
  const lineSources = { sku: sourcesFor(DOUYIN_MAPPING, 'line.platformSku', options.mapping, options.skuField), title: sourcesFor(DOUYIN_MAPPING, 'line.title', options.mapping) };
  const lines = skus.map((s, i) => toLine(s, i, lineSources));
  const mapped = (field: MappableField, max: number) => clipText(firstValue(DOUYIN_MAPPING, field, sourcesFor(DOUYIN_MAPPING, field, options.mapping), o), max);
  const after = options.afterSaleOverlay
    ? overlayAfterSale(base, skus.map((s) => lineAfterSale(isObject(s) && isObject(s.after_sale_info) ? s.after_sale_info : undefined)))
    : { status: base, partialRefund: false };
  const platformCost = o.platform_cost_amount ?? null;
  const platformDiscountFen =
    (platformCost !== null ? fenOf(o, 'platform_cost_amount') : fenOf(o, 'promotion_platform_amount') + fenOf(o, 'promotion_talent_amount')) +
    fenOf(o, 'promotion_pay_amount');
  const sellerDiscountFen = o.shop_cost_amount !== undefined && o.shop_cost_amount !== null ? fenOf(o, 'shop_cost_amount') : fenOf(o, 'promotion_shop_amount');
  const desc = textOf(o.order_status_desc);
  return {
    channel: 'douyin',
    shopId: options.shopId,
    platformOrderId: id,
    status: after.status,
    platformStatus: clipText(desc ? `${textOf(o.order_status)} ${desc}` : textOf(o.order_status), 64),
    receiver: toReceiver(o, options.mapping),
    amounts: {
      goodsFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
      platformDiscountFen,
      sellerDiscountFen,
      shippingFen: fenOf(o, 'post_amount'),
      paidFen: fenOf(o, 'pay_amount', null),
      platformFeeFen: 0,
    },
    createdAt: requiredSecondsOf(o, 'create_time'),
    paidAt: secondsOf(o, 'pay_time'),
    shipByAt: secondsOf(o, 'exp_ship_time'),
    platformModifiedAt: requiredSecondsOf(o, 'update_time'),
    tags: tagsOf(skus, after.partialRefund),
    buyerRemark: mapped('order.buyerRemark', 2000),
    sellerRemark: mapped('order.sellerRemark', 2000),
    lines,
    shipments: toShipments(o, skus, options.carrierCodes),
    raw: { contentType: 'application/json', body: rawText },
  };
}

const fitsSku = (c: string) => c !== '' && c.length <= 128;

function toLine(s: unknown, index: number, sources: { sku: readonly string[]; title: readonly string[] }): OrderLineInput {
  if (!isObject(s)) throw new FieldError(`sku_order_list[${index}] is not an object`);
  const quantity = s.item_num;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) throw new FieldError(`sku_order_list[${index}].item_num is not a positive integer`);
  const productId = idOf(s.product_id_str) ?? idOf(s.product_id);
  const platformSku = firstValue(DOUYIN_MAPPING, 'line.platformSku', sources.sku, s, fitsSku);
  if (!platformSku) throw new FieldError(`sku_order_list[${index}] has no ${orList(sources.sku)}`);
  const unitPriceFen = fenOf(s, 'origin_amount', null);
  const amountFen = s.sum_amount !== undefined && s.sum_amount !== null ? fenOf(s, 'sum_amount') : unitPriceFen * quantity;
  return { platformItemId: productId ?? undefined, platformSku, title: clipText(firstValue(DOUYIN_MAPPING, 'line.title', sources.title, s), 512), quantity, unitPriceFen, amountFen };
}

/** By default post_* (plain) first, then mask_post_* (§3.6); encrypt_* ciphertext is only kept in raw. */
function toReceiver(o: Json, mapping: FieldSources | undefined): Receiver {
  // The region parts follow the chosen address object(s), so province, city and street agree.
  const addrs = sourcesFor(DOUYIN_MAPPING, 'receiver.address', mapping).map((key) => o[key]).filter(isObject);
  const pick = (read: (a: Json) => string, max: number) => firstFitting(addrs.map(read), max);
  const person = (field: MappableField, max: number) => firstValue(DOUYIN_MAPPING, field, sourcesFor(DOUYIN_MAPPING, field, mapping), o, (v) => firstFitting([v], max) !== '');
  return {
    name: person('receiver.name', 128),
    phone: person('receiver.phone', 32),
    province: pick((a) => regionName(a.province), 64),
    city: pick((a) => regionName(a.city), 64),
    district: pick((a) => regionName(a.town), 64),
    address: clipText(pick((a) => regionName(a.street), 64) + pick((a) => textOf(a.detail), 512), 512),
  };
}

/** §3.6 logistics_info[]: product_info[].sku_order_id names the 商品单 a parcel carries. */
function toShipments(o: Json, skus: unknown[], carrierCodes: Readonly<Record<string, string>>): ShipmentInput[] {
  const infos = Array.isArray(o.logistics_info) ? o.logistics_info.filter(isObject) : [];
  const lineNoOf = new Map(skus.map((s, i) => [isObject(s) ? (idOf(s.order_id) ?? '') : '', i + 1]));
  const out: ShipmentInput[] = [];
  for (const info of infos) {
    const waybillNo = textOf(info.tracking_no).trim();
    if (!waybillNo) continue;
    const products = Array.isArray(info.product_info) ? info.product_info.filter(isObject) : [];
    const lineNos = [...new Set(products.map((p) => lineNoOf.get(idOf(p.sku_order_id) ?? '')).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
    const whole = lineNos.length === 0 || lineNos.length === skus.length;
    const shippedAt = secondsOf(info, 'ship_time') ?? secondsOf(o, 'ship_time') ?? 0;
    out.push({ carrier: carrierOf(info, carrierCodes), waybillNo: clipText(waybillNo, 64), shippedAt, ...(whole ? {} : { lineNos }) });
  }
  return out;
}

function carrierOf(info: Json, carrierCodes: Readonly<Record<string, string>>): string {
  const code = textOf(info.company).trim();
  const mapped = carrierCodes[code.toLowerCase()];
  if (mapped) return mapped;
  const byName = carrierFromText(textOf(info.company_name));
  if (byName.known) return byName.code;
  return clipText(code || textOf(info.company_name).trim() || 'UNKNOWN', 32);
}

/** §3.6 author_id/author_name (直播主播/达人) and c_biz 2 精选联盟 become tags; the rest stays in raw. */
function tagsOf(skus: unknown[], partialRefund: boolean): string[] {
  const tags = new Set<string>();
  for (const s of skus) {
    if (!isObject(s)) continue;
    const name = textOf(s.author_name).trim();
    const authorId = idOf(s.author_id);
    if (name) tags.add(clipText(`达人:${name}`, 32));
    else if (authorId) tags.add(clipText(`达人ID:${authorId}`, 32));
    if (Number(s.c_biz) === 2) tags.add('精选联盟');
  }
  if (partialRefund) tags.add('部分退款');
  return [...tags].slice(0, 20);
}
