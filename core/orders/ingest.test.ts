import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../test/support/engine.js';
import { sampleOrder } from '../../test/support/orders.js';
import { entityTimeline } from '../audit/timeline.js';
import { verifyAuditChain } from '../audit/verify.js';
import { ingestOrder } from './ingest.js';
import { listOrders, orderDetail } from './repo.js';

const platform = { type: 'platform' as const, id: 'taobao', name: '淘宝' };

describe('exactly-once ingestion', () => {
  it('inserts once, and the same order seen again changes nothing', () => {
    const { db, mutations } = memoryStore();
    const first = mutations.runNow(platform, 'pull:taobao', (w) => ingestOrder(w, sampleOrder()));
    const again = mutations.runNow(platform, 'pull:taobao', (w) => ingestOrder(w, sampleOrder()));
    expect(first.kind).toBe('inserted');
    expect(again).toEqual({ kind: 'unchanged', orderId: first.orderId });
    expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT version FROM orders').get()).toEqual({ version: 1 });
    const detail = orderDetail(db, first.orderId)!;
    expect(detail.platformOrderId).toBe('3791234567890123456');
    expect(detail.lines).toHaveLength(2);
    expect(detail.receiverPhoneMasked).toBe('138****5678');
  });

  it('applies a newer update field by field, with the platform as actor and the raw payload linked', () => {
    const { db, mutations } = memoryStore();
    const { orderId } = mutations.runNow(platform, 'pull:taobao', (w) => ingestOrder(w, sampleOrder()));
    const newer = sampleOrder({
      status: 'shipped',
      platformStatus: 'WAIT_BUYER_CONFIRM_GOODS',
      platformModifiedAt: sampleOrder().platformModifiedAt + 3_600_000,
      shipments: [{ carrier: 'SF', waybillNo: 'SF1234567890123', shippedAt: sampleOrder().platformModifiedAt + 3_000_000 }],
      raw: { contentType: 'application/json', body: '{"status":"WAIT_BUYER_CONFIRM_GOODS"}' },
    });
    expect(mutations.runNow(platform, 'pull:taobao', (w) => ingestOrder(w, newer)).kind).toBe('updated');
    const [event] = entityTimeline(db, 'order', String(orderId), {});
    expect(event).toMatchObject({ action: 'update', actor: platform, source: 'pull:taobao' });
    expect(event!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: 'paid', after: 'shipped' },
        { field: 'platformStatus', before: 'WAIT_SELLER_SEND_GOODS', after: 'WAIT_BUYER_CONFIRM_GOODS' },
        { field: 'shipments', before: null, after: ['SF:SF1234567890123'] },
      ]),
    );
    expect(event!.rawPayloadId).not.toBeNull();
    expect(orderDetail(db, orderId)!.shipments).toEqual([expect.objectContaining({ carrier: 'SF', waybillNo: 'SF1234567890123' })]);
    expect(listOrders(db, { search: 'SF1234567890123' }).rows.map((r) => r.id)).toEqual([orderId]);
  });

  it('records an older update on the timeline without applying it', () => {
    const { db, mutations } = memoryStore();
    const base = sampleOrder({ status: 'shipped' });
    const { orderId } = mutations.runNow(platform, 'pull', (w) => ingestOrder(w, base));
    const older = sampleOrder({ status: 'paid', platformModifiedAt: base.platformModifiedAt - 60_000, sellerRemark: 'old' });
    expect(mutations.runNow(platform, 'pull', (w) => ingestOrder(w, older)).kind).toBe('stale');
    expect(orderDetail(db, orderId)).toMatchObject({ status: 'shipped', sellerRemark: '' });
    expect(entityTimeline(db, 'order', String(orderId), {})[0]).toMatchObject({ action: 'stale-update-ignored', reason: expect.stringMatching(/not applied/) });
  });

  it('never moves an order to a state it cannot reach, and says why', () => {
    const { db, mutations } = memoryStore();
    const base = sampleOrder({ status: 'cancelled' });
    const { orderId } = mutations.runNow(platform, 'pull', (w) => ingestOrder(w, base));
    const revived = sampleOrder({ status: 'shipped', platformModifiedAt: base.platformModifiedAt + 1000, sellerRemark: '补发' });
    mutations.runNow(platform, 'pull', (w) => ingestOrder(w, revived));
    expect(orderDetail(db, orderId)).toMatchObject({ status: 'cancelled', sellerRemark: '补发' });
    expect(entityTimeline(db, 'order', String(orderId), {})[0]!.reason).toMatch(/cannot go from cancelled to shipped/);
    expect(verifyAuditChain(db, null).ok).toBe(true);
  });

  it('keeps 19-digit order ids exact and resolves standard SKUs through the mapping table', () => {
    const { db, mutations } = memoryStore();
    mutations.runNow(platform, 'test', (w) => {
      w.db.prepare("INSERT INTO sku_mappings (channel, platform_sku, standard_sku, note, updated_at) VALUES ('taobao', '5012345678901', 'SKU-TEA-001', '', 0)").run();
      w.audit({ entityType: 'sku', entityId: 'x', action: 'create' });
    });
    const { orderId } = mutations.runNow(platform, 'pull', (w) => ingestOrder(w, sampleOrder({ platformOrderId: '9007199254740993123' })));
    const detail = orderDetail(db, orderId)!;
    expect(detail.platformOrderId).toBe('9007199254740993123');
    expect(detail.lines.map((l) => l.standardSku)).toEqual(['SKU-TEA-001', null]);
  });
});
