/** Douyin message pushes at /hooks/douyin: verified, de-duplicated, orders re-read and ingested once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { startDouyinSimulator } from '../sandbox/douyin/index.js';
import { tempDir } from './support/engine.js';

const DAY = 86_400_000;
let running: RunningConsole;
let douyin: Awaited<ReturnType<typeof startDouyinSimulator>>;
let admin: { token: string };

beforeAll(async () => {
  douyin = await startDouyinSimulator({ seed: 11, orders: 120, start: Date.now() - 2 * DAY, spanMs: DAY, apps: { 'dy-app': { secret: 'dy-secret', tokens: ['dy-token'] } } });
  running = await startConsole({ dataDir: tempDir(), port: 0, demo: { orders: 0 }, logger: silentLogger, staticDir: tempDir(), schedule: false, partners: { gateways: { douyin: douyin.url } } });
  const login = await running.core.login('admin', 'demo-admin');
  if ('error' in login) throw new Error(login.error.message);
  admin = { token: login.data.token };
  // No history: every order in this test arrives because of a push.
  const added = await running.core.invoke(admin, 'channels/addShop', { id: 'dy-main', channel: 'douyin', name: '抖店旗舰店', credentials: { appKey: 'dy-app', appSecret: 'dy-secret', accessToken: 'dy-token' }, settings: { backfillDays: 0 } });
  if ('error' in added) throw new Error(added.error.message);
});
afterAll(async () => {
  await running.close();
  await douyin.close();
});

const count = async () => {
  const r = await running.core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: 'dy-main' } } });
  if ('error' in r) throw new Error(r.error.message);
  return r.data.total;
};

describe('Douyin message push', () => {
  it('answers the connectivity test, ingests the pushed orders once, and refuses a wrong signature', async () => {
    const ping = await douyin.pushTo(`${running.url}/hooks/douyin`, { connectivityTest: true });
    expect(ping.replies).toEqual([{ status: 200, body: JSON.stringify({ code: 0, msg: 'success' }) }]);
    expect(await count()).toBe(0);

    const report = await douyin.pushTo(`${running.url}/hooks/douyin`);
    expect(report.records).toBeGreaterThan(50);
    for (const reply of report.replies) expect(JSON.parse(reply.body)).toEqual({ code: 0, msg: 'success' });
    const afterPush = await count();
    expect(afterPush).toBeGreaterThan(30);
    const timeline = await running.core.invoke(admin, 'orders/list', { filters: { shopId: { kind: 'text', op: 'equals', value: 'dy-main' } }, limit: 1 });
    if ('error' in timeline) throw new Error(timeline.error.message);
    const events = await running.core.invoke(admin, 'audit/orderTimeline', { orderId: timeline.data.rows[0]!.id });
    if ('error' in events) throw new Error(events.error.message);
    expect(events.data.at(-1)).toMatchObject({ action: 'create', actor: { type: 'platform', id: 'douyin' }, source: 'push:douyin:dy-main' });

    const forged = await fetch(`${running.url}/hooks/douyin`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'event-sign': '0'.repeat(32) }, body: '[{"tag":"106","msg_id":"x","data":"{}"}]' });
    expect(forged.status).toBe(401);
    expect(await count()).toBe(afterPush);
  }, 60_000);
});
