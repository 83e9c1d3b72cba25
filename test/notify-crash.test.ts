/**
 * At-least-once, and no more than that: a worker killed (SIGKILL) between a send and its record
 * repeats exactly that one message after restart — 2 hits for it at the robot, 1 for every other.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/kernel/clock.js';
import { MutationQueue } from '../core/kernel/mutation.js';
import { listAttempts } from '../core/notify/queries.js';
import { NotifyService } from '../core/notify/service.js';
import { saveTarget } from '../core/notify/targets.js';
import { loadOrCreateDataKey, SecretStore } from '../core/secrets/secrets.js';
import { openDatabase } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';
import { startNotifyReceivers } from '../sandbox/notify/index.js';
import { ORDER_VARS, SYSTEM, T0 } from './notify-harness.js';

const KEY = 'crash-test-robot-key';
const MESSAGES = 6;
const CRASH_ON = 3;
const LEASE_MS = 120_000;

function openEngine(dataDir: string, at: number) {
  const db = openDatabase({ file: join(dataDir, 'orderhub.sqlite') });
  migrate(db);
  const clock = new ManualClock(at);
  const mutations = new MutationQueue(db, clock, { afterCommit: () => undefined, publish: () => undefined });
  const secrets = new SecretStore(db, loadOrCreateDataKey(dataDir));
  const service = new NotifyService({ db, mutations, clock, secrets, worker: { random: () => 0.5, timeoutMs: 5_000, leaseMs: LEASE_MS } });
  return { db, clock, mutations, secrets, service };
}

describe('crash between send and record', () => {
  it('repeats the one message in flight, once; every other message arrives exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'notify-crash-'));
    const receivers = await startNotifyReceivers({ wecomKeys: [KEY], now: () => T0 });
    try {
      const setup = openEngine(dataDir, T0);
      await setup.mutations.run(SYSTEM, 'test', (w) => saveTarget(w, setup.secrets, { id: 'warehouse-wecom', channel: 'wecom', name: '仓库群', credentials: { webhookUrl: receivers.wecomUrl(KEY) } }));
      for (let n = 1; n <= MESSAGES; n++) {
        await setup.mutations.run(SYSTEM, 'test', (w) => setup.service.enqueue(w, { template: 'logistics.firstScanOverdue', variables: { ...ORDER_VARS, orderId: `CRASH-${n}-` }, to: { kind: 'robot', target: 'warehouse-wecom' }, key: `crash:${n}` }));
      }
      setup.db.close();

      // The worker runs in its own process; the robot kills it when message 3 arrives, before answering.
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'notify-crash-child.ts'), dataDir, String(T0)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      receivers.beforeReply = async (message) => {
        if (message.text?.includes(`CRASH-${CRASH_ON}-`)) {
          child.kill('SIGKILL');
          await exited;
        }
      };
      expect(await exited, stderr).toBe('SIGKILL');
      receivers.beforeReply = null;
      for (let n = 1; n <= MESSAGES; n++) expect(receivers.hits(`CRASH-${n}-`), `before restart, message ${n}`).toBe(n <= CRASH_ON ? 1 : 0);

      // Restarted before the lease ran out: the unrecorded send is not touched (its worker may still be alive).
      const early = openEngine(dataDir, T0 + LEASE_MS - 1);
      expect(await early.service.runOnce()).toMatchObject({ recovered: 0 });
      expect((early.db.prepare('SELECT state FROM notifications WHERE idempotency_key = ?').get(`crash:${CRASH_ON}`) as { state: string }).state).toBe('sending');
      await early.service.worker.stop();
      early.db.close();

      // After the lease: the in-flight message is presumed sent and sent again; the rest go once.
      const restarted = openEngine(dataDir, T0 + LEASE_MS);
      const summary = await restarted.service.runOnce();
      expect(summary.recovered).toBe(1);
      for (let n = 1; n <= MESSAGES; n++) expect(receivers.hits(`CRASH-${n}-`), `message ${n}`).toBe(n === CRASH_ON ? 2 : 1);
      const states = restarted.db.prepare('SELECT state, count(*) AS n FROM notifications GROUP BY state').all();
      expect(states).toEqual([{ state: 'delivered', n: MESSAGES }]);
      const crashedId = (restarted.db.prepare('SELECT id FROM notifications WHERE idempotency_key = ?').get(`crash:${CRASH_ON}`) as { id: number }).id;
      expect(listAttempts(restarted.db, crashedId).map((a) => a.outcome)).toEqual(['crashed', 'ok']);
      expect(await restarted.service.runOnce()).toMatchObject({ sent: 0, recovered: 0 });
      restarted.db.close();
    } finally {
      await receivers.close();
    }
  }, 60_000);
});
