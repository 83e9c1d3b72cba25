import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../contract/actors.js';
import { CoreFailure } from '../../kernel/errors.js';
import { ingestOrder } from '../../orders/ingest.js';
import { memoryStore } from '../../../test/support/engine.js';
import { parseJsonLossless } from '../lossless-json.js';
import { normaliseTrade } from '../taobao/normalise.js';
import type { ShopRow } from '../sync/shops-repo.js';
import { mappingSpecOf } from './catalog.js';
import { validateDefinition } from './definition.js';
import { FIXTURE_SAMPLES } from './fixture-samples.js';
import { normaliseSample } from './normalise-sample.js';
import { previewMapping } from './preview.js';
import { firstValue } from './spec.js';
import { proposeMapping, readStoredMapping, resolveMapping, writeChannelMapping, writeShopMapping } from './store.js';

const TAOBAO = mappingSpecOf('taobao')!;
const admin: Actor = { type: 'operator', id: '1', name: 'admin' };
const shopRow = (settings: Record<string, unknown> = {}, channel: ShopRow['channel'] = 'taobao'): ShopRow =>
  ({ id: 'tb-1', channel, name: 'x', enabled: true, createdAt: 0, settings: { backfillDays: 30, incrementalCron: '* * * * *', safetyLagMs: 60_000, ...settings } }) as ShopRow;

describe('definition validation', () => {
  it('accepts known sources and an empty list for an optional field', () => {
    expect(validateDefinition('taobao', TAOBAO, { 'line.platformSku': ['sku_id', 'outer_sku_id'], 'order.buyerRemark': [] })).toEqual({ 'line.platformSku': ['sku_id', 'outer_sku_id'], 'order.buyerRemark': [] });
  });

  it.each([
    [{ 'line.platformSku': ['goods_id'] }, 'unknown source "goods_id" for line.platformSku on taobao', 'fields.line.platformSku'],
    [{ 'line.colour': ['title'] }, '"line.colour" is not a mappable field of taobao', 'fields.line.colour'],
    [{ 'line.platformSku': [] }, 'line.platformSku needs at least one source', 'fields.line.platformSku'],
    [{ 'line.title': ['title', 'title'] }, 'line.title names a source twice', 'fields.line.title'],
    [{ 'receiver.phone': 'receiver_mobile' }, 'must be a list of names', 'fields.receiver.phone'],
  ])('refuses %j with a ValidationError naming it', (fields, message, path) => {
    try {
      validateDefinition('taobao', TAOBAO, fields);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CoreFailure);
      expect((err as CoreFailure).type).toBe('ValidationError');
      expect((err as CoreFailure).message).toContain(message);
      expect((err as CoreFailure).details).toHaveProperty([path]);
    }
  });
});

describe('resolution and fallbacks', () => {
  it('takes the first source with a value, trying the next when one is empty', () => {
    const line = { outer_sku_id: '  ', sku_id: '4470235930681', num_iid: 36131555094 };
    expect(firstValue(TAOBAO, 'line.platformSku', ['outer_sku_id', 'sku_id'], line)).toBe('4470235930681');
    expect(firstValue(TAOBAO, 'line.platformSku', ['outer_sku_id', 'num_iid'], line)).toBe('36131555094');
    expect(firstValue(TAOBAO, 'line.platformSku', ['outer_sku_id'], line)).toBe('');
  });

  it('layers shop over legacy skuField over channel over defaults, and says where each came from', () => {
    const base = { channel: null, shop: null, legacySkuField: null };
    expect(resolveMapping('taobao', TAOBAO, base).fields['line.platformSku']).toEqual({ effective: ['outer_sku_id', 'sku_id', 'num_iid'], origin: 'default' });
    const channel = { ...base, channel: { 'line.platformSku': ['outer_iid', 'num_iid'] } };
    expect(resolveMapping('taobao', TAOBAO, channel).fields['line.platformSku']).toEqual({ effective: ['outer_iid', 'num_iid'], origin: 'channel' });
    expect(resolveMapping('taobao', TAOBAO, { ...channel, legacySkuField: 'sku_id' }).fields['line.platformSku']).toEqual({ effective: ['sku_id', 'outer_iid', 'num_iid'], origin: 'legacy' });
    const shop = { ...channel, legacySkuField: 'sku_id', shop: { 'line.platformSku': ['num_iid'] } };
    expect(resolveMapping('taobao', TAOBAO, shop).fields['line.platformSku']).toEqual({ effective: ['num_iid'], origin: 'shop' });
    // saving a shop definition replaces the legacy field
    expect(proposeMapping(shop, 'shop', {}).legacySkuField).toBeNull();
  });

  it('ignores and reports stored entries that do not fit (edited by hand), never half-applying them', () => {
    const resolved = resolveMapping('taobao', TAOBAO, { channel: { 'line.platformSku': ['sku_id', 'nope'] }, shop: null, legacySkuField: 'bogus' });
    expect(resolved.fields['line.platformSku']).toEqual({ effective: ['outer_sku_id', 'sku_id', 'num_iid'], origin: 'default' });
    expect(resolved.problems.join('\n')).toMatch(/channel mapping of line\.platformSku .*nope/);
    expect(resolved.problems.join('\n')).toMatch(/legacy skuField .*bogus/);
  });

  it('the legacy skuField alone keeps working through the connector normaliser', () => {
    const trade = parseJsonLossless(FIXTURE_SAMPLES.taobao!.text);
    const out = normaliseTrade(trade, { shopId: 's', skuField: 'sku_id', statusOverrides: {} });
    expect(out.kind === 'order' && out.order.lines.map((l) => l.platformSku)).toEqual(['4470235930681', '4470235930682']);
    const mapped = normaliseTrade(trade, { shopId: 's', skuField: 'sku_id', mapping: { 'line.platformSku': ['num_iid'] }, statusOverrides: {} });
    expect(mapped.kind === 'order' && mapped.order.lines.map((l) => l.platformSku)).toEqual(['36131555094', '36131555095']);
  });
});

describe('stored definitions', () => {
  it('writes the channel row and the shop settings with an audit event, dropping the legacy skuField', async () => {
    const { db, mutations } = memoryStore();
    await mutations.run(admin, 'test', (w) => {
      w.db.prepare("INSERT INTO shops (id, channel, name, settings, enabled, created_at) VALUES ('tb-1', 'taobao', 'x', ?, 1, 0)").run(JSON.stringify({ skuField: 'sku_id' }));
      w.audit({ entityType: 'shop', entityId: 'tb-1', action: 'create' });
    });
    const shop = shopRow({ skuField: 'sku_id' });
    await mutations.run(admin, 'test', (w) => writeChannelMapping(w, 'taobao', null, { 'line.title': ['sku_properties_name', 'title'] }));
    await mutations.run(admin, 'test', (w) => writeShopMapping(w, shop, { 'line.platformSku': ['sku_id', 'num_iid'] }));
    const settings = JSON.parse((db.prepare("SELECT settings FROM shops WHERE id = 'tb-1'").get() as { settings: string }).settings) as Record<string, unknown>;
    expect(settings).toEqual(expect.objectContaining({ fieldMapping: { fields: { 'line.platformSku': ['sku_id', 'num_iid'] } } }));
    expect(settings).not.toHaveProperty('skuField');
    const stored = readStoredMapping(db, { ...shop, settings: settings as unknown as ShopRow['settings'] });
    expect(stored).toEqual({ channel: { 'line.title': ['sku_properties_name', 'title'] }, shop: { 'line.platformSku': ['sku_id', 'num_iid'] }, legacySkuField: null });
    const events = db.prepare("SELECT entity_type, entity_id, changes FROM audit_events WHERE action = 'field-mapping' ORDER BY seq").all() as Array<{ entity_type: string; entity_id: string; changes: string }>;
    expect(events.map((e) => [e.entity_type, e.entity_id])).toEqual([['channel', 'taobao'], ['shop', 'tb-1']]);
    expect(JSON.parse(events[1]!.changes)).toEqual([
      { field: 'fieldMapping', before: null, after: { 'line.platformSku': ['sku_id', 'num_iid'] } },
      { field: 'skuField', before: 'sku_id', after: null },
    ]);
  });
});

describe('preview == ingestion, for each platform fixture', () => {
  // The PDD doc capture has placeholder times ("1"), which the normaliser rightly rejects (fixtures.test.ts).
  const pddTimes = { created_time: '2024-11-28 10:00:00', confirm_time: '2024-11-28 10:00:05', pay_time: '2024-11-28 10:00:05', updated_at: '2024-11-28 10:00:06', last_ship_time: '2024-11-30 10:00:05', shipping_time: '', receive_time: '' };
  const samples = {
    taobao: { raw: FIXTURE_SAMPLES.taobao!.text, mapping: { 'line.platformSku': ['sku_id', 'num_iid'] }, skus: ['4470235930681', '4470235930682'] },
    pinduoduo: { raw: JSON.stringify({ ...(JSON.parse(FIXTURE_SAMPLES.pinduoduo!.text) as object), ...pddTimes }), mapping: { 'line.platformSku': ['outer_goods_id'], 'receiver.name': ['receiver_name_mask'] }, skus: ['1'] },
    douyin: { raw: FIXTURE_SAMPLES.douyin!.text, mapping: { 'line.platformSku': ['code'], 'line.title': ['spec'] }, skus: ['djfafj'] },
  } as const;

  it.each(Object.entries(samples))('%s: the preview shows the lines, standard SKUs and order fields ingestion stores', async (channel, sample) => {
    const { db, mutations } = memoryStore();
    const ch = channel as 'taobao';
    const sources = resolveMapping(ch, mappingSpecOf(ch)!, { channel: null, shop: sample.mapping, legacySkuField: null }).sources;
    await mutations.run(admin, 'test', (w) => {
      w.db.prepare('INSERT INTO sku_mappings (channel, platform_sku, standard_sku, note, updated_at) VALUES (?, ?, ?, ?, 0)').run(channel, sample.skus[0], 'STD-1', '');
      w.audit({ entityType: 'sku', entityId: 'x', action: 'upsert' });
    });
    const preview = await previewMapping(mutations, admin, { id: 'shop-1', channel: ch }, sample.raw, sources);
    expect(preview.kind, preview.message ?? '').toBe('order');
    expect(preview.lines.map((l) => l.platformSku)).toEqual(sample.skus);
    expect(preview.lines[0]!.standardSku).toBe('STD-1');
    expect(preview.unmappedLines).toBe(sample.skus.length - 1);
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 }); // nothing written

    // real ingestion of the same normalised order, then read back
    const outcome = normaliseSample(ch, sample.raw, 'shop-1', sources);
    if (outcome.kind !== 'order') throw new Error(outcome.kind);
    const { orderId } = await mutations.run(admin, 'test', (w) => ingestOrder(w, outcome.order));
    const lines = db.prepare('SELECT line_no AS lineNo, platform_sku AS platformSku, standard_sku AS standardSku, title, quantity, unit_price_fen AS unitPriceFen, amount_fen AS amountFen FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId);
    expect(preview.lines).toEqual(lines);
    const row = db.prepare('SELECT platform_order_id, receiver_name, buyer_remark, seller_remark, paid_fen FROM orders WHERE id = ?').get(orderId) as Record<string, unknown>;
    expect(row).toEqual({ platform_order_id: preview.order!.platformOrderId, receiver_name: preview.order!.receiver.name, buyer_remark: preview.order!.buyerRemark, seller_remark: preview.order!.sellerRemark, paid_fen: preview.order!.amounts.paidFen });
  });

  it('a mapping change shows in the preview (Douyin title from spec, PDD masked receiver)', async () => {
    const { mutations } = memoryStore();
    const dy = await previewMapping(mutations, admin, { id: 's', channel: 'douyin' }, samples.douyin.raw, { 'line.title': ['spec'] });
    expect(dy.lines[0]!.title).toBe('颜色:蓝');
    const pdd = await previewMapping(mutations, admin, { id: 's', channel: 'pinduoduo' }, samples.pinduoduo.raw, { 'receiver.name': ['receiver_name_mask'] });
    expect(pdd.order!.receiver.name).toBe('str');
  });
});

describe('committed fixture samples', () => {
  const here = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
  it('are verbatim slices of the fixture files', () => {
    expect(here('../taobao/fixtures/trade-doc-sample.json')).toContain(FIXTURE_SAMPLES.taobao!.text);
    expect(here('../pinduoduo/fixtures/pdd-order-list-get-response.json')).toContain(FIXTURE_SAMPLES.pinduoduo!.text);
    expect(here('../../../../shared/fixtures/partners/douyin-order-searchList-data-gsonformat.json')).toContain(FIXTURE_SAMPLES.douyin!.text);
  });
});
