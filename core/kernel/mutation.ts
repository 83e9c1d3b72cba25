/**
 * Every write goes through here (style.md principle 6): one queue serialises writes from this
 * process, each runs in one BEGIN IMMEDIATE transaction (the lock also serialises against the other
 * host on the same folder), and the audit rows are written in that same transaction. A write that
 * changed rows but recorded no audit event is rolled back.
 */
import type { Actor } from '../contract/actors.js';
import type { CoreEventMessage, CoreEventName, CoreEvents } from '../contract/api.js';
import { AuditAppender, type AuditEntry, type ChainHead } from '../audit/appender.js';
import type { Db, Statement } from '../store/db.js';
import type { Clock } from './clock.js';
import { CoreFailure } from './errors.js';

export interface WriteContext {
  readonly db: Db;
  readonly at: number;
  readonly actor: Actor;
  readonly source: string;
  audit(entry: AuditEntry): number;
  /** Queued until commit: a rolled-back write announces nothing. */
  emit<K extends CoreEventName>(name: K, payload: CoreEvents[K]): void;
}

export interface MutationHooks {
  afterCommit(head: ChainHead): void;
  publish(event: CoreEventMessage): void;
}

export class MutationQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly totalChanges: Statement;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hooks: MutationHooks,
  ) {
    this.totalChanges = db.prepare('SELECT total_changes() AS n');
  }

  /** Queue a write; resolves after it is committed (or rejects after it is rolled back). */
  run<T>(actor: Actor, source: string, write: (w: WriteContext) => T): Promise<T> {
    const result = this.tail.then(() => this.runNow(actor, source, write));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs a write through the real code path and always rolls it back: previews count exactly what
   * applying would do, and nothing is written, audited or announced.
   */
  simulate<T>(actor: Actor, source: string, write: (w: WriteContext) => T): Promise<T> {
    const result = this.tail.then(() => {
      const appender = new AuditAppender(this.db, this.clock.now(), actor, source);
      const context: WriteContext = { db: this.db, at: this.clock.now(), actor, source, audit: (e) => appender.append(e), emit: () => undefined };
      let value: T | undefined;
      const rollback = new Error('simulation rollback');
      try {
        this.db.transaction(() => {
          value = write(context);
          throw rollback;
        }).immediate();
      } catch (err) {
        if (err !== rollback) throw err;
      }
      return value as T;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Synchronous form for callers already ordered (CLI one-shots, migrations of data). */
  runNow<T>(actor: Actor, source: string, write: (w: WriteContext) => T): T {
    const appender = new AuditAppender(this.db, this.clock.now(), actor, source);
    const events: CoreEventMessage[] = [];
    const context: WriteContext = {
      db: this.db,
      at: this.clock.now(),
      actor,
      source,
      audit: (entry) => appender.append(entry),
      emit: (name, payload) => events.push({ name, payload } as CoreEventMessage),
    };
    const transaction = this.db.transaction(() => {
      const before = this.changes();
      const value = write(context);
      const changed = this.changes() - before - appender.written;
      if (changed > 0 && appender.written === 0) {
        throw new CoreFailure('InternalError', 'A write changed the store without an audit event; it was rolled back.');
      }
      return value;
    });
    const value = transaction.immediate();
    const head = appender.currentHead();
    if (head) this.hooks.afterCommit(head);
    for (const event of coalesce(events)) this.hooks.publish(event);
    return value;
  }

  private changes(): number {
    return (this.totalChanges.get() as { n: number }).n;
  }
}

/** One 'orders/changed' per transaction and source: a 1,000-order batch is one event, not 1,000. */
function coalesce(events: CoreEventMessage[]): CoreEventMessage[] {
  const out: CoreEventMessage[] = [];
  const changed = new Map<string, Set<number>>();
  for (const event of events) {
    if (event.name !== 'orders/changed') {
      out.push(event);
      continue;
    }
    const { ids, source } = event.payload as CoreEvents['orders/changed'];
    const set = changed.get(source) ?? new Set<number>();
    for (const id of ids) set.add(id);
    changed.set(source, set);
  }
  for (const [source, ids] of changed) out.push({ name: 'orders/changed', payload: { ids: [...ids], source } });
  return out;
}
