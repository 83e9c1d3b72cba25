/**
 * Field mapping end to end (issue 3 "Normalisation"): a shop back-fills from a platform simulator
 * through the real connector; the SKU source is switched from the merchant's code to the platform's
 * SKU id; orders pulled afterwards get the standard SKU the SKU mapping table gives the SKU id. The
 * preview of the stored sample agrees with what ingestion stored, the save is audited, and re-apply
 * brings the orders pulled before the change in line through the audited ingestion path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import type { OrderDetail } from '../core/contract/orders.js';
import { ManualClock } from '../core/kernel/clock.js';
import { startDouyinSimulator } from '../sandbox/douyin/index.js';
import { startPinduoduoSimulator } from '../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import type { OrderStory } from '../sandbox/common/story.js';
import { tempDir } from './support/engine.js';
import { data } from './support/results.js';

const DAY = 86_400_000;
const start = Date.now() - 3 * DAY;
const common = { seed: 11, orders: 40, start, spanMs: 1.5 * DAY };
/** The simulators and the engine share this clock: at first only the older half of the stories exist. */
const clock = new ManualClock(start + 0.75 * DAY);
let core: Core;
let admin: { token: string };
const sims: Array<{ close(): Promise<void>; stories: readonly OrderStory[] }> = [];

const SHOPS = [
  ['taobao', 'tb-map', { appKey: 'tb-app', appSecret: 'tb-secret', accessToken: 'tb-session' }],
  ['pinduoduo', 'pdd-map', { appKey: 'pdd-client', appSecret: 'pdd-secret', accessToken: 'pdd-token' }],
  ['douyin', 'dy-map', { appKey: 'dy-app', appSecret: 'dy-secret', accessToken: 'dy-token' }],
] as const;

beforeAll(async () => {
  const now = () => clock.now();
  const taobao = await startTaobaoSimulator({ ...common, now, apps: { 'tb-app': { secret: 'tb-secret', sessions: ['tb-session'] } } });
  const pdd = await startPinduoduoSimulator({ ...common, now, apps: { 'pdd-client': { secret: 'pdd-secret', tokens: ['pdd-token'] } } });
  const douyin = await startDouyinSimulator({ ...common, now, apps: { 'dy-app': { secret: 'dy-secret', tokens: ['dy-token'] } } });
  sims.push(taobao, pdd, douyin);
  core = await createCore({ dataDir: tempDir(), clock, demo: { size: 1, seed: 1 }, partners: { gateways: { taobao: taobao.url, pinduoduo: pdd.url, douyin: douyin.url }, timeoutMs: 10_000 } });
  admin = { token: data(await core.login('admin', 'demo-admin')).token };
  // Every line of every story has two SKU-table rows: its merchant code and its platform SKU id map to different standard SKUs.
  const rows = ['channel,platform_sku,standard_sku'];
  for (const [channel] of SHOPS) {
    for (const line of sims.flatMap((s) => s.stories).flatMap((s) => s.lines)) rows.push(`${channel},${line.outerSku},STD-CODE-${line.outerSku}`, `${channel},${line.skuId},STD-ID-${line.skuId}`);
  }
  const imported = data(await core.invoke(admin, 'sku/importCsv', { text: [...new Set(rows)].join('\n') }));
  expect(imported.errors).toEqual([]);
}, 60_000);

afterAll(async () => {
  await core?.close();
  await Promise.all(sims.map((s) => s.close()));
});

/** Moves the shared clock; a jump of hours outlives the session, so the operator logs in again. */
async function setClock(ms: number) {
  clock.set(ms);
  admin = { token: data(await core.login('admin', 'demo-admin')).token };
}

async function waitForFirstRun(shopId: string) {
  for (let i = 0; i < 600; i++) {
    const shop = data(await core.invoke(admin, 'channels/shops', {})).find((s) => s.id === shopId)!;
    if (shop.state !== 'syncing' && (shop.lastSuccessAt || shop.lastError)) return shop;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${shopId} never finished its back-fill`);
}

/** syncNow answers when the run has started; its row says when it is over. */
async function waitForRun(shopId: string, runId: number) {
  for (let i = 0; i < 600; i++) {
    const run = data(await core.invoke(admin, 'channels/runs', { shopId })).find((r) => r.id === runId);
    if (run && run.status !== 'running') return expect(run.status).toBe('ok');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} of ${shopId} never finished`);
}

async function ordersOf(shopId: string): Promise<OrderDetail[]> {
  const rows = data(await core.invoke(admin, 'orders/list', { filters: { shopId: { kind: 'text', op: 'equals', value: shopId } }, limit: 1000 })).rows;
  return Promise.all(rows.map(async (r) => data(await core.invoke(admin, 'orders/detail', { id: r.id }))));
}

const standardSkus = (orders: OrderDetail[]) => orders.flatMap((o) => o.lines.map((l) => l.standardSku));

describe.each(SHOPS)('%s: changing the SKU source', (channel, shopId, credentials) => {
  let before: OrderDetail[];

  it('back-fills with the default source: the merchant code', async () => {
    await setClock(start + 0.75 * DAY);
    data(await core.invoke(admin, 'channels/addShop', { id: shopId, channel, name: `${channel} mapping`, credentials, settings: { backfillDays: 4 } }));
    expect(await waitForFirstRun(shopId)).toMatchObject({ state: 'ok', lastError: null });
    before = await ordersOf(shopId);
    expect(before.length).toBeGreaterThan(5);
    for (const sku of standardSkus(before)) expect(sku).toMatch(/^STD-CODE-SKU-\d{4}$/);
    const view = data(await core.invoke(admin, 'channels/mapping/get', { shopId }));
    expect(view.fields.find((f) => f.field === 'line.platformSku')).toMatchObject({ origin: 'default', shop: null });
    expect(view.sample.origin).toBe('stored');
  }, 60_000);

  it('previews the stored sample with the SKU id exactly as ingestion then stores it', async () => {
    const view = data(await core.invoke(admin, 'channels/mapping/get', { shopId }));
    const skuSource = view.fields.find((f) => f.field === 'line.platformSku')!;
    expect(skuSource.sources.map((s) => s.source)).toContain('sku_id');
    const preview = data(await core.invoke(admin, 'channels/mapping/preview', { shopId, scope: 'shop', fields: { 'line.platformSku': ['sku_id'] }, rawPayloadId: view.sample.rawPayloadId }));
    expect(preview.kind).toBe('order');
    expect(preview.unmappedLines).toBe(0);
    for (const line of preview.lines) expect(line.standardSku).toBe(`STD-ID-${line.platformSku}`);
    // the preview wrote nothing
    expect((await ordersOf(shopId)).map((o) => o.version)).toEqual(before.map((o) => o.version));

    const saved = data(await core.invoke(admin, 'channels/mapping/save', { shopId, scope: 'shop', fields: { 'line.platformSku': ['sku_id'] } }));
    expect(saved.fields.find((f) => f.field === 'line.platformSku')).toMatchObject({ origin: 'shop', shop: ['sku_id'], effective: ['sku_id'] });

    // once re-applied, the sample's order holds exactly the lines the preview showed
    const reapplied = data(await core.invoke(admin, 'channels/mapping/reapply', { shopId }));
    expect(reapplied).toMatchObject({ considered: before.length, updated: before.length, skipped: 0 });
    const stored = (await ordersOf(shopId)).find((o) => o.platformOrderId === preview.order!.platformOrderId)!;
    expect(stored.lines.map((l) => [l.lineNo, l.platformSku, l.standardSku, l.title, l.quantity, l.unitPriceFen, l.amountFen])).toEqual(
      preview.lines.map((l) => [l.lineNo, l.platformSku, l.standardSku, l.title, l.quantity, l.unitPriceFen, l.amountFen]),
    );
    const timeline = data(await core.invoke(admin, 'audit/orderTimeline', { orderId: stored.id }));
    expect(timeline[0]).toMatchObject({ action: 'update', source: `mapping-reapply:${shopId}`, actor: { type: 'operator' } });
  }, 60_000);

  it('orders pulled after the change get the standard SKU of their SKU id', async () => {
    const known = new Set((await ordersOf(shopId)).map((o) => o.id));
    await setClock(start + 1.6 * DAY); // the newer half of the stories now exists on the platform
    const sync = data(await core.invoke(admin, 'channels/syncNow', { shopId }));
    expect(sync.status).toBe('started');
    await waitForRun(shopId, sync.runId!);
    const fresh = (await ordersOf(shopId)).filter((o) => !known.has(o.id));
    expect(fresh.length).toBeGreaterThan(5);
    for (const sku of standardSkus(fresh)) expect(sku).toMatch(/^STD-ID-\d{13}$/);
  }, 60_000);
});

describe('definition checks and audit', () => {
  it('refuses an unknown source, naming it, and stores nothing', async () => {
    const result = await core.invoke(admin, 'channels/mapping/save', { shopId: 'tb-map', scope: 'channel', fields: { 'line.platformSku': ['sku_id', 'goods_id'] } });
    expect('error' in result && result.error).toMatchObject({ type: 'ValidationError', message: expect.stringContaining('unknown source "goods_id"') });
    const view = data(await core.invoke(admin, 'channels/mapping/get', { shopId: 'tb-map' }));
    expect(view.fields.find((f) => f.field === 'line.platformSku')!.channel).toBeNull();
  });

  it('a channel definition applies to shops without their own, and the change is audited', async () => {
    data(await core.invoke(admin, 'channels/mapping/save', { shopId: 'pdd-map', scope: 'channel', fields: { 'line.title': ['goods_spec', 'goods_name'] } }));
    const view = data(await core.invoke(admin, 'channels/mapping/get', { shopId: 'pdd-map' }));
    expect(view.fields.find((f) => f.field === 'line.title')).toMatchObject({ origin: 'channel', channel: ['goods_spec', 'goods_name'] });
    expect(view.fields.find((f) => f.field === 'line.platformSku')).toMatchObject({ origin: 'shop', effective: ['sku_id'] });
  });

  it('viewers may look but not save', async () => {
    const viewer = { token: data(await core.login('viewer', 'demo-viewer')).token };
    expect('data' in (await core.invoke(viewer, 'channels/mapping/get', { shopId: 'dy-map' }))).toBe(true);
    const refused = await core.invoke(viewer, 'channels/mapping/save', { shopId: 'dy-map', scope: 'shop', fields: {} });
    expect('error' in refused && refused.error.type).toBe('Forbidden');
  });
});
