/**
 * The transactional outbox (issue 4): a notification is written by the same transaction as the event
 * that caused it, so a rolled-back event announces nothing and a committed one is never forgotten. The
 * worker (worker.ts) delivers it afterwards. Call `enqueueNotification(w, …)` inside your mutation.
 */
import type { Role } from '../contract/roles.js';
import type { NotificationInfo, NotificationState, NotifyChannel } from '../contract/notify.js';
import { fail } from '../kernel/errors.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { isMainlandMobile } from './channels/aliyun-sms.js';
import { deliverToInbox } from './inbox.js';
import { nextAllowedSendTime } from './quiet-hours.js';
import { readNotifySettings } from './settings.js';
import type { TemplateRegistry, TemplateVariables } from './templates.js';

/** The default SMS gateway target when a caller does not name one. */
export const DEFAULT_SMS_TARGET = 'sms';
export const INBOX_TARGET = 'inbox';

export type NotificationAddress =
  | { kind: 'robot'; target: string }
  | { kind: 'sms'; phone: string; target?: string; audience?: 'customer' | 'staff' }
  | { kind: 'inbox'; role: Role }
  | { kind: 'inbox'; operatorId: number };

export interface NotificationRequest {
  template: string;
  variables: TemplateVariables;
  to: NotificationAddress;
  /** The caller's idempotency key (one rule episode, one ticket): the same key enqueued twice is one message. */
  key: string;
  /** Not before this time (epoch ms); customer SMS are also held to the end of quiet hours. */
  notBefore?: number;
  cause?: { entityType: string; entityId: string | number };
}

export interface EnqueuedNotification {
  id: number;
  /** False when the key was already queued: nothing new was written. */
  created: boolean;
  notBefore: number;
}

/**
 * Writes the notification into the caller's transaction. Throws ValidationError (rolling the caller's
 * write back) for an unknown template, a missing variable or an unusable address.
 */
export function enqueueNotification(w: WriteContext, templates: TemplateRegistry, request: NotificationRequest): EnqueuedNotification {
  const rendered = templates.render(request.template, request.variables);
  if (!request.key.trim()) throw fail.validation('A notification needs an idempotency key.', { key: 'required' });
  const existing = w.db.prepare('SELECT id, not_before FROM notifications WHERE idempotency_key = ?').get(request.key) as { id: number; not_before: number } | undefined;
  if (existing) return { id: existing.id, created: false, notBefore: existing.not_before };
  const address = resolveAddress(w.db, request.to);
  let notBefore = Math.max(w.at, request.notBefore ?? w.at);
  if (request.to.kind === 'sms' && (request.to.audience ?? 'customer') === 'customer') notBefore = nextAllowedSendTime(notBefore, readNotifySettings(w.db).quietHours);
  const info = w.db
    .prepare(
      `INSERT INTO notifications (idempotency_key, channel, target_id, recipient, template, variables, title, body, state, not_before, next_attempt_at, created_at, cause_type, cause_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
    )
    .run(request.key, address.channel, address.targetId, address.recipient, request.template, JSON.stringify(request.variables), rendered.title, rendered.text, notBefore, notBefore, w.at, request.cause?.entityType ?? null, request.cause ? String(request.cause.entityId) : null);
  const id = Number(info.lastInsertRowid);
  w.audit({ entityType: 'notification', entityId: id, action: 'enqueue', changes: [{ field: 'template', before: null, after: request.template }, { field: 'target', before: null, after: address.targetId }], reason: notBefore > w.at ? `held until ${new Date(notBefore).toISOString()}` : null });
  // In-app messages are local: delivered in this same transaction unless they must wait.
  if (address.channel === 'inapp' && notBefore <= w.at) deliverToInbox(w, id);
  return { id, created: true, notBefore };
}

function resolveAddress(db: Db, to: NotificationAddress): { channel: NotifyChannel; targetId: string; recipient: string | null } {
  switch (to.kind) {
    case 'robot': {
      const row = db.prepare('SELECT channel FROM notify_targets WHERE id = ?').get(to.target) as { channel: NotifyChannel } | undefined;
      // An unconfigured robot is not a reason to lose the caller's event: the message waits in the
      // outbox and dead-letters with "no such target" so an operator can configure it and retry.
      // Until it is configured the robot's kind is unknown: recorded as WeCom, corrected when it is sent.
      const channel = row?.channel ?? 'wecom';
      if (channel === 'sms') throw fail.validation(`Target ${to.target} is an SMS gateway, not a robot.`, { target: 'not a robot' });
      return { channel, targetId: to.target, recipient: null };
    }
    case 'sms': {
      const phone = to.phone.replace(/[\s-]/g, '');
      if (!isMainlandMobile(phone)) throw fail.validation(`Not a mainland mobile number: ${maskPhone(phone)}.`, { phone: 'invalid' });
      return { channel: 'sms', targetId: to.target ?? DEFAULT_SMS_TARGET, recipient: phone };
    }
    case 'inbox':
      return { channel: 'inapp', targetId: INBOX_TARGET, recipient: 'role' in to ? `role:${to.role}` : `operator:${to.operatorId}` };
  }
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export interface NotificationRow {
  id: number;
  idempotency_key: string;
  channel: NotifyChannel;
  target_id: string;
  recipient: string | null;
  template: string;
  variables: string;
  title: string;
  body: string;
  state: NotificationState;
  attempts: number;
  failures: number;
  rate_limited: number;
  not_before: number;
  next_attempt_at: number;
  lease_until: number | null;
  created_at: number;
  delivered_at: number | null;
  dead_at: number | null;
  last_error_kind: string | null;
  last_error: string | null;
  cause_type: string | null;
  cause_id: string | null;
}

export function findNotification(db: Db, id: number): NotificationRow | undefined {
  return db.prepare('SELECT * FROM notifications WHERE id = ?').get(id) as NotificationRow | undefined;
}

export function describeNotification(r: NotificationRow): NotificationInfo {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    channel: r.channel,
    targetId: r.target_id,
    recipient: r.channel === 'sms' && r.recipient ? maskPhone(r.recipient) : r.recipient,
    template: r.template,
    title: r.title,
    body: r.body,
    state: r.state,
    attempts: r.attempts,
    failures: r.failures,
    notBefore: r.not_before,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    deadAt: r.dead_at,
    lastError: r.last_error_kind ? { kind: r.last_error_kind, message: r.last_error ?? '' } : null,
    cause: r.cause_type ? { entityType: r.cause_type, entityId: r.cause_id ?? '' } : null,
  };
}
