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
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// What a long number turns into after Excel opened and re-saved a CSV: the digits are gone.
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/i;
const WAYBILL = /^[A-Za-z0-9-]{4,}$/;

export function readRow(record: TableRecord, header: HeaderMatch, headerCells: readonly string[]): ParsedRow {
  const parsed: ParsedRow = { row: record.row, orderId: null, order: {}, line: null, parcel: null, errors: [], warnings: [], raw: rawRow(record, headerCells) };
  const cells = new RowCells(record, header, parsed);
  parsed.orderId = cells.typed('platform_order_id', (t) => checkId(t, ORDER_ID, 64)) ?? null;
  cells.require('platform_order_id', 'is required');
  parsed.order = readOrderValues(cells);
  parsed.line = readLine(cells);
  parsed.parcel = readParcel(cells, parsed);
  return parsed;
}

/**
 * The row's cells by field, read once. Cells whose stored value was unfaithful (an Excel number
 * beyond 2^53, an #N/A) are reported here and then read as absent, so no second "is required"
 * error piles onto them.
 */
class RowCells {
  private readonly text = new Map<ImportField, string>();
  private readonly unreadable = new Set<ImportField>();

  constructor(private readonly record: TableRecord, private readonly header: HeaderMatch, private readonly parsed: ParsedRow) {
    for (const [field, col] of header.columns) {
      const problem = record.cellProblems?.get(col);
      if (problem) {
        this.unreadable.add(field);
        this.fail(field, problem);
      } else {
        this.text.set(field, unguard(record.cells[col] ?? ''));
      }
    }
  }

  fail(field: ImportField, message: string): void {
    this.parsed.errors.push({ row: this.record.row, field, message: `${this.label(field)}: ${message}` });
  }

  label(field: ImportField): string {
    return this.header.labels.get(field) ?? field;
  }

  cell(field: ImportField): string {
    return this.text.get(field) ?? '';
  }

  /** Whether the user put anything in any of these cells (even something unreadable). */
  anyGiven(fields: readonly ImportField[]): boolean {
    return fields.some((f) => this.cell(f) !== '' || this.unreadable.has(f));
  }

  optionalText(field: ImportField): string | undefined {
    return this.cell(field) || undefined;
  }

  typed<T>(field: ImportField, parse: (text: string) => Parsed<T>): T | undefined {
    const text = this.cell(field);
    if (text === '') return undefined;
    const result = parse(text);
    if (result.ok) return result.value;
    this.fail(field, result.reason);
    return undefined;
  }

  money(field: ImportField): number | undefined {
    return this.typed(field, (t) => yuanToFen(t));
  }

  time(field: ImportField): number | undefined {
    return this.typed(field, parseShanghaiTime);
  }

  require(field: ImportField, message: string): void {
    if (this.cell(field) === '' && !this.unreadable.has(field)) this.fail(field, message);
  }
}

function readOrderValues(c: RowCells): Partial<OrderValues> {
  return {
    channel: c.typed('channel', (t) => fromVocab(channelFromText(t), t, 'is not a known channel')),
    shop_id: c.optionalText('shop_id'),
    status: c.typed('status', (t) => {
      const unified = statusFromText(t);
      return unified ? { ok: true, value: { unified, text: t } } : { ok: false, reason: `"${t}" is not a known order status` };
    }),
    buyer_nick: c.optionalText('buyer_nick'),
    receiver_name: c.optionalText('receiver_name'),
    receiver_phone: c.optionalText('receiver_phone'),
    province: c.optionalText('province'),
    city: c.optionalText('city'),
    district: c.optionalText('district'),
    address: c.optionalText('address'),
    created_at: c.time('created_at'),
    paid_at: c.time('paid_at'),
    ship_by_at: c.time('ship_by_at'),
    modified_at: c.time('modified_at'),
    goods_amount: c.money('goods_amount'),
    platform_discount: c.money('platform_discount'),
    seller_discount: c.money('seller_discount'),
    shipping: c.money('shipping'),
    paid_amount: c.money('paid_amount'),
    platform_fee: c.money('platform_fee'),
    seller_remark: c.optionalText('seller_remark'),
    buyer_remark: c.optionalText('buyer_remark'),
    tags: c.typed('tags', (t) => ({ ok: true, value: splitTags(t) })),
  };
}

const LINE_FIELDS: readonly ImportField[] = ['platform_item_id', 'platform_sku', 'standard_sku', 'title', 'quantity', 'unit_price'];
const PARCEL_FIELDS: readonly ImportField[] = ['carrier', 'waybill_no', 'shipped_at'];

/** A row without any line cell only carries order-level values (allowed; the order still needs a line). */
function readLine(c: RowCells): LineValues | null {
  if (!c.anyGiven(LINE_FIELDS)) return null;
  const quantity = c.typed('quantity', parseQuantity);
  const unitPriceFen = c.money('unit_price');
  const standardSku = c.optionalText('standard_sku') ?? null;
  const platformSku = c.optionalText('platform_sku') ?? standardSku;
  c.require('quantity', 'is required on every line');
  c.require('unit_price', 'is required on every line');
  if (!platformSku && !c.anyGiven(['platform_sku', 'standard_sku'])) c.fail('platform_sku', '商品编码 or 标准SKU is required on every line');
  if (quantity === undefined || unitPriceFen === undefined || !platformSku) return null;
  const line: LineValues = { platformSku, standardSku, title: c.optionalText('title') ?? platformSku, quantity, unitPriceFen };
  const itemId = c.optionalText('platform_item_id');
  if (itemId) line.platformItemId = itemId;
  return line;
}

function readParcel(c: RowCells, parsed: ParsedRow): ParcelValues | null {
  if (!c.anyGiven(PARCEL_FIELDS)) return null;
  const waybillNo = c.typed('waybill_no', (t) => checkId(t, WAYBILL, 40));
  const shippedAt = c.time('shipped_at');
  const carrierText = c.cell('carrier');
  c.require('waybill_no', 'is required when a parcel is given');
  c.require('shipped_at', 'is required with a waybill');
  c.require('carrier', 'is required with a waybill');
  const carrier = carrierFromText(carrierText);
  if (carrierText !== '' && !carrier.known) {
    parsed.warnings.push({ row: parsed.row, field: 'carrier', message: `${c.label('carrier')}: "${carrierText}" is not a known carrier; kept as written` });
  }
  if (!waybillNo || shippedAt === undefined || carrierText === '') return null;
  return { carrier: carrier.code, waybillNo, shippedAt };
}

function checkId(text: string, pattern: RegExp, maxLength: number): Parsed<string> {
  if (SCIENTIFIC.test(text)) return { ok: false, reason: `"${text}" is in scientific notation: Excel has already dropped digits; format the column as Text` };
  if (text.length > maxLength) return { ok: false, reason: `"${text}" is longer than ${maxLength} characters` };
  if (!pattern.test(text)) return { ok: false, reason: `"${text}" contains a character not allowed in an id (a space, punctuation or a full-width character)` };
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
