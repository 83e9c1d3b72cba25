/**
 * The notify module's engine side, composed once by createCore: the template registry other modules
 * enqueue by name, the delivery worker, and the operations the handlers offer.
 */
import type { NotificationInfo } from '../contract/notify.js';
import type { Actor } from '../contract/actors.js';
import type { Clock } from '../kernel/clock.js';
import { fail } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import type { Db } from '../store/db.js';
import { describeNotification, enqueueNotification, findNotification, type EnqueuedNotification, type NotificationRequest } from './outbox.js';
import { TemplateRegistry } from './templates.js';
import { NotifyWorker, type NotifyWorkerDeps } from './worker.js';

export interface NotifyServiceDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  secrets: SecretStore;
  logger?: Logger;
  /** Worker knobs (timeouts, jitter, fetch) for tests and hosts. */
  worker?: Partial<Pick<NotifyWorkerDeps, 'random' | 'nonce' | 'fetch' | 'timeoutMs' | 'leaseMs' | 'batchSize'>>;
}

export class NotifyService {
  readonly templates = new TemplateRegistry();
  readonly worker: NotifyWorker;

  constructor(readonly deps: NotifyServiceDeps) {
    this.worker = new NotifyWorker({ db: deps.db, mutations: deps.mutations, clock: deps.clock, secrets: deps.secrets, templates: this.templates, ...(deps.logger ? { logger: deps.logger } : {}), ...deps.worker });
  }

  /** Inside the caller's mutation: the notification commits or rolls back with the caller's event. */
  enqueue(w: WriteContext, request: NotificationRequest): EnqueuedNotification {
    return enqueueNotification(w, this.templates, request);
  }

  /** One delivery pass (the SLA rules' benchmark and tests drive this by hand). */
  runOnce() {
    return this.worker.runOnce();
  }

  /** A dead letter goes back to the queue, due now, with its failure count reset; audited with who and why. */
  async retry(actor: Actor, source: string, id: number, reason?: string): Promise<NotificationInfo> {
    await this.deps.mutations.run(actor, source, (w) => {
      const row = findNotification(w.db, id);
      if (!row) throw fail.notFound(`No notification ${id}.`);
      if (row.state !== 'dead') throw fail.conflict(`Notification ${id} is ${row.state}, not a dead letter.`, { state: row.state });
      w.db.prepare("UPDATE notifications SET state = 'pending', failures = 0, rate_limited = 0, next_attempt_at = ?, dead_at = NULL WHERE id = ?").run(w.at, id);
      w.audit({ entityType: 'notification', entityId: id, action: 'retry', changes: [{ field: 'state', before: 'dead', after: 'pending' }], reason: reason?.trim() || `retried after: ${row.last_error ?? 'unknown error'}`.slice(0, 500) });
    });
    return describeNotification(findNotification(this.deps.db, id)!);
  }
}
