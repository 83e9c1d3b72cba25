/**
 * End-to-end pull throughput per channel: the simulator on loopback → signing → HTTP → lossless
 * parse → normalisation → exactly-once upsert with audit, through the sync runner, beside the raw
 * better-sqlite3 ingest ceiling of the same number of orders. Goal (issue 3): ≥ 2,000 orders/s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConnectors } from '../core/channels/connectors.js';
import { ChannelService, credentialsSecret } from '../core/channels/service.js';
import { insertShop, listShops } from '../core/channels/sync/shops-repo.js';
import type { Channel } from '../core/contract/orders.js';
import { systemClock } from '../core/kernel/clock.js';
import { loadOrCreateDataKey, SecretStore } from '../core/secrets/secrets.js';
import { demoOrders, freshStore, rawInsert } from './fixtures.js';
import { figure, type Bench } from './harness.js';

const DAY = 86_400_000;
const GOAL = 2000;

/** The simulator in a child process (see simulator-process.ts); resolves with its URL. */
function simulator(channel: Channel, orders: number, start: number): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./simulator-process.ts', import.meta.url)), channel, String(orders), String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /url (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, close: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`${channel} simulator exited (${code}) before listening`)));
  });
}

export const channelsBench: Bench = {
  name: 'channels',
  description: 'back-fill of one promotion day per channel from its simulator, end to end, vs the raw ingest ceiling',
  async run({ smoke, log }) {
    const size = smoke ? 300 : 10_000;
    const raw = freshStore('channels-raw');
    const rawStart = performance.now();
    rawInsert(raw.db, demoOrders(size), 1000);
    const rawRate = size / ((performance.now() - rawStart) / 1000);
    raw.dispose();
    const figures = [];
    for (const channel of ['taobao', 'pinduoduo', 'douyin'] as const) {
      const start = Date.now() - 1.5 * DAY;
      const sim = await simulator(channel, size, start);
      const store = freshStore(`channels-${channel}`);
      const secrets = new SecretStore(store.db, loadOrCreateDataKey(store.dir));
      const service = new ChannelService({ db: store.db, mutations: store.mutations, clock: systemClock, secrets, partners: { gateways: { [channel]: sim.url }, timeoutMs: 30_000 }, connectors: createConnectors(), onProgress: () => undefined });
      await store.mutations.run({ type: 'system', id: 'bench', name: 'bench' }, 'bench', (w) => {
        insertShop(w, { id: 'shop', channel, name: channel, settings: { backfillDays: 2, safetyLagMs: 180_000 } });
        secrets.put(w, credentialsSecret('shop'), JSON.stringify({ appKey: 'app', appSecret: 'secret', accessToken: 'token' }));
      });
      const shop = listShops(store.db)[0]!;
      const t0 = performance.now();
      const outcome = await service.runner.sync(shop, 'backfill', 'bench', { from: start - DAY });
      const seconds = (performance.now() - t0) / 1000;
      if (outcome.status !== 'ok') throw new Error(`${channel} back-fill ${outcome.status}: ${JSON.stringify(outcome)}`);
      log(`${channel}: ${outcome.run.inserted} orders in ${outcome.run.pages} pages, ${seconds.toFixed(1)} s`);
      const rate = outcome.run.inserted / seconds;
      figures.push(figure('channels', `${channel} back-fill end to end`, rate, 'orders/s', { baseline: rawRate, goal: `≥ ${GOAL} orders/s`, met: rate >= GOAL }));
      store.dispose();
      await sim.close();
    }
    return figures;
  },
};
