/**
 * What a delivery attempt's answer does to its message: delivered; retried after a jittered backoff;
 * held while the partner throttles (not counted as a failure); or dead-lettered after `maxAttempts`
 * failures or at once on a permanent refusal or a configuration gap.
 */
import type { NotifySettings } from '../contract/notify.js';
import { backoffDelay } from '../kernel/backoff.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { SendResult } from './channels/index.js';
import type { NotificationRow } from './outbox.js';
import { pauseTarget, type TargetRow } from './targets.js';

export type OutcomeSummary = 'delivered' | 'retrying' | 'dead' | 'deferred';

export interface AttemptRecord {
  row: NotificationRow;
  target: TargetRow | null;
  attempt: number;
  result: SendResult;
  settings: NotifySettings;
  random: () => number;
}

export function recordOutcome(w: WriteContext, { row, target, attempt, result, settings, random }: AttemptRecord): OutcomeSummary {
  const code = result.kind === 'ok' ? null : result.code;
  const message = result.kind === 'ok' ? result.detail : result.message;
  w.db.prepare('UPDATE notification_attempts SET outcome = ?, finished_at = ?, code = ?, message = ? WHERE notification_id = ? AND attempt = ?').run(result.kind, w.at, code, message.slice(0, 1000), row.id, attempt);
  // A lease that ran out meanwhile handed the message to a later attempt: this late answer changes nothing else.
  const current = w.db.prepare('SELECT state, attempts FROM notifications WHERE id = ?').get(row.id) as { state: string; attempts: number };
  if (current.attempts !== attempt || (current.state !== 'sending' && current.state !== 'pending')) {
    w.audit({ entityType: 'notification', entityId: row.id, action: 'late-answer', reason: `attempt ${attempt}: ${result.kind}` });
    return result.kind === 'ok' ? 'delivered' : 'retrying';
  }
  if (result.kind === 'ok') {
    w.db.prepare("UPDATE notifications SET state = 'delivered', delivered_at = ?, lease_until = NULL, last_error_kind = NULL, last_error = NULL WHERE id = ?").run(w.at, row.id);
    w.audit({ entityType: 'notification', entityId: row.id, action: 'delivered', reason: `attempt ${attempt}: ${message}`.slice(0, 500) });
    return 'delivered';
  }
  if (result.kind === 'rate-limit') return throttled(w, row, target, result, settings);
  const failures = row.failures + 1;
  if (result.kind === 'transient' && failures < settings.maxAttempts) {
    const delay = backoffDelay(failures - 1, { attempts: settings.maxAttempts, baseDelayMs: settings.baseDelayMs, maxDelayMs: settings.maxDelayMs }, random());
    w.db.prepare("UPDATE notifications SET state = 'pending', failures = ?, next_attempt_at = ?, lease_until = NULL, last_error_kind = ?, last_error = ? WHERE id = ?").run(failures, w.at + delay, result.kind, message, row.id);
    w.audit({ entityType: 'notification', entityId: row.id, action: 'retry-scheduled', reason: `attempt ${attempt} failed (${result.code}); next in ${delay} ms` });
    return 'retrying';
  }
  const why = result.kind === 'transient' ? `${failures} failed attempts; last: ${message}` : message;
  deadLetter(w, row, failures, row.rate_limited, result.kind, why);
  return 'dead';
}

function throttled(w: WriteContext, row: NotificationRow, target: TargetRow | null, result: { code: string; message: string }, settings: NotifySettings): OutcomeSummary {
  const rateLimited = row.rate_limited + 1;
  if (rateLimited >= settings.maxRateLimited) {
    deadLetter(w, row, row.failures, rateLimited, 'rate-limit', `throttled ${rateLimited} times; last: ${result.message}`);
    return 'dead';
  }
  let resumeAt: number;
  if (row.channel === 'sms') {
    resumeAt = w.at + settings.smsThrottleDelayMs; // per-number throttling: this message waits, the gateway does not
  } else {
    resumeAt = w.at + (row.channel === 'dingtalk' ? settings.dingtalkBlockMs : settings.wecomRateLimitPauseMs);
    if (target) pauseTarget(w, target.id, resumeAt, `${row.channel} rate limit (${result.code}): ${result.message}`);
  }
  w.db.prepare("UPDATE notifications SET state = 'pending', rate_limited = ?, next_attempt_at = ?, lease_until = NULL, last_error_kind = 'rate-limit', last_error = ? WHERE id = ?").run(rateLimited, resumeAt, result.message, row.id);
  w.audit({ entityType: 'notification', entityId: row.id, action: 'rate-limited', reason: `${result.code}: waits until ${new Date(resumeAt).toISOString()}` });
  return 'deferred';
}

function deadLetter(w: WriteContext, row: NotificationRow, failures: number, rateLimited: number, kind: string, why: string): void {
  w.db.prepare("UPDATE notifications SET state = 'dead', failures = ?, rate_limited = ?, dead_at = ?, lease_until = NULL, last_error_kind = ?, last_error = ? WHERE id = ?").run(failures, rateLimited, w.at, kind, why.slice(0, 1000), row.id);
  w.audit({ entityType: 'notification', entityId: row.id, action: 'dead-letter', reason: `${kind}: ${why}`.slice(0, 500) });
  w.emit('notify/deadLettered', { id: row.id, channel: row.channel, targetId: row.target_id, template: row.template, error: why.slice(0, 300) });
}
