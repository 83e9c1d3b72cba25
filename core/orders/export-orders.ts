/** The whole filtered set, streamed from the store in keyset pages into CSV (with BOM) or XLSX. */
import type { OrderQuery } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { Db } from '../store/db.js';
import { type ExportColumn, formatShanghai, toCsv, toXlsx } from './export/index.js';
import { iterateOrders } from './repo.js';
import { toOrderRow } from './rows.js';

/** Export layout: headers in Chinese (the users' language), money as yuan numbers, ids as text. */
export const EXPORT_COLUMNS: ExportColumn[] = [
  { key: 'platformOrderId', header: '订单号', kind: 'text' },
  { key: 'channel', header: '渠道', kind: 'text' },
  { key: 'shopId', header: '店铺', kind: 'text' },
  { key: 'status', header: '状态', kind: 'text' },
  { key: 'platformStatus', header: '平台状态', kind: 'text' },
  { key: 'buyerNick', header: '买家', kind: 'text' },
  { key: 'receiverName', header: '收货人', kind: 'text' },
  { key: 'receiverPhoneMasked', header: '手机', kind: 'text' },
  { key: 'receiverRegion', header: '地区', kind: 'text' },
  { key: 'goodsFen', header: '商品金额', kind: 'money' },
  { key: 'platformDiscountFen', header: '平台优惠', kind: 'money' },
  { key: 'sellerDiscountFen', header: '商家优惠', kind: 'money' },
  { key: 'shippingFen', header: '运费', kind: 'money' },
  { key: 'paidFen', header: '实付', kind: 'money' },
  { key: 'platformFeeFen', header: '平台服务费', kind: 'money' },
  { key: 'createdAt', header: '下单时间', kind: 'time' },
  { key: 'paidAt', header: '付款时间', kind: 'time' },
  { key: 'shipByAt', header: '最晚发货时间', kind: 'time' },
  { key: 'lineCount', header: '商品行数', kind: 'int' },
  { key: 'waybills', header: '运单号', kind: 'text' },
  { key: 'tagsText', header: '标签', kind: 'text' },
  { key: 'sellerRemark', header: '卖家备注', kind: 'text' },
];

export const MAX_EXPORT_ROWS = 1_000_000;

export async function exportOrders(db: Db, query: OrderQuery, format: 'csv' | 'xlsx', only: string[] | undefined, now: number) {
  const columns = only?.length ? EXPORT_COLUMNS.filter((c) => only.includes(c.key)) : EXPORT_COLUMNS;
  if (columns.length === 0) throw fail.validation('Choose at least one known column to export.', { columns: 'none known' });
  let rows = 0;
  function* records() {
    for (const raw of iterateOrders(db, query)) {
      if (++rows > MAX_EXPORT_ROWS) throw fail.validation(`More than ${MAX_EXPORT_ROWS} rows: narrow the filter.`);
      const row = toOrderRow(raw);
      yield { ...row, waybills: row.waybillNos.join(' '), tagsText: row.tags.join(';') } as Record<string, unknown>;
    }
  }
  const stamp = formatShanghai(now).slice(0, 10); // the users' date, not UTC's
  if (format === 'csv') {
    const bytes = Buffer.from(await toCsv(columns, records()));
    return { fileName: `orders-${stamp}.csv`, mimeType: 'text/csv;charset=utf-8', bytes, rows };
  }
  const bytes = Buffer.from(await toXlsx(columns, records()));
  return { fileName: `orders-${stamp}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes, rows };
}
