/**
 * Delivers the outbox. Each send is bracketed by two commits: the attempt row (with a lease) before
 * the HTTP call, its outcome after. The robots and SMS accept no key of ours, so a worker that dies
 * between the two leaves one attempt without an outcome; once its lease runs out the message is sent
 * again — at most one repeat per crash, and only of the message that was in flight.
 */
import { randomUUID } from 'node:crypto';
import type { NotifySettings, TargetChannel } from '../contract/notify.js';
import type { Actor } from '../contract/actors.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import type { Db } from '../store/db.js';
import { DELIVERY_ADAPTERS, type DeliveryAdapter, type SendResult } from './channels/index.js';
import { deliverToInbox } from './inbox.js';
import { findNotification, type NotificationRow } from './outbox.js';
import { recordOutcome } from './outcome.js';
import { nextSendSlot } from './rate-window.js';
import { readNotifySettings } from './settings.js';
import { findTarget, readCredentials, type TargetRow } from './targets.js';
import type { TemplateRegistry } from './templates.js';

export const WORKER_ACTOR: Actor = { type: 'system', id: 'notify', name: '通知投递' };
export const WORKER_SOURCE = 'notify:worker';

export interface NotifyWorkerDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  secrets: SecretStore;
  templates: TemplateRegistry;
  logger?: Logger;
  /** Jitter source for backoff; tests pin it. */
  random?: () => number;
  nonce?: () => string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** How long a claimed send may stay unrecorded before it is presumed crashed (default timeout + 60 s). */
  leaseMs?: number;
  batchSize?: number;
  adapters?: Record<TargetChannel, DeliveryAdapter>;
}

export interface RunSummary {
  sent: number;
  delivered: number;
  retrying: number;
  dead: number;
  deferred: number;
  recovered: number;
}

type Claim = { kind: 'send'; row: NotificationRow; target: TargetRow; attempt: number } | { kind: 'done' | 'skip' | 'deferred' };

export class NotifyWorker {
  private running: Promise<RunSummary> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly leaseMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly deps: NotifyWorkerDeps) {
    this.timeoutMs = deps.timeoutMs ?? 10_000;
    this.leaseMs = deps.leaseMs ?? this.timeoutMs + 60_000;
  }

  /** One pass over what is due; concurrent calls share the pass in progress. */
  runOnce(): Promise<RunSummary> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** Polls every `intervalMs` (the composition root starts it; tests call runOnce by hand). */
  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.deps.logger?.error('Notification delivery pass failed', { error: err instanceof Error ? err.message : String(err) }));
    }, intervalMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Delivers one message now if it is due and its target allows (test sends). */
  async deliverNow(id: number): Promise<void> {
    const summary = emptySummary();
    await this.deliver(id, summary);
  }

  private async pass(): Promise<RunSummary> {
    const summary = emptySummary();
    summary.recovered = await this.recoverCrashed();
    const now = this.deps.clock.now();
    const due = this.deps.db
      .prepare(
        `SELECT n.id, n.target_id FROM notifications n LEFT JOIN notify_targets t ON t.id = n.target_id
         WHERE n.state = 'pending' AND n.next_attempt_at <= ? AND (t.paused_until IS NULL OR t.paused_until <= ?)
         ORDER BY n.next_attempt_at, n.id LIMIT ?`,
      )
      .all(now, now, this.deps.batchSize ?? 500) as Array<{ id: number; target_id: string }>;
    const byTarget = new Map<string, number[]>();
    for (const { id, target_id } of due) byTarget.set(target_id, [...(byTarget.get(target_id) ?? []), id]);
    // Targets in parallel, each target's messages in order (its rate window is counted between sends).
    await Promise.all(
      [...byTarget.values()].map(async (ids) => {
        for (const id of ids) if ((await this.deliver(id, summary)) === 'stop-target') break;
      }),
    );
    return summary;
  }

  private async deliver(id: number, summary: RunSummary): Promise<'next' | 'stop-target'> {
    const settings = readNotifySettings(this.deps.db);
    const claim = await this.deps.mutations.run(WORKER_ACTOR, WORKER_SOURCE, (w) => this.claim(w, id, settings));
    if (claim.kind === 'deferred') {
      summary.deferred++;
      return 'stop-target';
    }
    if (claim.kind !== 'send') {
      if (claim.kind === 'done') summary.delivered++;
      return 'next';
    }
    summary.sent++;
    const result = await this.send(claim.row, claim.target, settings);
    const outcome = await this.deps.mutations.run(WORKER_ACTOR, WORKER_SOURCE, (w) => recordOutcome(w, { row: claim.row, target: claim.target, attempt: claim.attempt, result, settings, random: this.deps.random ?? Math.random }));
    summary[outcome]++;
    return result.kind === 'rate-limit' && claim.target.channel !== 'sms' ? 'stop-target' : 'next';
  }

  /** Inside one transaction: re-check the message, respect the target's limits, commit the attempt row. */
  private claim(w: WriteContext, id: number, settings: NotifySettings): Claim {
    const { db, at: now } = w;
    const row = findNotification(db, id);
    if (!row || row.state !== 'pending' || row.next_attempt_at > now) return { kind: 'skip' };
    if (row.channel === 'inapp') {
      deliverToInbox(w, id);
      return { kind: 'done' };
    }
    const target = findTarget(db, row.target_id);
    if (target && target.channel !== row.channel && target.channel !== 'sms' && row.channel !== 'sms') {
      // A robot enqueued before it was configured: it is whichever robot the target turned out to be.
      db.prepare('UPDATE notifications SET channel = ? WHERE id = ?').run(target.channel, id);
      row.channel = target.channel;
    }
    if (!target || !target.enabled || target.channel !== row.channel) {
      const attempt = row.attempts + 1;
      db.prepare('INSERT INTO notification_attempts (notification_id, attempt, target_id, started_at) VALUES (?, ?, ?, ?)').run(id, attempt, row.target_id, now);
      db.prepare('UPDATE notifications SET attempts = ? WHERE id = ?').run(attempt, id);
      const message = !target ? `No ${row.channel} target "${row.target_id}" is configured.` : !target.enabled ? `Target "${row.target_id}" is disabled.` : `Target "${row.target_id}" is a ${target.channel} target, not ${row.channel}.`;
      recordOutcome(w, { row: { ...row, attempts: attempt }, target: null, attempt, result: { kind: 'config', code: 'target', message }, settings, random: () => 0 });
      return { kind: 'skip' };
    }
    if (target.pausedUntil !== null && target.pausedUntil > now) return { kind: 'deferred' };
    const perMinute = target.settings.perMinute ?? (target.channel === 'sms' ? Number.POSITIVE_INFINITY : settings.robotPerMinute);
    if (Number.isFinite(perMinute) && nextSendSlot(db, target.id, perMinute, now) > now) {
      const slot = nextSendSlot(db, target.id, perMinute, now);
      const waiting = db.prepare("UPDATE notifications SET next_attempt_at = ? WHERE target_id = ? AND state = 'pending' AND next_attempt_at < ?").run(slot, target.id, slot);
      w.audit({ entityType: 'notify-target', entityId: target.id, action: 'rate-window', reason: `${perMinute} sends in the last minute: ${waiting.changes} message(s) wait until ${new Date(slot).toISOString()}` });
      return { kind: 'deferred' };
    }
    const attempt = row.attempts + 1;
    db.prepare('INSERT INTO notification_attempts (notification_id, attempt, target_id, started_at) VALUES (?, ?, ?, ?)').run(id, attempt, target.id, now);
    db.prepare("UPDATE notifications SET state = 'sending', attempts = ?, lease_until = ? WHERE id = ?").run(attempt, now + this.leaseMs, id);
    w.audit({ entityType: 'notification', entityId: id, action: 'attempt', reason: `attempt ${attempt} → ${target.channel} ${target.id}` });
    return { kind: 'send', row: { ...row, attempts: attempt }, target, attempt };
  }

  private async send(row: NotificationRow, target: TargetRow, settings: NotifySettings): Promise<SendResult> {
    const adapter = (this.deps.adapters ?? DELIVERY_ADAPTERS)[target.channel];
    try {
      const rendered = this.deps.templates.render(row.template, JSON.parse(row.variables) as Record<string, string | number>);
      return await adapter.send(
        { idempotencyKey: row.idempotency_key, template: row.template, title: row.title, text: row.body, markdown: rendered.markdown, smsParams: rendered.smsParams, recipient: row.recipient },
        { id: target.id, channel: target.channel, settings: target.settings, credentials: readCredentials(this.deps.secrets, target.id) },
        { now: () => this.deps.clock.now(), nonce: this.deps.nonce ?? randomUUID, fetch: this.deps.fetch ?? fetch, timeoutMs: this.timeoutMs, settings },
      );
    } catch (err) {
      // A template that no longer renders or credentials that no longer decrypt will not fix themselves.
      return { kind: 'config', code: 'internal', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Sends whose worker died before recording them: presumed sent, sent again (at-least-once). */
  private async recoverCrashed(): Promise<number> {
    const now = this.deps.clock.now();
    const stale = this.deps.db.prepare("SELECT id FROM notifications WHERE state = 'sending' AND lease_until <= ?").all(now) as Array<{ id: number }>;
    if (stale.length === 0) return 0;
    return this.deps.mutations.run(WORKER_ACTOR, WORKER_SOURCE, (w) => {
      let recovered = 0;
      for (const { id } of stale) {
        const changed = w.db.prepare("UPDATE notifications SET state = 'pending', next_attempt_at = ?, lease_until = NULL, failures = failures + 1 WHERE id = ? AND state = 'sending' AND lease_until <= ?").run(w.at, id, w.at);
        if (changed.changes === 0) continue;
        w.db.prepare("UPDATE notification_attempts SET outcome = 'crashed', finished_at = ?, message = 'The worker stopped between the send and its record; the message may have arrived.' WHERE notification_id = ? AND outcome IS NULL").run(w.at, id);
        w.audit({ entityType: 'notification', entityId: id, action: 'recover', reason: 'send not recorded before its lease ran out: it will be sent again (at most one repeat)' });
        recovered++;
      }
      return recovered;
    });
  }
}

function emptySummary(): RunSummary {
  return { sent: 0, delivered: 0, retrying: 0, dead: 0, deferred: 0, recovered: 0 };
}
