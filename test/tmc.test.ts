/** Taobao TMC: messages re-read their trades through trade.fullinfo.get, then are confirmed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../core/channels/connectors.js';
import { ChannelService, credentialsSecret } from '../core/channels/service.js';
import { insertShop, listShops } from '../core/channels/sync/shops-repo.js';
import { consumeTaobaoMessages } from '../core/channels/tmc-job.js';
import { systemClock } from '../core/kernel/clock.js';
import { loadOrCreateDataKey, SecretStore } from '../core/secrets/secrets.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { memoryStore } from './support/engine.js';

let sim: Awaited<ReturnType<typeof startTaobaoSimulator>>;
beforeAll(async () => {
  sim = await startTaobaoSimulator({ seed: 5, orders: 60, start: Date.now() - 86_400_000, spanMs: 3_600_000 * 12, apps: { 'tb-app': { secret: 'tb-secret', sessions: ['tb-session'] } } });
});
afterAll(() => sim.close());

describe('Taobao TMC consumption', () => {
  it('ingests the trades its messages name, confirms them, and the next poll finds nothing', async () => {
    const { db, mutations, dir } = memoryStore(Date.now());
    const secrets = new SecretStore(db, loadOrCreateDataKey(dir));
    const service = new ChannelService({ db, mutations, clock: systemClock, secrets, partners: { gateways: { taobao: sim.url }, timeoutMs: 10_000 }, connectors: createConnectors(), onProgress: () => undefined });
    await mutations.run({ type: 'operator', id: '1', name: 'admin' }, 'test', (w) => {
      insertShop(w, { id: 'tb-main', channel: 'taobao', name: '淘宝', settings: {} });
      secrets.put(w, credentialsSecret('tb-main'), JSON.stringify({ appKey: 'tb-app', appSecret: 'tb-secret', accessToken: 'tb-session' }));
    });
    const shop = listShops(db)[0]!;
    const first = await consumeTaobaoMessages(service, shop);
    expect(first.messages).toBeGreaterThan(0);
    expect(first.trades).toBeGreaterThan(0);
    const orders = db.prepare("SELECT count(*) AS n FROM orders WHERE shop_id = 'tb-main'").get() as { n: number };
    expect(orders.n).toBe(first.trades);
    expect(db.prepare("SELECT DISTINCT source FROM audit_events WHERE entity_type = 'order'").all()).toEqual([{ source: 'tmc:taobao:tb-main' }]);
    let again = await consumeTaobaoMessages(service, shop);
    for (let i = 0; i < 5 && again.messages > 0; i++) again = await consumeTaobaoMessages(service, shop);
    expect(again).toEqual({ messages: 0, trades: 0 });
  }, 60_000);
});
