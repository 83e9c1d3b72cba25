import type { Channel, ImportRowError, OrderAmounts, OrderInput, OrderLineInput, ShipmentInput } from '../../contract/orders.js';
import { fenToYuanText } from '../export/format.js';
import { orderInputSchema } from '../validate-input.js';
import type { ImportField } from './layout.js';
import type { OrderValues, ParsedRow } from './row-reader.js';

export interface AssembleOptions {
  fileName: string;
  channel?: Channel;
  shopId?: string;
  /** Header text per field, so messages name the column the way the file does. */
  labels: ReadonlyMap<ImportField, string>;
}

export interface Assembled {
  orders: OrderInput[];
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

export const DEFAULT_CHANNEL: Channel = 'pos';
export const DEFAULT_SHOP_ID = 'pos-default';

/**
 * Rows sharing an order id become one order, in order of first appearance. Any error on any of its
 * rows keeps the whole order out (a half-imported order would look complete in the grid); every
 * error is still reported so the user can fix the file in one pass.
 */
export function assembleOrders(rows: readonly ParsedRow[], options: AssembleOptions): Assembled {
  const result: Assembled = { orders: [], errors: [], warnings: [] };
  const groups = new Map<string, ParsedRow[]>();
  for (const row of rows) {
    result.warnings.push(...row.warnings);
    if (row.orderId === null) {
      result.errors.push(...row.errors);
      continue;
    }
    const group = groups.get(row.orderId);
    if (group) group.push(row);
    else groups.set(row.orderId, [row]);
  }
  for (const [orderId, group] of groups) {
    const built = buildOrder(orderId, group, options);
    result.errors.push(...built.errors);
    result.warnings.push(...built.warnings);
    if (built.order) result.orders.push(built.order);
  }
  const byRow = (a: ImportRowError, b: ImportRowError): number => a.row - b.row;
  result.errors.sort(byRow);
  result.warnings.sort(byRow);
  return result;
}

interface Built {
  order: OrderInput | null;
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

function buildOrder(orderId: string, group: readonly ParsedRow[], options: AssembleOptions): Built {
  const first = group[0]!;
  const errors = group.flatMap((r) => r.errors);
  const label = (field: ImportField): string => options.labels.get(field) ?? field;
  const fail: Fail = (row, field, message) => errors.push({ row, field, message: `${label(field)}: ${message}` });
  const hasError = (field: ImportField): boolean => errors.some((e) => e.field === field);

  const values = mergeOrderValues(group, label, errors);
  const channel = pickOption('channel', options.channel, values.channel, first.row, fail) ?? DEFAULT_CHANNEL;
  const shopId = pickOption('shop_id', options.shopId, values.shop_id, first.row, fail) ?? DEFAULT_SHOP_ID;
  for (const field of ['receiver_name', 'status', 'created_at'] as const) {
    if (values[field] === undefined && !hasError(field)) fail(first.row, field, 'is required');
  }
  const { lines, lineNoByRow } = collectLines(group, fail);
  const lineErrors = hasError('quantity') || hasError('unit_price') || hasError('platform_sku');
  if (lines.length === 0 && !lineErrors) fail(first.row, 'quantity', 'an order needs at least one line with a quantity of 1 or more');
  const shipments = collectShipments(group, lineNoByRow, lines.length, fail);
  const amounts = orderAmounts(values, lines);
  if (values.paid_amount === undefined && amounts.paidFen < 0) fail(first.row, 'paid_amount', 'discounts are larger than goods plus shipping');

  const { created_at: createdAt, receiver_name: receiverName, status } = values;
  if (errors.length > 0 || createdAt === undefined || receiverName === undefined || status === undefined) {
    return { order: null, errors, warnings: [] };
  }
  // A file carries no modification time of its own. Deriving it from the order's own event times
  // keeps re-imports idempotent: the same file always yields the same value, so an unchanged order
  // is recognised as unchanged, and a corrected file with a later event time wins.
  const platformModifiedAt = values.modified_at ?? Math.max(createdAt, values.paid_at ?? 0, ...shipments.map((s) => s.shippedAt));
  const order: OrderInput = {
    channel,
    shopId,
    platformOrderId: orderId,
    status: status.unified,
    platformStatus: status.text,
    ...(values.buyer_nick !== undefined ? { buyerNick: values.buyer_nick } : {}),
    receiver: {
      name: receiverName,
      phone: values.receiver_phone ?? '',
      province: values.province ?? '',
      city: values.city ?? '',
      district: values.district ?? '',
      address: values.address ?? '',
    },
    amounts,
    createdAt,
    paidAt: values.paid_at ?? null,
    shipByAt: values.ship_by_at ?? null,
    platformModifiedAt,
    tags: values.tags ?? [],
    buyerRemark: values.buyer_remark ?? '',
    sellerRemark: values.seller_remark ?? '',
    lines,
    shipments,
    raw: { contentType: 'application/json', body: JSON.stringify({ fileName: options.fileName, rows: group.map((r) => ({ row: r.row, cells: r.raw })) }) },
  };
  // The engine's own gate (lengths, counts): failing it here names the row instead of the file.
  const gate = orderInputSchema.safeParse(order);
  if (!gate.success) {
    const issues = gate.error.issues.map((i) => ({ row: first.row, field: i.path.join('.'), message: `${i.path.join('.')}: ${i.message}` }));
    return { order: null, errors: issues, warnings: [] };
  }
  return { order, errors, warnings: amountChecks(values, lines, amounts, first.row) };
}

type Fail = (row: number, field: ImportField, message: string) => void;

function collectLines(group: readonly ParsedRow[], fail: Fail): { lines: OrderLineInput[]; lineNoByRow: Map<number, number> } {
  const lines: OrderLineInput[] = [];
  const lineNoByRow = new Map<number, number>();
  for (const row of group) {
    if (!row.line) continue;
    const amountFen = row.line.unitPriceFen * row.line.quantity;
    if (!Number.isSafeInteger(amountFen)) fail(row.row, 'unit_price', 'unit price × quantity is too large');
    lines.push({ ...row.line, amountFen });
    lineNoByRow.set(row.row, lines.length);
  }
  return { lines, lineNoByRow };
}

/** Missing amounts are derived the way the platforms define them (protocols.md §2.4 pay_amount). */
function orderAmounts(values: Partial<OrderValues>, lines: readonly OrderLineInput[]): OrderAmounts {
  const goodsFen = values.goods_amount ?? lines.reduce((sum, l) => sum + l.amountFen, 0);
  const platformDiscountFen = values.platform_discount ?? 0;
  const sellerDiscountFen = values.seller_discount ?? 0;
  const shippingFen = values.shipping ?? 0;
  const paidFen = values.paid_amount ?? goodsFen - platformDiscountFen - sellerDiscountFen + shippingFen;
  return { goodsFen, platformDiscountFen, sellerDiscountFen, shippingFen, paidFen, platformFeeFen: values.platform_fee ?? 0 };
}

/**
 * Stated amounts that disagree with the formula are reported but imported as stated: the file is
 * the record of what was charged, and rounding rules of a till or platform may differ from ours.
 */
function amountChecks(values: Partial<OrderValues>, lines: readonly OrderLineInput[], amounts: OrderAmounts, row: number): ImportRowError[] {
  const warnings: ImportRowError[] = [];
  const check = (field: ImportField, message: string): void => {
    warnings.push({ row, field, message: `check: ${message} (the order is still imported)` });
  };
  const linesFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (values.goods_amount !== undefined && values.goods_amount !== linesFen) {
    check('goods_amount', `商品金额 ${fenToYuanText(values.goods_amount)} ≠ Σ 单价×数量 ${fenToYuanText(linesFen)}`);
  }
  const formulaPaid = amounts.goodsFen - amounts.platformDiscountFen - amounts.sellerDiscountFen + amounts.shippingFen;
  if (amounts.paidFen !== formulaPaid) {
    check('paid_amount', `商品金额 − 平台优惠 − 商家优惠 + 运费 = ${fenToYuanText(formulaPaid)}, but 实付 is ${fenToYuanText(amounts.paidFen)}`);
  }
  return warnings;
}

/** First stated value wins; a later row may repeat it or leave it empty, never contradict it. */
function mergeOrderValues(group: readonly ParsedRow[], label: (f: ImportField) => string, errors: ImportRowError[]): Partial<OrderValues> {
  const merged: Partial<OrderValues> = {};
  const statedAt = new Map<keyof OrderValues, ParsedRow>();
  const mergeField = <K extends keyof OrderValues>(row: ParsedRow, key: K): void => {
    const value = row.order[key];
    if (value === undefined) return;
    const earlier = statedAt.get(key);
    if (!earlier) {
      merged[key] = value;
      statedAt.set(key, row);
    } else if (comparable(key, value) !== comparable(key, merged[key])) {
      const shown = (r: ParsedRow): string => r.raw[label(key)] ?? '';
      errors.push({
        row: row.row,
        field: key,
        message: `${label(key)}: "${shown(row)}" differs from "${shown(earlier)}" on row ${earlier.row} of the same order; repeat the value or leave it empty`,
      });
    }
  };
  for (const row of group) {
    for (const key of Object.keys(row.order) as Array<keyof OrderValues>) mergeField(row, key);
  }
  return merged;
}

function comparable<K extends keyof OrderValues>(key: K, value: OrderValues[K] | undefined): string {
  // 已发货 on one row and shipped on the next say the same thing.
  if (value !== undefined && typeof value === 'object' && 'unified' in value) return value.unified;
  return JSON.stringify(value);
}

function pickOption<T extends string>(field: ImportField, option: T | undefined, column: T | undefined, row: number, fail: Fail): T | undefined {
  // A file whose own column names another channel or shop than the one chosen for the import is
  // almost always the wrong file; importing it under the option would misfile every order.
  if (option !== undefined && column !== undefined && option !== column) {
    fail(row, field, `the file says "${column}" but the import is for "${option}"`);
  }
  return option ?? column;
}

function collectShipments(group: readonly ParsedRow[], lineNoByRow: ReadonlyMap<number, number>, lineCount: number, fail: Fail): ShipmentInput[] {
  const parcels = new Map<string, ShipmentInput & { lineNos: number[]; wholeOrder: boolean }>();
  for (const row of group) {
    if (!row.parcel) continue;
    const known = parcels.get(row.parcel.waybillNo);
    const lineNo = lineNoByRow.get(row.row);
    if (!known) {
      parcels.set(row.parcel.waybillNo, { ...row.parcel, lineNos: lineNo ? [lineNo] : [], wholeOrder: !lineNo });
      continue;
    }
    if (known.carrier !== row.parcel.carrier) fail(row.row, 'carrier', `waybill ${known.waybillNo} is already with carrier ${known.carrier}`);
    if (known.shippedAt !== row.parcel.shippedAt) fail(row.row, 'shipped_at', `waybill ${known.waybillNo} already has another shipping time`);
    if (lineNo) known.lineNos.push(lineNo);
  }
  // A parcel carrying every line is the whole order: the contract spells that as an empty list.
  return [...parcels.values()].map(({ wholeOrder, lineNos, ...parcel }) => ({
    ...parcel,
    lineNos: wholeOrder || lineNos.length === lineCount ? [] : lineNos,
  }));
}
