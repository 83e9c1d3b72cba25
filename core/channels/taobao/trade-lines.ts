/**
 * Taobao sub-orders (`orders.order[]`, protocols.md §1.6/§1.9) → order lines, and their parcel
 * fields → shipments. Parcel fields are the TOP Order struct's `logistics_company` (carrier name),
 * `invoice_no` (waybill) and `consign_time`; absent until shipped.
 */
import type { OrderLineInput, ShipmentInput } from '../../contract/orders.js';
import { carrierFromText } from '../../orders/import/vocab.js';
import { parseBeijing } from './beijing-time.js';
import type { FieldSources } from '../../contract/mapping.js';
import { firstValue, orList, sourcesFor } from '../mapping/spec.js';
import { type Json, idText, moneyFen, optionalText, positiveInt, TAOBAO_MAPPING, TradeRejection } from './trade-fields.js';

/** Which Order field is our platform SKU (the legacy per-shop `skuField`; field mapping supersedes it). */
export type SkuField = 'outer_sku_id' | 'sku_id' | 'num_iid';
/** Default preference: the merchant's own code, then Taobao's SKU id, then the item id (items without SKUs). */
export const SKU_FALLBACK: readonly SkuField[] = ['outer_sku_id', 'sku_id', 'num_iid'];

/** The configured sources of the line fields (core/channels/mapping), and the legacy SKU field. */
export interface LineMapping {
  mapping?: FieldSources;
  skuField?: string;
}

export function tradeLines(orders: readonly Json[], how: LineMapping): OrderLineInput[] {
  if (orders.length === 0) throw new TradeRejection('the trade has no sub-orders (request `orders` in fields)');
  const skuSources = sourcesFor(TAOBAO_MAPPING, 'line.platformSku', how.mapping, how.skuField);
  const titleSources = sourcesFor(TAOBAO_MAPPING, 'line.title', how.mapping);
  return orders.map((o, i) => {
    const platformSku = firstValue(TAOBAO_MAPPING, 'line.platformSku', skuSources, o);
    if (!platformSku) throw new TradeRejection(`orders[${i}] has no ${orList(skuSources)}`);
    const quantity = positiveInt(o.num, `orders[${i}].num`);
    const unitPriceFen = moneyFen(o.price, `orders[${i}].price`);
    const line: OrderLineInput = {
      platformSku,
      title: firstValue(TAOBAO_MAPPING, 'line.title', titleSources, o),
      quantity,
      unitPriceFen,
      // §1.9: order total_fee = price*num + adjust_fee - discount_fee.
      amountFen: o.total_fee === undefined ? unitPriceFen * quantity : moneyFen(o.total_fee, `orders[${i}].total_fee`),
    };
    const itemId = idText(o.num_iid);
    if (itemId) line.platformItemId = itemId;
    return line;
  });
}

/** One shipment per (carrier, waybill); lineNos only when the parcel does not carry the whole order. */
export function tradeShipments(trade: Json, orders: readonly Json[]): ShipmentInput[] {
  const parcels = new Map<string, ShipmentInput & { lineNos: number[] }>();
  const tradeConsign = parseBeijing(trade.consign_time);
  orders.forEach((o, i) => {
    const waybillNo = optionalText(o.invoice_no)?.trim();
    const company = optionalText(o.logistics_company)?.trim();
    if (!waybillNo || !company) return;
    const shippedAt = parseBeijing(o.consign_time) ?? tradeConsign;
    if (shippedAt === null) return;
    const carrier = carrierFromText(company).code.slice(0, 32);
    const key = `${carrier}\u0000${waybillNo}`;
    const parcel = parcels.get(key) ?? { carrier, waybillNo, shippedAt, lineNos: [] };
    parcel.lineNos.push(i + 1);
    parcel.shippedAt = Math.min(parcel.shippedAt, shippedAt);
    parcels.set(key, parcel);
  });
  return [...parcels.values()].map((p) => (p.lineNos.length === orders.length ? { carrier: p.carrier, waybillNo: p.waybillNo, shippedAt: p.shippedAt } : p));
}
