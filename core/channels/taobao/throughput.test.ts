import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import { createTaobaoConnector } from './connector.js';
import { TEST_APP, testShop } from './test-support.js';

// Throughput of one shop pulled over loopback HTTP: signing, the gateway's rendering, lossless
// parsing and normalisation included. Printed, with a floor far below what a laptop does, so a
// pathological slowdown (e.g. quadratic paging) still fails.
const START = Date.UTC(2026, 10, 10, 16, 0, 0);
const DAY = 24 * 3600_000;
const ORDERS = 5000;
const clock = { now: () => START + 30 * DAY };
let sim: TaobaoSimulator;
beforeAll(async () => {
  sim = await startTaobaoSimulator({ seed: 99, orders: ORDERS, start: START, spanMs: DAY, apps: { [TEST_APP.appKey]: { secret: TEST_APP.appSecret, sessions: [TEST_APP.accessToken] } }, now: clock.now });
});
afterAll(() => sim.close());

async function timed(label: string, pull: (onPage: (p: { orders: unknown[] }) => Promise<void>) => Promise<void>): Promise<number> {
  let count = 0;
  const t0 = performance.now();
  await pull(async (p) => {
    count += p.orders.length;
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`[taobao throughput] ${label}: ${count} orders in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} orders/s`);
  expect(count).toBe(ORDERS);
  return count / seconds;
}

describe('Taobao connector throughput against the simulator', () => {
  it(`pulls ${ORDERS} orders of one shop`, async () => {
    const connector = createTaobaoConnector({ pageSize: 100 });
    const shop = testShop(sim.url, clock);
    const created = await timed('pullCreated, 1 day, page 100', (onPage) => connector.pullCreated(shop, { from: START, to: START + DAY }, onPage));
    const modified = await timed('pullModified, 30 one-day windows, back to front', (onPage) => connector.pullModified(shop, { from: START, to: START + 30 * DAY }, onPage));
    expect(Math.min(created, modified)).toBeGreaterThan(200);
  });
});
