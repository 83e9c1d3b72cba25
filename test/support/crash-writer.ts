/**
 * Child process for the crash-safety test: writes orders one transaction at a time through the
 * engine's real write path, and prints "ack <n>" only after each commit returned. The parent kills
 * it with SIGKILL at a random moment.
 */
import { join } from 'node:path';
import { anchorPath, writeAnchor } from '../../core/audit/anchor.js';
import { systemClock } from '../../core/kernel/clock.js';
import { MutationQueue } from '../../core/kernel/mutation.js';
import { ingestOrder } from '../../core/orders/ingest.js';
import { openDatabase } from '../../core/store/db.js';
import { migrate } from '../../core/store/migrate.js';
import { sampleOrder } from './orders.js';

const dataDir = process.argv[2]!;
const db = openDatabase({ file: join(dataDir, 'orderhub.sqlite') });
migrate(db);
const mutations = new MutationQueue(db, systemClock, {
  afterCommit: (head) => writeAnchor(anchorPath(dataDir), { count: head.seq, headHash: head.hash, at: Date.now() }),
  publish: () => undefined,
});
const actor = { type: 'system' as const, id: 'crash-test', name: 'crash test' };
for (let n = 1; ; n++) {
  mutations.runNow(actor, 'crash-test', (w) => {
    ingestOrder(w, sampleOrder({ platformOrderId: `CRASH-${n}`, raw: { contentType: 'text/plain', body: 'x'.repeat(n % 5000) } }));
  });
  process.stdout.write(`ack ${n}\n`);
}
