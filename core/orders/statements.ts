/** Prepared statements for the orders tables, prepared once per database connection. */
import type { Db, Statement } from '../store/db.js';

export interface OrderStatements {
  byKey: Statement;
  byId: Statement;
  insertOrder: Statement;
  insertLine: Statement;
  deleteLines: Statement;
  linesOf: Statement;
  insertShipment: Statement;
  shipmentsOf: Statement;
  insertSearch: Statement;
  deleteSearch: Statement;
  skuLookup: Statement;
}

const cache = new WeakMap<Db, OrderStatements>();

export const ORDER_INSERT_SQL = `INSERT INTO orders (channel, shop_id, platform_order_id, status, platform_status, buyer_nick,
  receiver_name, receiver_phone, receiver_phone_tail, receiver_province, receiver_city, receiver_district, receiver_address,
  goods_fen, platform_discount_fen, seller_discount_fen, shipping_fen, paid_fen, platform_fee_fen,
  created_at, paid_at, ship_by_at, platform_modified_at, updated_at, tags, buyer_remark, seller_remark, waybill_nos, line_count, raw_payload_id)
  VALUES (@channel, @shop_id, @platform_order_id, @status, @platform_status, @buyer_nick,
  @receiver_name, @receiver_phone, @receiver_phone_tail, @receiver_province, @receiver_city, @receiver_district, @receiver_address,
  @goods_fen, @platform_discount_fen, @seller_discount_fen, @shipping_fen, @paid_fen, @platform_fee_fen,
  @created_at, @paid_at, @ship_by_at, @platform_modified_at, @updated_at, @tags, @buyer_remark, @seller_remark, @waybill_nos, @line_count, @raw_payload_id)`;

export const LINE_INSERT_SQL = `INSERT INTO order_lines (order_id, line_no, platform_item_id, platform_sku, standard_sku, title, quantity, unit_price_fen, amount_fen)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const SEARCH_INSERT_SQL = 'INSERT INTO order_search (rowid, terms) VALUES (?, ?)';

export function orderStatements(db: Db): OrderStatements {
  let s = cache.get(db);
  if (s) return s;
  s = {
    byKey: db.prepare('SELECT * FROM orders WHERE channel = ? AND shop_id = ? AND platform_order_id = ?'),
    byId: db.prepare('SELECT * FROM orders WHERE id = ?'),
    insertOrder: db.prepare(ORDER_INSERT_SQL),
    insertLine: db.prepare(LINE_INSERT_SQL),
    deleteLines: db.prepare('DELETE FROM order_lines WHERE order_id = ?'),
    linesOf: db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no'),
    insertShipment: db.prepare(
      'INSERT OR IGNORE INTO shipments (order_id, carrier, waybill_no, shipped_at, line_nos, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    shipmentsOf: db.prepare('SELECT * FROM shipments WHERE order_id = ? ORDER BY shipped_at, id'),
    insertSearch: db.prepare(SEARCH_INSERT_SQL),
    deleteSearch: db.prepare('DELETE FROM order_search WHERE rowid = ?'),
    skuLookup: db.prepare('SELECT standard_sku FROM sku_mappings WHERE channel = ? AND platform_sku = ?'),
  };
  cache.set(db, s);
  return s;
}

/** The words the search index holds for one order: its id, its waybills, its receiver's name. */
export function searchTerms(platformOrderId: string, receiverName: string, waybillNos: string): string {
  return `${platformOrderId} ${waybillNos} ${receiverName}`.trim();
}
