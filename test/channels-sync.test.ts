/**
 * Issue 3 end to end: the engine adds shops, back-fills them from the platform simulators over real
 * HTTP through the real connectors, and a later sync changes nothing (exactly once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunInfo } from '../core/contract/channels.js';
import { createCore, type Core } from '../core/index.js';
import { startDouyinSimulator } from '../sandbox/douyin/index.js';
import { startPinduoduoSimulator } from '../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { tempDir } from './support/engine.js';
import { data, loginAs } from './support/results.js';

const DAY = 86_400_000;
const start = Date.now() - 2 * DAY;
const common = { seed: 7, orders: 300, start, spanMs: 1.5 * DAY };
let core: Core;
let admin: { token: string };
const sims: Array<{ close(): Promise<void> }> = [];
let taobao: Awaited<ReturnType<typeof startTaobaoSimulator>>;

beforeAll(async () => {
  taobao = await startTaobaoSimulator({ ...common, apps: { 'tb-app': { secret: 'tb-secret', sessions: ['tb-session'] } } });
  const pdd = await startPinduoduoSimulator({ ...common, apps: { 'pdd-client': { secret: 'pdd-secret', tokens: ['pdd-token'] } } });
  const douyin = await startDouyinSimulator({ ...common, apps: { 'dy-app': { secret: 'dy-secret', tokens: ['dy-token'] } } });
  sims.push(taobao, pdd, douyin);
  core = await createCore({ dataDir: tempDir(), demo: { size: 1, seed: 1 }, partners: { gateways: { taobao: taobao.url, pinduoduo: pdd.url, douyin: douyin.url }, timeoutMs: 10_000 } });
  admin = await loginAs(core, 'admin');
});
afterAll(async () => {
  await core.close();
  await Promise.all(sims.map((s) => s.close()));
});

async function waitForFirstRun(shopId: string) {
  for (let i = 0; i < 600; i++) {
    const shop = data(await core.invoke(admin, 'channels/shops', {})).find((s) => s.id === shopId)!;
    if (shop.state !== 'syncing' && (shop.lastSuccessAt || shop.lastError)) return shop;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${shopId} never finished its back-fill`);
}

describe('channel sync against the simulators', () => {
  it.each([
    ['taobao', 'tb-main', { appKey: 'tb-app', appSecret: 'tb-secret', accessToken: 'tb-session' }],
    ['pinduoduo', 'pdd-main', { appKey: 'pdd-client', appSecret: 'pdd-secret', accessToken: 'pdd-token' }],
    ['douyin', 'dy-main', { appKey: 'dy-app', appSecret: 'dy-secret', accessToken: 'dy-token' }],
  ] as const)('%s: test connection, add the shop, back-fill, then a sync changes nothing', async (channel, id, credentials) => {
    expect(data(await core.invoke(admin, 'channels/testConnection', { channel, credentials }))).toMatchObject({ ok: true, error: null });
    const wrong = data(await core.invoke(admin, 'channels/testConnection', { channel, credentials: { ...credentials, appSecret: 'wrong' } }));
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth', raw: expect.any(String) } });

    data(await core.invoke(admin, 'channels/addShop', { id, channel, name: `${channel} 旗舰店`, credentials, settings: { backfillDays: 3 } }));
    const shop = await waitForFirstRun(id);
    expect(shop).toMatchObject({ state: 'ok', lastError: null });
    const count = data(await core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: id } } })).total;
    expect(count).toBeGreaterThan(200);

    // syncNow answers at once with the run id; the run's end comes as a channels/syncFinished event.
    const finished = new Promise<SyncRunInfo>((resolve) => {
      const off = core.onEvent((e) => {
        if (e.name === 'channels/syncFinished' && (e.payload as SyncRunInfo).shopId === id) {
          off();
          resolve(e.payload as SyncRunInfo);
        }
      });
    });
    const again = data(await core.invoke(admin, 'channels/syncNow', { shopId: id, kind: 'rescan' }));
    expect(again).toEqual({ status: 'started', runId: expect.any(Number) });
    if (again.status !== 'started') throw new Error('not started');
    expect(data(await core.invoke(admin, 'channels/syncNow', { shopId: id, kind: 'rescan' }))).toEqual({ status: 'skipped', reason: 'A sync of this shop is already running.', runId: null });
    const summary = await finished;
    expect(summary).toMatchObject({ id: again.runId, kind: 'rescan', status: 'ok', inserted: 0, updated: 0 });
    expect(summary.pulled).toBe(summary.unchanged + summary.stale + summary.rejected);
    expect(data(await core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: id } } })).total).toBe(count);
    const runs = data(await core.invoke(admin, 'channels/runs', { shopId: id }));
    expect(runs.map((r) => [r.kind, r.status])).toEqual([['rescan', 'ok'], ['backfill', 'ok']]);
  }, 120_000);

  it('keeps Taobao 19-digit tids exact', async () => {
    const rows = data(await core.invoke(admin, 'orders/list', { filters: { shopId: { kind: 'text', op: 'equals', value: 'tb-main' } }, limit: 1000 })).rows;
    const expected = new Set(taobao.stories.map((s) => taobao.tidOf(s.n)));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.platformOrderId).toMatch(/^\d{18,19}$/);
      expect(expected.has(r.platformOrderId)).toBe(true);
    }
  });
});
