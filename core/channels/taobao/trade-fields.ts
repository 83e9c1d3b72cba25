/**
 * Small readers for Trade / Order JSON (protocols.md §1.6, §1.9) as parsed by parseJsonLossless:
 * ids may be numbers (safe) or strings (19 digits, kept exact), money is yuan text, lists are
 * wrapped in an object named after the element (`orders: { order: [...] }`) unless simplified.
 */
import { yuanToFen } from '../../kernel/money.js';
import type { ChannelMappingSpec, SourceSpec } from '../mapping/spec.js';

export type Json = Record<string, unknown>;

/** A trade that cannot become an order; the message says which field and why. */
export class TradeRejection extends Error {}

export function asRecord(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** §1.6: non-simplified JSON wraps lists (`{"trades":{"trade":[…]}}`); simplified JSON does not. */
export function listOf(value: unknown, element: string): unknown[] {
  if (Array.isArray(value)) return value;
  const inner = asRecord(value)?.[element];
  return Array.isArray(inner) ? inner : [];
}

/** An id as exact decimal text: a string of digits, or a JSON number small enough to be exact. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return null;
}

export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * §1.9: money is yuan text with 2 decimals ("200.07"); converted exactly by string arithmetic
 * (kernel yuanToFen), never through a float. A JSON number is accepted through its shortest decimal
 * text (what a 2-decimal number prints as), so 200.07 → "200.07" → 20007.
 */
export function moneyFen(value: unknown, field: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') throw new TradeRejection(`${field} is missing or not a yuan amount`);
  try {
    return yuanToFen(text);
  } catch {
    throw new TradeRejection(`${field} is not a yuan amount with at most 2 decimals: ${JSON.stringify(text)}`);
  }
}

export function optionalMoneyFen(value: unknown, field: string): number {
  return value === undefined || value === null || value === '' ? 0 : moneyFen(value, field);
}

export function positiveInt(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new TradeRejection(`${field} is not a positive integer: ${JSON.stringify(value)}`);
  return n;
}

const text = (o: Json, field: string): string => optionalText(o[field]) ?? '';
const trimmed = (o: Json, field: string): string => text(o, field).trim();
const id = (o: Json, field: string): string => idText(o[field]) ?? trimmed(o, field);
const source = (name: string, note: string, read: (o: Json) => string): SourceSpec => ({ name, keys: [name], note, read });

/**
 * What field mapping may choose from on a Taobao trade (core/channels/mapping). Line sources are
 * fields of the TOP Order struct (`orders.order[]`, all returned when `orders` is in `fields`);
 * trade sources are limited to what TRADE_FIELDS requests (protocol.ts), since TOP returns only
 * the fields asked for (§1.4). The defaults are the connector's behaviour before mapping existed.
 */
export const TAOBAO_MAPPING: ChannelMappingSpec = {
  'line.platformSku': {
    scope: 'line',
    path: 'orders.order[]',
    optional: false,
    sources: [
      source('outer_sku_id', '商家 SKU 外部编码 (§1.6)', (o) => trimmed(o, 'outer_sku_id')),
      source('sku_id', '淘宝 SKU id (TOP Order)', (o) => id(o, 'sku_id')),
      source('num_iid', '商品数字 id (§1.6)', (o) => id(o, 'num_iid')),
      source('outer_iid', '商家商品外部编码 (TOP Order)', (o) => trimmed(o, 'outer_iid')),
    ],
    defaults: ['outer_sku_id', 'sku_id', 'num_iid'],
  },
  'line.title': {
    scope: 'line',
    path: 'orders.order[]',
    optional: false,
    sources: [source('title', '商品标题 (TOP Order)', (o) => text(o, 'title')), source('sku_properties_name', 'SKU 属性，如「颜色分类:红色」(TOP Order)', (o) => text(o, 'sku_properties_name'))],
    defaults: ['title'],
  },
  'order.buyerRemark': { scope: 'order', path: 'trade', optional: true, sources: [source('buyer_message', '买家留言 (TOP Trade)', (o) => text(o, 'buyer_message'))], defaults: ['buyer_message'] },
  'order.sellerRemark': { scope: 'order', path: 'trade', optional: true, sources: [source('seller_memo', '卖家备注 (TOP Trade)', (o) => text(o, 'seller_memo'))], defaults: ['seller_memo'] },
  'receiver.name': { scope: 'order', path: 'trade', optional: false, sources: [source('receiver_name', '收货人 (TOP Trade)', (o) => trimmed(o, 'receiver_name'))], defaults: ['receiver_name'] },
  'receiver.phone': {
    scope: 'order',
    path: 'trade',
    optional: false,
    sources: [source('receiver_mobile', '收货人手机 (TOP Trade)', (o) => trimmed(o, 'receiver_mobile')), source('receiver_phone', '收货人电话（座机）(TOP Trade)', (o) => trimmed(o, 'receiver_phone'))],
    defaults: ['receiver_mobile', 'receiver_phone'],
  },
  'receiver.address': { scope: 'order', path: 'trade', optional: false, sources: [source('receiver_address', '收货详细地址 (TOP Trade)', (o) => trimmed(o, 'receiver_address'))], defaults: ['receiver_address'] },
};
