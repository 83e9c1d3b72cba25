/**
 * Issue 4 end to end: orders shipped through a channel sync become followed parcels; "track now"
 * subscribes and queries them at the Kuaidi100 simulator; the simulator's pushes reach the console's
 * /hooks/kuaidi100 over HTTP and fill each order's trail; a forged push is refused.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { startKuaidi100Simulator } from '../sandbox/kuaidi100/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { tempDir } from './support/engine.js';
import { data } from './support/results.js';

const DAY = 86_400_000;
let running: RunningConsole;
let taobao: Awaited<ReturnType<typeof startTaobaoSimulator>>;
let kuaidi100: Awaited<ReturnType<typeof startKuaidi100Simulator>>;
let admin: { token: string };
let shift = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

beforeAll(async () => {
  taobao = await startTaobaoSimulator({ seed: 21, orders: 80, start: Date.now() - 2 * DAY, spanMs: 1.5 * DAY, apps: { 'tb-app': { secret: 'tb-secret', sessions: ['tb-session'] } } });
  kuaidi100 = await startKuaidi100Simulator({ seed: 21, customers: { CUST: 'k100-key' }, now: () => Date.now() + shift, headStartMs: 2 * 3_600_000, mix: { 'never-picked-up': 0 } });
  const port = await freePort();
  running = await startConsole({
    dataDir: tempDir(), port, demo: { orders: 0 }, logger: silentLogger, staticDir: tempDir(), schedule: false,
    partners: {
      gateways: { taobao: taobao.url },
      logistics: { kuaidi100: { baseUrl: kuaidi100.url, customer: 'CUST', key: 'k100-key', salt: 'k100-salt', callbackUrl: `http://127.0.0.1:${port}/hooks/kuaidi100` } },
    },
  });
  admin = { token: data(await running.core.login('admin', 'demo-admin')).token };
  data(await running.core.invoke(admin, 'channels/addShop', { id: 'tb-main', channel: 'taobao', name: '淘宝旗舰店', credentials: { appKey: 'tb-app', appSecret: 'tb-secret', accessToken: 'tb-session' }, settings: { backfillDays: 3 } }));
}, 60_000);
afterAll(async () => {
  await running?.close();
  await taobao?.close();
  await kuaidi100?.close();
});

describe('logistics tracking end to end', () => {
  it('shipped orders become parcels whose trails fill from the Kuaidi100 simulator by query and push', async () => {
    const parcels = await until('parcels from the channel sync', async () => {
      const shop = data(await running.core.invoke(admin, 'channels/shops', {})).find((s) => s.id === 'tb-main');
      if (!shop?.lastSuccessAt) return null;
      const list = data(await running.core.invoke(admin, 'logistics/parcels', { limit: 1000 }));
      return list.total > 5 ? list : null;
    });
    expect(parcels.counts.AWAITING_PICKUP).toBe(parcels.total);
    // Each parcel is the order's shipment, at the shipment's time (the "logistics sync timestamp").
    const sample = parcels.rows[0]!;
    const order = data(await running.core.invoke(admin, 'orders/detail', { id: sample.orders[0]!.orderId }));
    const shipment = order.shipments.find((s) => s.waybillNo === sample.waybillNo)!;
    expect(shipment).toBeDefined();
    expect(sample.shippedAt).toBe(shipment.shippedAt);
    expect(sample.channel).toBe('taobao');

    const chosen = parcels.rows.slice(0, 6);
    for (const p of chosen) {
      const tracked = data(await running.core.invoke(admin, 'logistics/track', { parcelId: p.id }));
      expect(tracked.parcels[0]).toMatchObject({ parcelId: p.id, error: null });
    }
    expect(kuaidi100.subscriptions().size).toBe(chosen.length);

    shift = 6 * DAY;
    const pushes = await kuaidi100.pushDue();
    expect(pushes.length).toBeGreaterThanOrEqual(chosen.length);
    for (const push of pushes) expect(push).toMatchObject({ accepted: true, reply: '{"result":true,"returnCode":"200","message":"成功"}' });

    const orderId = chosen[0]!.orders[0]!.orderId;
    const trail = data(await running.core.invoke(admin, 'logistics/trail', { orderId }));
    const mine = trail.parcels.find((t) => t.parcel.id === chosen[0]!.id)!;
    const journey = kuaidi100.journey(chosen[0]!.waybillNo)!;
    expect(mine.events.length).toBe(journey.steps.length);
    expect(new Set(mine.events.map((e) => e.source))).toContain('push');
    expect(['DELIVERED', 'RETURNED']).toContain(mine.parcel.state);
    const times = mine.events.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Each node opens its raw payload through the audit handler.
    const node = mine.events.find((e) => e.source === 'push')!;
    const raw = data(await running.core.invoke(admin, 'audit/rawPayload', { id: node.rawPayloadId! }));
    expect(raw.source).toBe('kuaidi100:push');
    expect(decodeURIComponent(raw.body)).toContain(chosen[0]!.waybillNo);

    // Every transition is on the order's timeline as the courier's event.
    const timeline = data(await running.core.invoke(admin, 'audit/orderTimeline', { orderId }));
    const transitions = timeline.filter((e) => e.action === 'logistics-state');
    expect(transitions.length).toBeGreaterThanOrEqual(2);
    expect(transitions[0]).toMatchObject({ actor: { type: 'courier', id: 'kuaidi100' } });
    expect(timeline.some((e) => e.action === 'logistics-followed')).toBe(true);

    const after = data(await running.core.invoke(admin, 'logistics/parcels', { limit: 1 }));
    expect(Object.values(after.counts).reduce((a, b) => a + b, 0)).toBe(after.total);
    expect(after.counts.AWAITING_PICKUP).toBeLessThanOrEqual(after.total - chosen.length);

    // A push with a forged signature: refused with the retry reply, nothing written.
    const events = mine.events.length;
    const forged = await fetch(`${running.url}/hooks/kuaidi100`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ param: JSON.stringify({ status: 'polling', lastResult: { nu: chosen[0]!.waybillNo, com: 'yuantong', state: '0', data: [{ time: '2030-01-01 00:00:00', context: 'forged', statusCode: '0' }] } }), sign: '0'.repeat(32) }).toString(),
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ result: false });
    const again = data(await running.core.invoke(admin, 'logistics/trail', { parcelId: chosen[0]!.id }));
    expect(again.parcels[0]!.events).toHaveLength(events);

    // A duplicate delivery of everything changes nothing.
    const total = data(await running.core.invoke(admin, 'logistics/trail', { orderId })).parcels.reduce((n, t) => n + t.events.length, 0);
    for (const p of chosen) data(await running.core.invoke(admin, 'logistics/track', { parcelId: p.id }));
    expect(data(await running.core.invoke(admin, 'logistics/trail', { orderId })).parcels.reduce((n, t) => n + t.events.length, 0)).toBe(total);
  }, 60_000);

  it('viewers read parcels but cannot track; unknown codes are listed', async () => {
    const codes = data(await running.core.invoke(admin, 'logistics/unknownCodes', {}));
    for (const c of codes) expect(c).toMatchObject({ partner: 'kuaidi100', occurrences: expect.any(Number) });
    const added = data(await running.core.invoke(admin, 'users/add', { username: 'viewer1', role: 'viewer', password: 'viewer-pass-123' }));
    expect(added.operator.permissions).toContain('logistics.read');
    const viewer = { token: data(await running.core.login('viewer1', 'viewer-pass-123')).token };
    const denied = await running.core.invoke(viewer, 'logistics/track', { parcelId: 1 });
    expect('error' in denied && denied.error.type).toBe('Forbidden');
  });
});
