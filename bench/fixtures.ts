/** Shared bench fixtures: temp stores and the same demo orders for the engine and its baseline. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorPath, writeAnchor } from '../core/audit/anchor.js';
import type { OrderInput } from '../core/contract/orders.js';
import { generateDemoOrders } from '../core/demo/index.js';
import { systemClock } from '../core/kernel/clock.js';
import { MutationQueue } from '../core/kernel/mutation.js';
import { phoneTail } from '../core/orders/mask.js';
import { LINE_INSERT_SQL, ORDER_INSERT_SQL, SEARCH_INSERT_SQL, searchTerms } from '../core/orders/statements.js';
import { type Db, openDatabase } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';

export const BENCH_NOW = Date.UTC(2026, 10, 28, 4);

export function demoOrders(size: number, seed = 7): OrderInput[] {
  return [...generateDemoOrders({ size, seed, now: BENCH_NOW })];
}

export function freshStore(prefix: string): { db: Db; dir: string; mutations: MutationQueue; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `bench-${prefix}-`));
  const db = openDatabase({ file: join(dir, 'orderhub.sqlite') });
  migrate(db);
  const mutations = new MutationQueue(db, systemClock, {
    afterCommit: (head) => writeAnchor(anchorPath(dir), { count: head.seq, headHash: head.hash, at: Date.now() }),
    publish: () => undefined,
  });
  const dispose = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, dir, mutations, dispose };
}

/**
 * The ceiling: the same rows into the same tables, indexes and pragmas, in the same batch size,
 * with no validation, normalisation, diffing, SKU resolution or audit.
 */
export function rawInsert(db: Db, orders: Iterable<OrderInput>, batchSize: number, now = Date.now()): void {
  const insertOrder = db.prepare(ORDER_INSERT_SQL);
  const insertLine = db.prepare(LINE_INSERT_SQL);
  const insertSearch = db.prepare(SEARCH_INSERT_SQL);
  const insertShipment = db.prepare('INSERT INTO shipments (order_id, carrier, waybill_no, shipped_at, line_nos, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertRaw = db.prepare("INSERT INTO raw_payloads (source, content_type, received_at, encoding, sha256, body) VALUES ('bench', ?, ?, 'identity', '', ?)");
  const batch = db.transaction((chunk: OrderInput[]) => {
    for (const o of chunk) {
      const rawId = o.raw ? Number(insertRaw.run(o.raw.contentType, now, o.raw.body).lastInsertRowid) : null;
      const waybills = (o.shipments ?? []).map((p) => p.waybillNo).join(' ');
      const id = Number(
        insertOrder.run({
          channel: o.channel, shop_id: o.shopId, platform_order_id: o.platformOrderId, status: o.status, platform_status: o.platformStatus ?? null,
          buyer_nick: o.buyerNick ?? null, receiver_name: o.receiver.name, receiver_phone: o.receiver.phone, receiver_phone_tail: phoneTail(o.receiver.phone),
          receiver_province: o.receiver.province, receiver_city: o.receiver.city, receiver_district: o.receiver.district, receiver_address: o.receiver.address,
          goods_fen: o.amounts.goodsFen, platform_discount_fen: o.amounts.platformDiscountFen, seller_discount_fen: o.amounts.sellerDiscountFen,
          shipping_fen: o.amounts.shippingFen, paid_fen: o.amounts.paidFen, platform_fee_fen: o.amounts.platformFeeFen, created_at: o.createdAt,
          paid_at: o.paidAt ?? null, ship_by_at: o.shipByAt ?? null, platform_modified_at: o.platformModifiedAt, updated_at: now,
          tags: JSON.stringify(o.tags ?? []), buyer_remark: o.buyerRemark ?? '', seller_remark: o.sellerRemark ?? '', waybill_nos: waybills,
          line_count: o.lines.length, raw_payload_id: rawId,
        }).lastInsertRowid,
      );
      o.lines.forEach((l, i) => insertLine.run(id, i + 1, l.platformItemId ?? null, l.platformSku, l.standardSku ?? null, l.title, l.quantity, l.unitPriceFen, l.amountFen));
      for (const p of o.shipments ?? []) insertShipment.run(id, p.carrier, p.waybillNo, p.shippedAt, JSON.stringify(p.lineNos ?? []), now);
      insertSearch.run(id, searchTerms(o.platformOrderId, o.receiver.name, waybills));
    }
  });
  let chunk: OrderInput[] = [];
  for (const order of orders) {
    chunk.push(order);
    if (chunk.length >= batchSize) {
      batch.immediate(chunk);
      chunk = [];
    }
  }
  if (chunk.length) batch.immediate(chunk);
}
