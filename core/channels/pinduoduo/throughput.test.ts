/** Observed throughput: ~5 000 orders of one shop pulled from the simulator over loopback HTTP. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PinduoduoSimulator, startPinduoduoSimulator, visibleVersion } from '../../../sandbox/pinduoduo/index.js';
import type { ShopContext } from '../types.js';
import { createPinduoduoConnector } from './connector.js';

const START = Date.UTC(2024, 10, 28, 0, 0, 0);
const DAY = 86_400_000;
const clock = { t: START + 30 * DAY };
let sim: PinduoduoSimulator;
beforeAll(async () => {
  sim = await startPinduoduoSimulator({ seed: 2024, orders: 5000, start: START, spanMs: DAY, apps: { app: { secret: 's', tokens: ['t'] } }, now: () => clock.t });
});
afterAll(() => sim.close());

const shop: ShopContext = { shopId: 'p', credentials: { appKey: 'app', appSecret: 's', accessToken: 't' }, env: { baseUrl: '', timeoutMs: 10_000, now: () => clock.t, fetch } };

it('pulls ~5 000 orders by confirm time and by updated_at, each exactly once', async () => {
  const connector = createPinduoduoConnector();
  const context = { ...shop, env: { ...shop.env, baseUrl: sim.url } };
  const window = { from: START, to: START + DAY + 3600_000 };
  const rate = async (kind: 'pullCreated' | 'pullModified') => {
    const ids: string[] = [];
    const calls = sim.stats.calls;
    const t0 = performance.now();
    await connector[kind](context, window, async (page) => void ids.push(...page.orders.map((o) => o.platformOrderId)));
    const seconds = (performance.now() - t0) / 1000;
    return { ids, calls: sim.stats.calls - calls, seconds, perSecond: Math.round(ids.length / seconds) };
  };
  const created = await rate('pullCreated');
  clock.t = window.to + 3 * 60_000; // increments need the window in the past (§2.5)
  const modified = await rate('pullModified');
  const inWindow = sim.stories.filter((s) => {
    const v = visibleVersion(s, clock.t);
    return v !== null && Math.floor(v.at / 1000) * 1000 < window.to;
  }).length;
  console.log(
    `PDD throughput: pullCreated ${created.ids.length} orders in ${created.calls} calls, ${created.seconds.toFixed(2)} s = ${created.perSecond} orders/s; ` +
      `pullModified ${modified.ids.length} orders in ${modified.calls} calls (${Math.ceil((window.to - window.from) / 1800_000)} windows), ${modified.seconds.toFixed(2)} s = ${modified.perSecond} orders/s`,
  );
  expect(created.ids.length).toBeGreaterThan(4500);
  expect(new Set(created.ids).size).toBe(created.ids.length);
  expect(new Set(modified.ids).size).toBe(modified.ids.length);
  expect(modified.ids.length).toBe(inWindow);
});
