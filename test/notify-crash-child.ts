/**
 * Child process for the notification crash test: a real notification worker on the parent's data
 * folder, delivering to the parent's WeCom receiver. The parent kills it with SIGKILL while a send is
 * in flight (after the robot received it, before the worker recorded the answer).
 */
import { join } from 'node:path';
import { ManualClock } from '../core/kernel/clock.js';
import { MutationQueue } from '../core/kernel/mutation.js';
import { NotifyService } from '../core/notify/service.js';
import { loadOrCreateDataKey, SecretStore } from '../core/secrets/secrets.js';
import { openDatabase } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';

const [dataDir, at] = [process.argv[2]!, Number(process.argv[3])];
const db = openDatabase({ file: join(dataDir, 'orderhub.sqlite') });
migrate(db);
const clock = new ManualClock(at);
const mutations = new MutationQueue(db, clock, { afterCommit: () => undefined, publish: () => undefined });
const service = new NotifyService({ db, mutations, clock, secrets: new SecretStore(db, loadOrCreateDataKey(dataDir)), worker: { random: () => 0.5, timeoutMs: 5_000, leaseMs: 120_000 } });
process.stdout.write('ready\n');
for (;;) {
  const summary = await service.runOnce();
  process.stdout.write(`pass ${JSON.stringify(summary)}\n`);
  if (summary.sent === 0) break;
}
db.close();
