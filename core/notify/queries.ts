/** Read side of the outbox: the lists the Notifications view shows. */
import { NOTIFICATION_STATES, type AttemptInfo, type NotificationInfo, type NotificationState, type OutboxQuery } from '../contract/notify.js';
import type { Db } from '../store/db.js';
import { describeNotification, type NotificationRow } from './outbox.js';

export function listOutbox(db: Db, query: OutboxQuery): { rows: NotificationInfo[]; counts: Record<NotificationState, number> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: query.limit ?? 100 };
  const filters: Array<[keyof OutboxQuery, string]> = [['state', 'state = @state'], ['channel', 'channel = @channel'], ['targetId', 'target_id = @targetId']];
  for (const [key, clause] of filters) {
    if (query[key] === undefined) continue;
    where.push(clause);
    params[key] = query[key];
  }
  const filtered = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const paged = query.beforeId ? `${filtered ? `${filtered} AND` : 'WHERE'} id < @beforeId` : filtered;
  if (query.beforeId) params.beforeId = query.beforeId;
  const rows = (db.prepare(`SELECT * FROM notifications ${paged} ORDER BY id DESC LIMIT @limit`).all(params) as NotificationRow[]).map(describeNotification);
  const counts = Object.fromEntries(NOTIFICATION_STATES.map((s) => [s, 0])) as Record<NotificationState, number>;
  const countParams = { ...params };
  delete countParams.state;
  delete countParams.limit;
  delete countParams.beforeId;
  const countWhere = where.filter((c) => !c.startsWith('state'));
  for (const r of db.prepare(`SELECT state, count(*) AS n FROM notifications ${countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : ''} GROUP BY state`).all(countParams) as Array<{ state: NotificationState; n: number }>) counts[r.state] = r.n;
  return { rows, counts };
}

export function listAttempts(db: Db, notificationId: number): AttemptInfo[] {
  return (db.prepare('SELECT * FROM notification_attempts WHERE notification_id = ? ORDER BY attempt').all(notificationId) as Array<{ attempt: number; started_at: number; finished_at: number | null; outcome: AttemptInfo['outcome']; code: string | null; message: string | null }>).map((r) => ({
    attempt: r.attempt,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome,
    code: r.code,
    message: r.message,
  }));
}
