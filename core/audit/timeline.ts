/** The order's "digital twin" timeline: who/what changed which field, when, from where. */
import type { AuditEvent, FieldChange } from '../contract/audit.js';
import type { ActorType } from '../contract/actors.js';
import type { Db } from '../store/db.js';
import type { AuditRow } from './chain.js';

/** Field groups a finance user asks about ("who changed the amount?"). */
const FIELD_GROUPS: Record<string, (field: string) => boolean> = {
  amounts: (f) => f.endsWith('Fen'),
  receiver: (f) => f.startsWith('receiver'),
  remarks: (f) => f.endsWith('Remark'),
};

export function fieldMatcher(field: string): (f: string) => boolean {
  return FIELD_GROUPS[field] ?? ((f) => f === field || f.startsWith(`${field}.`));
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: { type: row.actor_type as ActorType, id: row.actor_id, name: row.actor_name },
    source: row.source,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    changes: JSON.parse(row.changes) as FieldChange[],
    reason: row.reason,
    rawPayloadId: row.raw_payload_id,
  };
}

export function entityTimeline(db: Db, entityType: string, entityId: string, options: { field?: string; limit?: number }): AuditEvent[] {
  const rows = db
    .prepare('SELECT * FROM audit_events WHERE entity_type = ? AND entity_id = ? ORDER BY seq DESC')
    .all(entityType, entityId) as AuditRow[];
  let events = rows.map(toAuditEvent);
  if (options.field) {
    const matches = fieldMatcher(options.field);
    events = events
      .map((e) => ({ ...e, changes: e.changes.filter((c) => matches(c.field)) }))
      .filter((e) => e.changes.length > 0);
  }
  return events.slice(0, options.limit ?? 500);
}
