/**
 * In-app messages: the outbox's local channel. A message addressed to a role is seen by every operator
 * of that role; each operator marks it read for themselves.
 */
import type { InboxMessage } from '../contract/notify.js';
import type { Role } from '../contract/roles.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';

interface NotificationForInbox {
  id: number;
  recipient: string;
  template: string;
  title: string;
  body: string;
  cause_type: string | null;
  cause_id: string | null;
}

/** Inserts the inbox row and marks the notification delivered, in the caller's transaction (exactly once). */
export function deliverToInbox(w: WriteContext, notificationId: number): number {
  const n = w.db.prepare('SELECT id, recipient, template, title, body, cause_type, cause_id FROM notifications WHERE id = ?').get(notificationId) as NotificationForInbox;
  const [kind, value] = n.recipient.split(':') as [string, string];
  const info = w.db
    .prepare('INSERT INTO inbox_messages (notification_id, recipient_role, recipient_operator_id, template, title, body, created_at, cause_type, cause_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(notification_id) DO NOTHING')
    .run(n.id, kind === 'role' ? value : null, kind === 'operator' ? Number(value) : null, n.template, n.title, n.body, w.at, n.cause_type, n.cause_id);
  w.db.prepare("UPDATE notifications SET state = 'delivered', delivered_at = ?, lease_until = NULL WHERE id = ?").run(w.at, n.id);
  w.audit({ entityType: 'notification', entityId: n.id, action: 'delivered', reason: `in-app → ${n.recipient}` });
  const messageId = Number(info.lastInsertRowid);
  w.emit('notify/inbox', { messageId, recipient: kind === 'role' ? { role: value as Role } : { operatorId: Number(value) } });
  return messageId;
}

interface InboxRow {
  id: number;
  notification_id: number;
  recipient_role: Role | null;
  recipient_operator_id: number | null;
  template: string;
  title: string;
  body: string;
  created_at: number;
  cause_type: string | null;
  cause_id: string | null;
  read_at: number | null;
}

const FOR_OPERATOR = `FROM inbox_messages m LEFT JOIN inbox_reads r ON r.message_id = m.id AND r.operator_id = @operatorId
  WHERE (m.recipient_operator_id = @operatorId OR m.recipient_role = @role)`;

export function listInbox(db: Db, operator: { id: number; role: Role }, options: { unreadOnly?: boolean; limit?: number }): { rows: InboxMessage[]; unread: number } {
  const params = { operatorId: operator.id, role: operator.role, limit: options.limit ?? 100 };
  const rows = db.prepare(`SELECT m.*, r.read_at ${FOR_OPERATOR} ${options.unreadOnly ? 'AND r.read_at IS NULL' : ''} ORDER BY m.id DESC LIMIT @limit`).all(params) as InboxRow[];
  const unread = (db.prepare(`SELECT count(*) AS n ${FOR_OPERATOR} AND r.read_at IS NULL`).get(params) as { n: number }).n;
  return {
    unread,
    rows: rows.map((r) => ({
      id: r.id,
      notificationId: r.notification_id,
      recipient: r.recipient_role ? { role: r.recipient_role } : { operatorId: r.recipient_operator_id ?? 0 },
      template: r.template,
      title: r.title,
      body: r.body,
      createdAt: r.created_at,
      readAt: r.read_at,
      cause: r.cause_type ? { entityType: r.cause_type, entityId: r.cause_id ?? '' } : null,
    })),
  };
}

/** Marks the operator's own messages read; ids that are not theirs are ignored. */
export function markInboxRead(w: WriteContext, operator: { id: number; role: Role }, ids: number[] | 'all'): number {
  const params = { operatorId: operator.id, role: operator.role };
  const unread = (w.db.prepare(`SELECT m.id ${FOR_OPERATOR} AND r.read_at IS NULL`).all(params) as Array<{ id: number }>).map((r) => r.id);
  const chosen = ids === 'all' ? unread : unread.filter((id) => ids.includes(id));
  const insert = w.db.prepare('INSERT INTO inbox_reads (message_id, operator_id, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  for (const id of chosen) insert.run(id, operator.id, w.at);
  if (chosen.length > 0) w.audit({ entityType: 'inbox', entityId: operator.id, action: 'read', changes: [{ field: 'messages', before: null, after: chosen }] });
  return chosen.length;
}
