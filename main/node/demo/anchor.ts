/**
 * A demo data folder remembers what it was filled from (seed, size, flow rate, anchor time) in
 * `demo.json`, so that a restart rebuilds the same story stream at the same times: the back-filled
 * orders stay the simulators' orders, and the pulls catch up on what happened while it was stopped.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPlan } from './plan.js';

export const DEMO_FILE = 'demo.json';

interface Stored {
  seed: number;
  orders: number;
  ordersPerMinute: number;
  anchor: number;
}

/** The stored plan wins over the request (its orders are in the store); `differs` says what was ignored. */
export function anchorPlan(dataDir: string, requested: DemoPlan): { plan: DemoPlan; fresh: boolean; ignored: string[] } {
  const file = join(dataDir, DEMO_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const stored: Stored = { seed: requested.seed, orders: requested.orders, ordersPerMinute: requested.flow ? requested.flow.ordersPerMinute : 0, anchor: requested.anchor };
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    return { plan: requested, fresh: true, ignored: [] };
  }
  let stored: Stored;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    if (![stored.seed, stored.orders, stored.ordersPerMinute, stored.anchor].every(Number.isFinite)) throw new Error('missing fields');
  } catch (err) {
    throw new Error(`${file} is not a demo description (${(err as Error).message}); use a fresh --data folder for a demo.`);
  }
  const ignored: string[] = [];
  if (stored.seed !== requested.seed) ignored.push(`seed ${requested.seed} (this folder holds seed ${stored.seed})`);
  if (stored.orders !== requested.orders) ignored.push(`${requested.orders} orders (this folder holds ${stored.orders})`);
  const flow = requested.flow && stored.ordersPerMinute > 0 ? { ...requested.flow, ordersPerMinute: stored.ordersPerMinute } : requested.flow;
  return { plan: { seed: stored.seed, orders: stored.orders, flow, anchor: stored.anchor }, fresh: false, ignored };
}
