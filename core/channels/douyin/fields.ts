/**
 * Field readers for Douyin orders parsed by parseJsonLossless: ids may arrive as strings, safe
 * numbers or (beyond 2^53) strings made from bare literals; money is integer fen (§0, §3.6);
 * times are unix seconds (§3.6). A reader throws `FieldError` naming the field, which turns the
 * order into a `rejected` entry.
 */
import type { ChannelMappingSpec, SourceSpec } from '../mapping/spec.js';

export class FieldError extends Error {}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A platform id as a string of digits, or null when absent/empty/zero. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^\d+$/.test(v) && !/^0+$/.test(v)) return v;
  return null;
}

/** A text field, '' when absent; numbers are kept as their decimal text. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function integerOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return null;
}

/** Integer fen (§0: Douyin amounts are int fen). Absent → `fallback`; a fraction or text → FieldError. */
export function fenOf(o: Json, field: string, fallback: number | null = 0): number {
  const v = o[field];
  if (v === undefined || v === null) {
    if (fallback === null) throw new FieldError(`${field} is missing`);
    return fallback;
  }
  const n = integerOf(v);
  if (n === null) throw new FieldError(`${field} is not an integer amount in fen: ${JSON.stringify(v)}`);
  return n;
}

/** Unix seconds → epoch ms; 0/absent → null (Douyin sends 0 for "not yet"). */
export function secondsOf(o: Json, field: string): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === 0 || v === '0' || v === '') return null;
  const n = integerOf(v);
  if (n === null || n < 0) throw new FieldError(`${field} is not unix seconds: ${JSON.stringify(v)}`);
  return n * 1000;
}

export function requiredSecondsOf(o: Json, field: string): number {
  const ms = secondsOf(o, field);
  if (ms === null) throw new FieldError(`${field} is missing`);
  return ms;
}

/** `{name, id}` region objects of post_addr (§3.6), or a plain string. */
export function regionName(v: unknown): string {
  if (isObject(v)) return textOf(v.name);
  return textOf(v);
}

/**
 * Douyin ciphertext of receiver fields (encrypt_*, and post_* on encrypted shops) starts with a
 * marker character (`#` name/address, `$` phone, `~` id — [U], not in protocols.md; the fixture's
 * doudian_open_id shows the `#` form). Such a value is useless to people, so a masked one wins.
 */
export function looksEncrypted(value: string): boolean {
  return value.length >= 16 && /^[#$~]/.test(value);
}

/** The first non-empty, readable candidate that fits `max` characters (a masked value beats a cipher). */
export function firstFitting(candidates: readonly string[], max: number): string {
  for (const c of candidates) if (c !== '' && c.length <= max && !looksEncrypted(c)) return c;
  return '';
}

export function clipText(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

const trimmedText = (name: string) => (o: Json) => textOf(o[name]).trim();
const src = (name: string, note: string, read: (o: Json) => string, keys: readonly string[] = [name]): SourceSpec => ({ name, keys, note, read });
/** `post_addr`-shaped object → street + detail (the region parts are read beside it, normalize.ts). */
const addressText = (name: string) => (o: Json) => (isObject(o[name]) ? regionName((o[name] as Json).street) + textOf((o[name] as Json).detail) : '');

/**
 * What field mapping may choose from on a Douyin ShopOrder (§3.6, §3.7). `product_id` reads
 * `product_id_str` first (the exact text of a > 2^53 id) and falls back to the number. Receiver
 * fields: plain `post_*` first, then `mask_post_*`; ciphertext (`encrypt_*`, or `post_*` on
 * encrypted shops) is never shown (looksEncrypted). The defaults are the connector's behaviour
 * before mapping existed.
 */
export const DOUYIN_MAPPING: ChannelMappingSpec = {
  'line.platformSku': {
    scope: 'line',
    path: 'sku_order_list[]',
    optional: false,
    sources: [
      src('out_sku_id', '商家 SKU 外部编码 (§3.6)', trimmedText('out_sku_id')),
      src('code', '商家编码 (§3.6)', trimmedText('code')),
      src('sku_id', '抖店 SKU id (§3.6)', (o) => idOf(o.sku_id) ?? ''),
      src('product_id', '抖店商品 id (§3.6; product_id_str when present)', (o) => idOf(o.product_id_str) ?? idOf(o.product_id) ?? '', ['product_id_str', 'product_id']),
      src('out_product_id', '商家商品外部编码 (§3.6)', trimmedText('out_product_id')),
    ],
    defaults: ['out_sku_id', 'sku_id', 'product_id'],
  },
  'line.title': {
    scope: 'line',
    path: 'sku_order_list[]',
    optional: false,
    sources: [
      src('product_name', '商品名称 (§3.6)', (o) => textOf(o.product_name)),
      src('spec', '规格 spec[{name,value}] (§3.6)', (o) => (Array.isArray(o.spec) ? o.spec.filter(isObject).map((p) => `${textOf(p.name)}:${textOf(p.value)}`).join(' ') : '')),
    ],
    defaults: ['product_name'],
  },
  'order.buyerRemark': { scope: 'order', path: 'shop_order', optional: true, sources: [src('buyer_words', '买家留言 (§3.6)', (o) => textOf(o.buyer_words))], defaults: ['buyer_words'] },
  'order.sellerRemark': { scope: 'order', path: 'shop_order', optional: true, sources: [src('seller_words', '商家备注 (§3.6)', (o) => textOf(o.seller_words))], defaults: ['seller_words'] },
  'receiver.name': {
    scope: 'order',
    path: 'shop_order',
    optional: false,
    sources: [src('post_receiver', '收件人 (§3.6)', (o) => textOf(o.post_receiver)), src('mask_post_receiver', '收件人（打码）(§3.6)', (o) => textOf(o.mask_post_receiver))],
    defaults: ['post_receiver', 'mask_post_receiver'],
  },
  'receiver.phone': {
    scope: 'order',
    path: 'shop_order',
    optional: false,
    sources: [src('post_tel', '收件人电话 (§3.6)', (o) => textOf(o.post_tel)), src('mask_post_tel', '收件人电话（打码）(§3.6)', (o) => textOf(o.mask_post_tel))],
    defaults: ['post_tel', 'mask_post_tel'],
  },
  'receiver.address': {
    scope: 'order',
    path: 'shop_order',
    optional: false,
    sources: [src('post_addr', '收货地址 {province,city,town,street,detail} (§3.6)', addressText('post_addr')), src('mask_post_addr', '收货地址（打码）(§3.6)', addressText('mask_post_addr'))],
    defaults: ['post_addr', 'mask_post_addr'],
  },
};
