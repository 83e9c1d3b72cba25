/**
 * `--demo` fills the store the way a merchant's would (issue 3): platform simulators in-process on
 * loopback, one shop per channel added through the real handlers, back-fill through the real
 * connectors, WeChat/POS through signed pushes to the console's own /hooks/<channel>. With an
 * injected clock the same seed gives the same store, and the flow brings new orders and updates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, OrderRow } from '../core/contract/orders.js';
import { ManualClock } from '../core/kernel/clock.js';
import { silentLogger } from '../core/kernel/logger.js';
import { createCore } from '../core/index.js';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { prepareDemo, receiverSender } from '../main/node/demo/index.js';
import { tempDir } from './support/engine.js';
import { data } from './support/results.js';

const T0 = Date.UTC(2026, 10, 28, 6, 30);
const MINUTE = 60_000;
const SYSTEM = { trusted: { type: 'system' as const, id: 'test', name: 'test' } };
const CHANNELS: Channel[] = ['taobao', 'pinduoduo', 'douyin', 'wechat', 'pos'];
const consoles: RunningConsole[] = [];

afterEach(async () => {
  await Promise.all(consoles.splice(0).map((c) => c.close()));
});

async function demoConsole(seed: number, orders: number, flow: false | { ordersPerMinute: number }, clock = new ManualClock(T0), dataDir = tempDir()) {
  const running = await startConsole({ dataDir, port: 0, demo: { seed, orders, flow: flow && { ...flow, pushEveryMs: 3_600_000 } }, logger: silentLogger, staticDir: tempDir(), schedule: false, clock });
  consoles.push(running);
  return { running, clock };
}

async function allOrders(running: RunningConsole): Promise<OrderRow[]> {
  const rows: OrderRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = data(await running.core.invoke(SYSTEM, 'orders/list', { sort: { column: 'id', direction: 'asc' }, limit: 1000, ...(after ? { after } : {}) }));
    rows.push(...page.rows);
    if (!page.nextCursor || page.nextCursor === after) return rows;
    after = page.nextCursor;
  }
}

/** What identifies an order and what the platform said about it. */
const fingerprint = (r: OrderRow) => `${r.channel}|${r.shopId}|${r.platformOrderId}|${r.status}|${r.paidFen}|${r.createdAt}|${r.platformModifiedAt}|${r.receiverName}|${r.waybillNos.join(',')}`;

/** `channels/syncNow` for each pulled shop, waiting until its run has finished. */
async function pullAll(running: RunningConsole): Promise<void> {
  for (const shopId of ['demo-taobao', 'demo-pinduoduo', 'demo-douyin']) {
    const finished = async () => data(await running.core.invoke(SYSTEM, 'channels/runs', { shopId, limit: 500 })).filter((r) => r.status !== 'running');
    const before = (await finished()).length;
    const started = data(await running.core.invoke(SYSTEM, 'channels/syncNow', { shopId, kind: 'modified' }));
    expect(started.status).not.toBe('skipped');
    for (let i = 0; (await finished()).length === before; i++) {
      if (i > 600) throw new Error(`${shopId}: the sync did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [last] = await finished();
    expect(last).toMatchObject({ shopId, status: 'ok' });
  }
}

describe('--demo through the sandbox', () => {
  it('--no-flow: all five channels, every order written by its platform through a connector or a signed push', async () => {
    const { running } = await demoConsole(11, 500, false);
    const summary = running.demo!.summary;
    for (const channel of CHANNELS) expect(summary.ordersByChannel[channel], channel).toBeGreaterThan(0);
    const rows = await allOrders(running);
    expect(rows).toHaveLength(summary.total);
    expect(new Set(rows.map((r) => r.shopId))).toEqual(new Set(CHANNELS.map((c) => `demo-${c}`)));

    // Every order was created and changed by its platform, through the connector's pull or the push
    // receiver, with the raw payload linked. Nothing was generated inside the engine. (Other modules
    // may add their own system events to an order, e.g. logistics; those are not the order's writes.)
    const sources = new Set<string>();
    for (const row of rows) {
      const timeline = data(await running.core.invoke(SYSTEM, 'audit/orderTimeline', { orderId: row.id }));
      const writes = timeline.filter((e) => e.entityType === 'order' && (e.action === 'create' || e.action === 'update'));
      expect(writes.filter((e) => e.action === 'create')).toHaveLength(1);
      for (const event of writes) {
        expect(event.actor).toMatchObject({ type: 'platform', id: row.channel });
        expect(event.rawPayloadId).not.toBeNull();
        sources.add(event.source.replace(/:demo-.*$/, ''));
      }
    }
    expect([...sources].sort()).toEqual(['pull:douyin', 'pull:pinduoduo', 'pull:taobao', 'push:pos', 'push:wechat']);

    // The ids are the simulators' own: Taobao's 19-digit tids exact, POS tickets as the till numbers them.
    const tids = new Set(running.demo!.simulators!.taobao.stories.map((s) => running.demo!.simulators!.taobao.tidOf(s.n)));
    const taobao = rows.filter((r) => r.channel === 'taobao');
    expect(taobao.every((r) => /^\d{19}$/.test(r.platformOrderId) && tids.has(r.platformOrderId))).toBe(true);
    expect(rows.filter((r) => r.channel === 'pos').every((r) => /^POS-SH01-\d{8}-\d{6}$/.test(r.platformOrderId))).toBe(true);

    // A still picture: a pull and a flow round later, nothing changed.
    const before = rows.map(fingerprint);
    expect(await running.demo!.tick()).toEqual({ douyinMessages: 0, merchantOrders: 0, refused: 0 });
    await pullAll(running);
    expect((await allOrders(running)).map(fingerprint)).toEqual(before);
  }, 120_000);

  it('the same seed gives the same orders; another seed gives others', async () => {
    const a = await demoConsole(21, 300, false);
    const b = await demoConsole(21, 300, false);
    const c = await demoConsole(22, 300, false);
    const [rowsA, rowsB, rowsC] = await Promise.all([a, b, c].map(({ running }) => allOrders(running)));
    const sorted = (rows: OrderRow[]) => rows.map(fingerprint).sort();
    expect(rowsA!.length).toBeGreaterThan(250);
    expect(sorted(rowsB!)).toEqual(sorted(rowsA!));
    const seenInA = new Set(rowsA!.map(fingerprint));
    expect(rowsC!.filter((r) => seenInA.has(fingerprint(r)))).toEqual([]);
  }, 120_000);

  it('flow: new orders arrive and updates apply as time passes, through the pulls and the pushes; close stops it all', async () => {
    const { running, clock } = await demoConsole(31, 200, { ordersPerMinute: 6 });
    const sims = running.demo!.simulators!;
    const start = new Map((await allOrders(running)).map((r) => [`${r.channel}|${r.platformOrderId}`, r]));

    // Forty minutes later: the new orders of that time, from every channel.
    clock.advance(40 * MINUTE);
    const first = await running.demo!.tick();
    expect(first.refused).toBe(0);
    expect(first.douyinMessages).toBeGreaterThan(0);
    expect(first.merchantOrders).toBeGreaterThan(0);
    await pullAll(running);
    const middle = await allOrders(running);
    const arrived = middle.filter((r) => !start.has(`${r.channel}|${r.platformOrderId}`));
    for (const channel of CHANNELS) expect(arrived.filter((r) => r.channel === channel).length, channel).toBeGreaterThan(0);

    // Six hours on: payments, shipments, cancellations, refunds change orders already in the store.
    clock.advance(6 * 60 * MINUTE);
    await running.demo!.tick();
    await pullAll(running);
    const later = new Map((await allOrders(running)).map((r) => [r.id, r]));
    const changed = middle.filter((r) => later.get(r.id)!.platformModifiedAt > r.platformModifiedAt);
    for (const channel of CHANNELS) expect(changed.filter((r) => r.channel === channel).length, channel).toBeGreaterThan(0);
    const transitions = new Set(changed.map((r) => `${r.status}→${later.get(r.id)!.status}`));
    expect(transitions).toContain('paid→shipped');
    expect([...transitions].some((t) => t.endsWith('→cancelled') || t.endsWith('→refunded') || t.endsWith('→refunding'))).toBe(true);
    const updated = changed.find((r) => r.channel === 'taobao')!;
    const timeline = data(await running.core.invoke(SYSTEM, 'audit/orderTimeline', { orderId: updated.id }));
    const updates = timeline.filter((e) => e.entityType === 'order' && e.action === 'update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((e) => e.actor.type === 'platform' && (e.source === 'pull:taobao:demo-taobao' || e.source === 'tmc:taobao:demo-taobao'))).toBe(true);

    // Stopping the console stops the simulators (their ports refuse) and the flow.
    const urls = [sims.taobao.url, sims.pinduoduo.url, sims.douyin.url, running.url];
    await running.close();
    for (const url of urls) await expect(fetch(url, { method: 'POST' }), url).rejects.toThrow();
    expect(await running.demo!.tick()).toEqual({ douyinMessages: 0, merchantOrders: 0, refused: 0 });
  }, 180_000);

  it('a demo folder keeps its seed: a restart with another seed rebuilds the same stream, adds no shop, and says so', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(T0);
    const first = await demoConsole(41, 200, false, clock, dataDir);
    const rows = (await allOrders(first.running)).map(fingerprint);
    await first.running.close();
    clock.advance(MINUTE);
    const second = await demoConsole(42, 999, false, clock, dataDir);
    expect(second.running.demo!.summary.ignored).toEqual(['seed 42 (this folder holds seed 41)', '999 orders (this folder holds 200)']);
    expect(second.running.core.startupNotices.join('\n')).toMatch(/already holds a demo: ignored seed 42/);
    expect(data(await second.running.core.invoke(SYSTEM, 'channels/shops', {}))).toHaveLength(5);
    await pullAll(second.running);
    expect((await allOrders(second.running)).map(fingerprint)).toEqual(rows);
  }, 120_000);

  it('parcels are followed through the demo Kuaidi100 from their real ship time; notifications reach the demo robot and SMS gateway', async () => {
    const { running } = await demoConsole(13, 300, false);
    const shipped = (await allOrders(running)).find((r) => r.channel === 'taobao' && r.waybillNos.length > 0)!;
    expect(shipped, 'a shipped Taobao order').toBeDefined();
    const [outcome] = data(await running.core.invoke(SYSTEM, 'logistics/track', { orderId: shipped.id })).parcels;
    expect(outcome).toMatchObject({ waybillNo: shipped.waybillNos[0], error: null });
    expect(outcome!.added).toBeGreaterThan(0);
    const [trail] = data(await running.core.invoke(SYSTEM, 'logistics/trail', { orderId: shipped.id })).parcels;
    const story = running.demo!.simulators!.taobao.stories.find((s) => s.versions.some((v) => v.parcel?.waybillNo === shipped.waybillNos[0]))!;
    const shippedAt = story.versions.find((v) => v.parcel)!.parcel!.shippedAt;
    // The journey starts when the story shipped, not when the number was first queried.
    expect(trail!.events[0]!.occurredAt).toBeGreaterThanOrEqual(shippedAt);
    expect(trail!.events[0]!.occurredAt).toBeLessThan(shippedAt + 2 * 24 * 60 * MINUTE);
    expect(trail!.events.every((e) => e.partnerStatus.startsWith('kuaidi100:'))).toBe(true);
    const partners = data(await running.core.invoke(SYSTEM, 'logistics/partners', {}));
    expect(partners.find((p) => p.partner === 'kuaidi100')).toMatchObject({ source: 'startup', active: true, isDefault: true });

    // The rules' notifications have somewhere to go: the warehouse robot and the SMS gateway of the demo.
    const receivers = running.demo!.simulators!.notify;
    expect(data(await running.core.invoke(SYSTEM, 'notify/testSend', { targetId: 'wecom-warehouse' }))).toMatchObject({ ok: true, state: 'delivered' });
    expect(data(await running.core.invoke(SYSTEM, 'notify/testSend', { targetId: 'sms', phone: '13800138000' }))).toMatchObject({ ok: true, state: 'delivered' });
    expect(receivers.messages.map((m) => [m.channel, m.accepted])).toEqual([['wecom', true], ['sms', true]]);
  }, 120_000);

  it("desktop host (no HTTP listener): the merchant backends' signed requests reach the same receiver; Douyin is polled", async () => {
    const clock = new ManualClock(T0);
    const dataDir = tempDir();
    const prepared = await prepareDemo(dataDir, { seed: 51, orders: 200, flow: { pushEveryMs: 3_600_000 } }, () => clock.now());
    const core = await createCore({ dataDir, clock, demo: true, partners: prepared.partners!, logger: silentLogger });
    try {
      const demo = await prepared.fill(core, { send: receiverSender(core) });
      for (const channel of CHANNELS) expect(demo.summary.ordersByChannel[channel], channel).toBeGreaterThan(0);
      clock.advance(30 * MINUTE);
      const round = await demo.tick();
      expect(round).toMatchObject({ douyinMessages: 0, refused: 0 });
      expect(round.merchantOrders).toBeGreaterThan(0);
      // A forged request through the same function is refused, as at /hooks/pos.
      const forged = await core.receivePush('pos', { headers: { 'x-orderhub-shop': 'demo-pos', 'x-orderhub-timestamp': String(clock.now()), 'x-orderhub-nonce': 'n'.repeat(20), 'x-orderhub-signature': '0'.repeat(64) }, body: Buffer.from('{"orders":[]}') });
      expect(forged.status).toBe(401);
    } finally {
      await prepared.close();
      await core.close();
    }
  }, 120_000);

  it('a demo with orders refuses other platform gateways, and refuses a non-loopback host before starting anything', async () => {
    await expect(startConsole({ dataDir: tempDir(), port: 0, demo: { orders: 10 }, partners: { gateways: { taobao: 'http://127.0.0.1:9/router/rest' } }, logger: silentLogger })).rejects.toThrow(/brings its own taobao simulators/);
    await expect(startConsole({ dataDir: tempDir(), port: 0, host: '0.0.0.0', demo: { orders: 10 }, logger: silentLogger })).rejects.toThrow(/refuses to listen on 0\.0\.0\.0/);
  });
});
