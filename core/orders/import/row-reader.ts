import type { Channel, ImportRowError, OrderStatus } from '../../contract/orders.js';
import type { HeaderMatch, ImportField } from './layout.js';
import { parseQuantity, yuanToFen, type Parsed } from './money.js';
import { parseShanghaiTime } from './shanghai-time.js';
import type { TableRecord } from './table.js';
import { carrierFromText, channelFromText, statusFromText } from './vocab.js';

/** Order-level values one row states; a later row of the same order may repeat, not contradict, them. */
export interface OrderValues {
  channel: Channel;
  shop_id: string;
  status: { unified: OrderStatus; text: string };
  buyer_nick: string;
  receiver_name: string;
  receiver_phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  created_at: number;
  paid_at: number;
  ship_by_at: number;
  modified_at: number;
  goods_amount: number;
  platform_discount: number;
  seller_discount: number;
  shipping: number;
  paid_amount: number;
  platform_fee: number;
  seller_remark: string;
  buyer_remark: string;
  tags: string[];
}

export interface LineValues {
  platformItemId?: string;
  platformSku: string;
  standardSku: string | null;
  title: string;
  quantity: number;
  unitPriceFen: number;
}

export interface ParcelValues {
  carrier: string;
  waybillNo: string;
  shippedAt: number;
}

export interface ParsedRow {
  row: number;
  orderId: string | null;
  order: Partial<OrderValues>;
  line: LineValues | null;
  parcel: ParcelValues | null;
  errors: ImportRowError[];
  warnings: ImportRowError[];
  /** The row as written, keyed by header, for the order's raw payload. */
  raw: Record<string, string>;
}

// Platform ids are digits, letters and dashes (Taobao tid, PDD 231128-…, POS-SH01-…).
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// What a long number turns into after Excel opened and re-saved a CSV: the digits are gone.
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/i;
const WAYBILL = /^[A-Za-z0-9-]{4,40}$/;

export function readRow(record: TableRecord, header: HeaderMatch, headerCells: readonly string[]): ParsedRow {
  const parsed: ParsedRow = { row: record.row, orderId: null, order: {}, line: null, parcel: null, errors: [], warnings: [], raw: rawRow(record, headerCells) };
  const fail = (field: ImportField, message: string): void => {
    parsed.errors.push({ row: record.row, field, message: `${header.labels.get(field) ?? field}: ${message}` });
  };
  // Cells whose stored value was unfaithful (an Excel number beyond 2^53, an #N/A) are reported
  // once here and then read as absent, so no second "is required" error piles onto them.
  const unreadable = new Set<ImportField>();
  const cells = new Map<ImportField, string>();
  for (const [field, col] of header.columns) {
    const problem = record.cellProblems?.get(col);
    if (problem) {
      unreadable.add(field);
      fail(field, problem);
    } else {
      cells.set(field, unguard(record.cells[col] ?? ''));
    }
  }
  const cell = (field: ImportField): string => cells.get(field) ?? '';
  const typed = <T>(field: ImportField, parse: (text: string) => Parsed<T>): T | undefined => {
    const text = cell(field);
    if (text === '') return undefined;
    const result = parse(text);
    if (result.ok) return result.value;
    fail(field, result.reason);
    return undefined;
  };
  const money = (field: ImportField): number | undefined => typed(field, (t) => yuanToFen(t));
  const time = (field: ImportField): number | undefined => typed(field, parseShanghaiTime);
  const text = (field: ImportField): string | undefined => cell(field) || undefined;
  const requireCell = (field: ImportField, message: string): void => {
    if (cell(field) === '' && !unreadable.has(field)) fail(field, message);
  };

  parsed.orderId = typed('platform_order_id', (t) => checkId(t, ORDER_ID)) ?? null;
  requireCell('platform_order_id', 'is required');
  parsed.order = {
    channel: typed('channel', (t) => fromVocab(channelFromText(t), t, 'is not a known channel')),
    shop_id: text('shop_id'),
    status: typed('status', (t) => {
      const unified = statusFromText(t);
      return unified ? { ok: true, value: { unified, text: t } } : { ok: false, reason: `"${t}" is not a known order status` };
    }),
    buyer_nick: text('buyer_nick'),
    receiver_name: text('receiver_name'),
    receiver_phone: text('receiver_phone'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    address: text('address'),
    created_at: time('created_at'),
    paid_at: time('paid_at'),
    ship_by_at: time('ship_by_at'),
    modified_at: time('modified_at'),
    goods_amount: money('goods_amount'),
    platform_discount: money('platform_discount'),
    seller_discount: money('seller_discount'),
    shipping: money('shipping'),
    paid_amount: money('paid_amount'),
    platform_fee: money('platform_fee'),
    seller_remark: text('seller_remark'),
    buyer_remark: text('buyer_remark'),
    tags: typed('tags', (t) => ({ ok: true, value: splitTags(t) })),
  };

  const lineFields: ImportField[] = ['platform_item_id', 'platform_sku', 'standard_sku', 'title', 'quantity', 'unit_price'];
  if (lineFields.some((f) => cell(f) !== '' || unreadable.has(f))) {
    const quantity = typed('quantity', parseQuantity);
    const unitPriceFen = money('unit_price');
    const standardSku = text('standard_sku') ?? null;
    const platformSku = text('platform_sku') ?? standardSku;
    requireCell('quantity', 'is required on every line');
    requireCell('unit_price', 'is required on every line');
    if (!platformSku && !unreadable.has('platform_sku')) fail('platform_sku', '商品编码 or 标准SKU is required on every line');
    if (quantity !== undefined && unitPriceFen !== undefined && platformSku) {
      const itemId = text('platform_item_id');
      parsed.line = { ...(itemId ? { platformItemId: itemId } : {}), platformSku, standardSku, title: text('title') ?? platformSku, quantity, unitPriceFen };
    }
  }

  const parcelFields: ImportField[] = ['carrier', 'waybill_no', 'shipped_at'];
  if (parcelFields.some((f) => cell(f) !== '' || unreadable.has(f))) {
    const waybillNo = typed('waybill_no', (t) => checkId(t, WAYBILL));
    const shippedAt = time('shipped_at');
    const carrierText = cell('carrier');
    requireCell('waybill_no', 'is required when a parcel is given');
    requireCell('shipped_at', 'is required with a waybill');
    requireCell('carrier', 'is required with a waybill');
    const carrier = carrierFromText(carrierText);
    if (carrierText !== '' && !carrier.known) {
      parsed.warnings.push({ row: record.row, field: 'carrier', message: `${header.labels.get('carrier')}: "${carrierText}" is not a known carrier; kept as written` });
    }
    if (waybillNo && shippedAt !== undefined && carrierText !== '') parsed.parcel = { carrier: carrier.code, waybillNo, shippedAt };
  }
  return parsed;
}

function checkId(text: string, pattern: RegExp): Parsed<string> {
  if (SCIENTIFIC.test(text)) return { ok: false, reason: `"${text}" is in scientific notation: Excel has already dropped digits; format the column as Text` };
  if (!pattern.test(text)) return { ok: false, reason: `"${text}" contains characters that are not allowed` };
  return { ok: true, value: text };
}

function fromVocab<T>(value: T | null, text: string, reason: string): Parsed<T> {
  return value === null ? { ok: false, reason: `"${text}" ${reason}` } : { ok: true, value };
}

function splitTags(text: string): string[] {
  return [...new Set(text.split(/[;；,，、]/).map((t) => t.trim()).filter((t) => t !== ''))];
}

/**
 * Undo the guards spreadsheet users (and our own exporter) put around values: surrounding
 * whitespace and tabs (Alipay/WeChat bills end ids with a TAB so Excel keeps them as text),
 * Excel's ="…" text formula, and the apostrophe that neutralises a leading = + - @.
 */
export function unguard(value: string): string {
  let text = value.trim();
  const formulaText = /^="(.*)"$/s.exec(text);
  if (formulaText) text = formulaText[1]!;
  if (/^'[=+\-@\t\r]/.test(text)) text = text.slice(1);
  return text;
}

function rawRow(record: TableRecord, headerCells: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  record.cells.forEach((value, i) => {
    if (value === '') return;
    const name = headerCells[i]?.trim() || `column ${i + 1}`;
    raw[name in raw ? `${name} (${i + 1})` : name] = value;
  });
  return raw;
}
