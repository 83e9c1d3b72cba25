/**
 * Exception tickets: created by an SLA rule or by hand, worked by an owner group, each change audited
 * twice in the same transaction — on the ticket's own history and on the linked order's timeline (so
 * "what happened to this order" shows its tickets too).
 */
import type { FieldChange } from '../../contract/audit.js';
import type { TicketComment, TicketDetail, TicketGroup, TicketHistoryEntry, TicketInfo, TicketListResult, TicketQuery, TicketStatus, TicketType } from '../../contract/logistics-exceptions.js';
import { TICKET_STATUSES, TICKET_TRANSITIONS } from '../../contract/logistics-exceptions.js';
import type { TrackingState } from '../../contract/logistics.js';
import { fail } from '../../kernel/errors.js';
import type { WriteContext } from '../../kernel/mutation.js';
import type { Db } from '../../store/db.js';
import { enqueueNotification } from '../../notify/outbox.js';
import type { TemplateRegistry } from '../../notify/templates.js';
import { checkTransition, GROUP_INBOX_ROLE, TICKET_GROUP_LABELS, ticketNumber } from './model.js';

export interface NewTicket {
  type: TicketType;
  ownerGroup: TicketGroup;
  title: string;
  origin: 'rule' | 'manual';
  hitId?: number | null;
  orderId?: number | null;
  parcelId?: number | null;
  dueMinutes: number;
  comment?: string | null;
}

interface TicketRow {
  id: number;
  type: TicketType;
  owner_group: TicketGroup;
  status: TicketStatus;
  title: string;
  origin: 'rule' | 'manual';
  hit_id: number | null;
  order_id: number | null;
  parcel_id: number | null;
  due_at: number;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  resolution: string | null;
  created_by: string;
  comment_count: number;
  platform_order_id: string | null;
  channel: string | null;
  carrier: string | null;
  waybill_no: string | null;
  parcel_state: TrackingState | null;
}

const SELECT = `SELECT t.*, o.platform_order_id, o.channel, p.carrier, p.waybill_no, p.state AS parcel_state
  FROM exception_tickets t LEFT JOIN orders o ON o.id = t.order_id LEFT JOIN parcels p ON p.id = t.parcel_id`;

function audit(w: WriteContext, t: { id: number; order_id: number | null }, action: string, changes: FieldChange[], reason: string | null = null): void {
  w.audit({ entityType: 'exception-ticket', entityId: t.id, action, changes, reason });
  if (t.order_id !== null) {
    w.audit({ entityType: 'order', entityId: t.order_id, action: `ticket.${action}`, changes: [{ field: 'ticket', before: null, after: ticketNumber(t.id) }, ...changes.map((c) => ({ ...c, field: `ticket.${c.field}` }))], reason });
  }
}

export function createTicket(w: WriteContext, templates: TemplateRegistry, input: NewTicket): number {
  if (input.orderId != null && !w.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(input.orderId)) throw fail.notFound(`No order ${input.orderId}.`);
  if (input.parcelId != null && !w.db.prepare('SELECT 1 FROM parcels WHERE id = ?').get(input.parcelId)) throw fail.notFound(`No parcel ${input.parcelId}.`);
  const info = w.db
    .prepare(
      `INSERT INTO exception_tickets (type, owner_group, status, title, origin, hit_id, order_id, parcel_id, due_at, created_at, updated_at, created_by)
       VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.type, input.ownerGroup, input.title, input.origin, input.hitId ?? null, input.orderId ?? null, input.parcelId ?? null, w.at + input.dueMinutes * 60_000, w.at, w.at, w.actor.name);
  const id = Number(info.lastInsertRowid);
  const ref = { id, order_id: input.orderId ?? null };
  audit(w, ref, 'open', [
    { field: 'type', before: null, after: input.type },
    { field: 'ownerGroup', before: null, after: input.ownerGroup },
    { field: 'status', before: null, after: 'open' },
    { field: 'dueAt', before: null, after: w.at + input.dueMinutes * 60_000 },
  ], input.title);
  if (input.comment?.trim()) insertComment(w, ref, input.comment.trim());
  const order = input.orderId != null ? (w.db.prepare('SELECT platform_order_id FROM orders WHERE id = ?').get(input.orderId) as { platform_order_id: string }) : null;
  enqueueNotification(w, templates, {
    template: 'exceptions.ticketOpened',
    variables: { ticketId: ticketNumber(id), reason: input.title, orderId: order?.platform_order_id ?? '—', group: TICKET_GROUP_LABELS[input.ownerGroup] },
    to: { kind: 'inbox', role: GROUP_INBOX_ROLE[input.ownerGroup] },
    key: `ticket:${id}:opened`,
    cause: { entityType: 'exception-ticket', entityId: id },
  });
  return id;
}

function insertComment(w: WriteContext, t: { id: number; order_id: number | null }, body: string): void {
  w.db.prepare('INSERT INTO ticket_comments (ticket_id, at, actor_type, actor_id, actor_name, body) VALUES (?, ?, ?, ?, ?, ?)').run(t.id, w.at, w.actor.type, w.actor.id, w.actor.name, body);
  w.db.prepare('UPDATE exception_tickets SET comment_count = comment_count + 1, updated_at = ? WHERE id = ?').run(w.at, t.id);
  audit(w, t, 'comment', [{ field: 'comment', before: null, after: body }]);
}

function rowOf(db: Db, id: number): TicketRow {
  const row = db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined;
  if (!row) throw fail.notFound(`No ticket ${id}.`);
  return row;
}

export function commentTicket(w: WriteContext, id: number, body: string): void {
  const text = body.trim();
  if (!text) throw fail.validation('A comment needs text.', { body: 'required' });
  insertComment(w, rowOf(w.db, id), text);
}

/** Resolving needs a note (the resolution); every other change may carry one as its reason. */
export function setTicketStatus(w: WriteContext, id: number, status: TicketStatus, note: string | null): void {
  const t = rowOf(w.db, id);
  checkTransition(t.status, status);
  const text = note?.trim() || null;
  if (status === 'resolved' && !text) throw fail.validation('Say how the ticket was resolved.', { note: 'required to resolve' });
  w.db
    .prepare('UPDATE exception_tickets SET status = ?, updated_at = ?, resolved_at = ?, resolution = ? WHERE id = ?')
    .run(status, w.at, status === 'resolved' ? w.at : null, status === 'resolved' ? text : t.resolution, id);
  audit(w, t, 'status', [{ field: 'status', before: t.status, after: status }], text);
}

export function setTicketGroup(w: WriteContext, templates: TemplateRegistry, id: number, group: TicketGroup, note: string | null): void {
  const t = rowOf(w.db, id);
  if (t.owner_group === group) throw fail.conflict(`The ticket is already with ${group}.`, { ownerGroup: group });
  w.db.prepare('UPDATE exception_tickets SET owner_group = ?, updated_at = ? WHERE id = ?').run(group, w.at, id);
  audit(w, t, 'group', [{ field: 'ownerGroup', before: t.owner_group, after: group }], note?.trim() || null);
  enqueueNotification(w, templates, {
    template: 'exceptions.ticketOpened',
    variables: { ticketId: ticketNumber(id), reason: t.title, orderId: t.platform_order_id ?? '—', group: TICKET_GROUP_LABELS[group] },
    to: { kind: 'inbox', role: GROUP_INBOX_ROLE[group] },
    key: `ticket:${id}:group:${group}:${w.at}`,
    cause: { entityType: 'exception-ticket', entityId: id },
  });
}

/** An unresolved ticket of this type already open on the parcel (a rule adds to it instead of opening another). */
export function openTicketFor(db: Db, parcelId: number, type: TicketType): number | null {
  const row = db.prepare("SELECT id FROM exception_tickets WHERE parcel_id = ? AND type = ? AND status != 'resolved' ORDER BY id DESC LIMIT 1").get(parcelId, type) as { id: number } | undefined;
  return row?.id ?? null;
}

function toInfo(r: TicketRow, now: number): TicketInfo {
  return {
    id: r.id,
    number: ticketNumber(r.id),
    type: r.type,
    ownerGroup: r.owner_group,
    status: r.status,
    title: r.title,
    origin: r.origin,
    hitId: r.hit_id,
    order: r.order_id !== null ? { orderId: r.order_id, platformOrderId: r.platform_order_id ?? '', channel: r.channel ?? '' } : null,
    parcel: r.parcel_id !== null ? { parcelId: r.parcel_id, carrier: r.carrier ?? '', waybillNo: r.waybill_no ?? '', state: r.parcel_state ?? 'AWAITING_PICKUP' } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    dueAt: r.due_at,
    overdue: r.status !== 'resolved' && now > r.due_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    commentCount: r.comment_count,
    createdBy: r.created_by,
  };
}

export function listTickets(db: Db, query: TicketQuery, now: number): TicketListResult {
  const where: string[] = [];
  const params: Record<string, unknown> = { now };
  if (query.ownerGroup) {
    where.push('t.owner_group = @group');
    params.group = query.ownerGroup;
  }
  if (query.type) {
    where.push('t.type = @type');
    params.type = query.type;
  }
  if (query.orderId) {
    where.push('t.order_id = @orderId');
    params.orderId = query.orderId;
  }
  if (query.parcelId) {
    where.push('t.parcel_id = @parcelId');
    params.parcelId = query.parcelId;
  }
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const countRows = db.prepare(`SELECT t.status, count(*) AS n, sum(t.status != 'resolved' AND t.due_at < @now) AS overdue FROM exception_tickets t ${base} GROUP BY t.status`).all(params) as Array<{ status: TicketStatus; n: number; overdue: number }>;
  const counts = { ...Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])), overdue: 0 } as TicketListResult['counts'];
  for (const c of countRows) {
    counts[c.status] = c.n;
    counts.overdue += c.overdue ?? 0;
  }
  const filtered = [...where];
  if (query.status?.length) {
    filtered.push('t.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(query.status);
  }
  if (query.overdue !== undefined) filtered.push(query.overdue ? "t.status != 'resolved' AND t.due_at < @now" : "NOT (t.status != 'resolved' AND t.due_at < @now)");
  const clause = filtered.length ? `WHERE ${filtered.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM exception_tickets t ${clause}`).get(params) as { n: number }).n;
  // The queue: unresolved first, the most urgent (earliest due) on top; resolved ones newest first.
  const rows = db
    .prepare(`${SELECT} ${clause} ORDER BY t.status = 'resolved', CASE WHEN t.status = 'resolved' THEN -t.resolved_at ELSE t.due_at END, t.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit ?? 100, offset: query.offset ?? 0 }) as TicketRow[];
  return { rows: rows.map((r) => toInfo(r, now)), total, counts };
}

export function ticketDetail(db: Db, id: number, now: number): TicketDetail {
  const row = rowOf(db, id);
  const comments = (db.prepare('SELECT * FROM ticket_comments WHERE ticket_id = ? ORDER BY id').all(id) as Array<{ id: number; at: number; actor_type: string; actor_id: string; actor_name: string; body: string }>).map(
    (c): TicketComment => ({ id: c.id, at: c.at, author: { type: c.actor_type, id: c.actor_id, name: c.actor_name }, body: c.body }),
  );
  const history = (
    db.prepare("SELECT at, actor_type, actor_id, actor_name, action, changes, reason FROM audit_events WHERE entity_type = 'exception-ticket' AND entity_id = ? ORDER BY seq").all(String(id)) as Array<{
      at: number;
      actor_type: string;
      actor_id: string;
      actor_name: string;
      action: string;
      changes: string;
      reason: string | null;
    }>
  ).map((h): TicketHistoryEntry => ({ at: h.at, actor: { type: h.actor_type, id: h.actor_id, name: h.actor_name }, action: h.action, changes: JSON.parse(h.changes) as FieldChange[], reason: h.reason }));
  return { ...toInfo(row, now), comments, history, allowedStatuses: [...TICKET_TRANSITIONS[row.status]] };
}
