import type { ImportRowError } from '../../contract/orders.js';

/**
 * The documented column layout of an order file (POS / offline orders, or any channel exported by
 * hand). One row per order line; rows sharing an order id are one order. Every column is accepted
 * under its Chinese header, its English key, or an alias; header matching ignores case, spaces and
 * a unit suffix such as "(元)". README.md in this folder renders this table for users.
 */
export type FieldLevel = 'order' | 'line' | 'parcel';

export interface ColumnSpec {
  key: string;
  zh: string;
  aliases: readonly string[];
  level: FieldLevel;
  /** Without this column no row can become an order. */
  required?: boolean;
  note: string;
}

export const IMPORT_COLUMNS = [
  { key: 'platform_order_id', zh: '订单号', aliases: ['订单编号', '平台订单号', 'order_id'], level: 'order', required: true, note: 'text, kept exact (19-digit ids included)' },
  { key: 'channel', zh: '渠道', aliases: ['平台'], level: 'order', note: 'douyin/pinduoduo/taobao/wechat/pos or 抖音/拼多多/淘宝/天猫/微信/门店; default: import option, else pos' },
  { key: 'shop_id', zh: '店铺', aliases: ['店铺id', 'shop'], level: 'order', note: 'default: import option, else pos-default' },
  { key: 'status', zh: '状态', aliases: ['订单状态'], level: 'order', required: true, note: 'unified name or 待付款/已付款/待发货/部分发货/已发货/已签收/已完成/已取消/退款中/已退款/已关闭/已冻结; kept verbatim as platform status' },
  { key: 'buyer_nick', zh: '买家', aliases: ['买家昵称'], level: 'order', note: '' },
  { key: 'receiver_name', zh: '收货人', aliases: ['收货人姓名'], level: 'order', required: true, note: '' },
  { key: 'receiver_phone', zh: '手机', aliases: ['收货人手机', '联系电话', 'phone'], level: 'order', note: 'kept as written (masked numbers allowed)' },
  { key: 'province', zh: '省', aliases: ['省份'], level: 'order', note: '' },
  { key: 'city', zh: '市', aliases: ['城市'], level: 'order', note: '' },
  { key: 'district', zh: '区', aliases: ['区县'], level: 'order', note: '' },
  { key: 'address', zh: '地址', aliases: ['详细地址'], level: 'order', note: '' },
  { key: 'created_at', zh: '下单时间', aliases: ['创建时间'], level: 'order', required: true, note: 'time' },
  { key: 'paid_at', zh: '付款时间', aliases: ['支付时间'], level: 'order', note: 'time' },
  { key: 'ship_by_at', zh: '最晚发货时间', aliases: [], level: 'order', note: 'time' },
  { key: 'modified_at', zh: '修改时间', aliases: ['更新时间'], level: 'order', note: 'time; default: latest of 下单/付款/发货时间' },
  { key: 'goods_amount', zh: '商品金额', aliases: ['商品总额'], level: 'order', note: 'yuan; default: Σ 单价×数量' },
  { key: 'platform_discount', zh: '平台优惠', aliases: [], level: 'order', note: 'yuan; default 0' },
  { key: 'seller_discount', zh: '商家优惠', aliases: ['店铺优惠'], level: 'order', note: 'yuan; default 0' },
  { key: 'shipping', zh: '运费', aliases: ['邮费'], level: 'order', note: 'yuan; default 0' },
  { key: 'paid_amount', zh: '实付', aliases: ['实付金额'], level: 'order', note: 'yuan; default: 商品金额 − 平台优惠 − 商家优惠 + 运费' },
  { key: 'platform_fee', zh: '平台服务费', aliases: ['平台佣金'], level: 'order', note: 'yuan; default 0' },
  { key: 'seller_remark', zh: '卖家备注', aliases: ['商家备注'], level: 'order', note: '' },
  { key: 'buyer_remark', zh: '买家留言', aliases: ['买家备注'], level: 'order', note: '' },
  { key: 'tags', zh: '标签', aliases: [], level: 'order', note: 'separated by ; ； , ， or 、' },
  { key: 'platform_item_id', zh: '商品ID', aliases: ['平台商品id'], level: 'line', note: 'optional' },
  { key: 'platform_sku', zh: '商品编码', aliases: ['平台sku', 'sku'], level: 'line', note: 'one of 商品编码/标准SKU per line' },
  { key: 'standard_sku', zh: '标准SKU', aliases: [], level: 'line', note: 'used as 商品编码 when that is empty' },
  { key: 'title', zh: '商品名称', aliases: ['商品标题'], level: 'line', note: 'default: the SKU code' },
  { key: 'quantity', zh: '数量', aliases: ['购买数量'], level: 'line', required: true, note: 'positive whole number' },
  { key: 'unit_price', zh: '单价', aliases: [], level: 'line', required: true, note: 'yuan' },
  { key: 'carrier', zh: '快递公司', aliases: ['物流公司'], level: 'parcel', note: 'SF/ZTO/YTO/STO/YUNDA/JD/EMS/JTEXPRESS or 顺丰/中通/…' },
  { key: 'waybill_no', zh: '运单号', aliases: ['快递单号', '物流单号'], level: 'parcel', note: 'lines with the same 运单号 share one parcel' },
  { key: 'shipped_at', zh: '发货时间', aliases: [], level: 'parcel', note: 'time; required with 运单号' },
] as const satisfies readonly ColumnSpec[];

export type ImportField = (typeof IMPORT_COLUMNS)[number]['key'];

export interface HeaderMatch {
  /** 0-based column index of each recognised field. */
  columns: Map<ImportField, number>;
  /** The header exactly as written in the file, for messages the user recognises. */
  labels: Map<ImportField, string>;
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/[（(][^)）]*[)）]$/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const HEADER_INDEX = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((c) => [c.key, c.zh, ...c.aliases].map((name) => [normaliseHeader(name), c.key] as const)),
);

export function matchHeader(headerCells: readonly string[], headerRow: number): HeaderMatch {
  const match: HeaderMatch = { columns: new Map(), labels: new Map(), errors: [], warnings: [] };
  headerCells.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const key = HEADER_INDEX.get(normaliseHeader(cell));
    if (!key) {
      match.warnings.push({ row: headerRow, message: `unknown column "${cell.trim()}" is ignored` });
      return;
    }
    if (match.columns.has(key)) {
      match.errors.push({ row: headerRow, field: key, message: `columns "${match.labels.get(key)}" and "${cell.trim()}" are the same field` });
      return;
    }
    match.columns.set(key, index);
    match.labels.set(key, cell.trim());
  });
  for (const spec of IMPORT_COLUMNS) {
    if ('required' in spec && spec.required && !match.columns.has(spec.key)) {
      match.errors.push({ row: headerRow, field: spec.key, message: `required column ${spec.zh} (${spec.key}) is missing` });
    }
  }
  if (!match.columns.has('platform_sku') && !match.columns.has('standard_sku')) {
    match.errors.push({ row: headerRow, field: 'platform_sku', message: 'a column 商品编码 (platform_sku) or 标准SKU (standard_sku) is required' });
  }
  return match;
}
