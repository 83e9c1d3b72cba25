/** A real engine on a temp folder with a manual clock, for cross-module tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../core/store/db.js';
import { migrate } from '../../core/store/migrate.js';
import { ManualClock } from '../../core/kernel/clock.js';
import { MutationQueue } from '../../core/kernel/mutation.js';
import { anchorPath, writeAnchor } from '../../core/audit/anchor.js';

export function tempDir(prefix = 'orderhub-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function memoryStore(now = Date.UTC(2026, 10, 28, 2)): { db: Db; clock: ManualClock; mutations: MutationQueue; dir: string } {
  const dir = tempDir();
  const db = openDatabase({ file: ':memory:' });
  migrate(db);
  const clock = new ManualClock(now);
  const mutations = new MutationQueue(db, clock, {
    afterCommit: (head) => writeAnchor(anchorPath(dir), { count: head.seq, headHash: head.hash, at: clock.now() }),
    publish: () => undefined,
  });
  return { db, clock, mutations, dir };
}
