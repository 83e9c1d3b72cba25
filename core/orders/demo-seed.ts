/**
 * Generated orders (core/demo) through the normal ingestion path (audited, exactly once): a fixture
 * for engine tests, `createCore({ demo: { size, seed } })`. The hosts' `--demo` does not use it: its
 * orders come from the sandbox simulators through the connectors and pushes (main/node/demo).
 */
import { generateDemoOrders } from '../demo/index.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { ingestAll } from './seed.js';

const DEMO_ACTOR = { type: 'system' as const, id: 'demo', name: '演示数据' };

/** Returns how many orders were inserted (0 when the store already holds the demo set). */
export function seedDemo(db: Db, mutations: MutationQueue, options: { size: number; seed: number; now: number }): number {
  // A demo store is seeded once; later starts keep what operators did to it.
  if (db.prepare('SELECT 1 FROM orders LIMIT 1').get()) return 0;
  const outcome = ingestAll(mutations, DEMO_ACTOR, 'demo', generateDemoOrders(options));
  return outcome.inserted;
}
