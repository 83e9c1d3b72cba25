/**
 * Writes audit events inside the caller's transaction. The head is read inside the transaction
 * (BEGIN IMMEDIATE holds the write lock), so two hosts on one data folder still build one chain.
 */
import type { Actor } from '../contract/actors.js';
import type { FieldChange } from '../contract/audit.js';
import type { Db, Statement } from '../store/db.js';
import { GENESIS_HASH, hashAuditRow } from './chain.js';

export interface AuditEntry {
  entityType: string;
  entityId: string | number;
  action: string;
  changes?: FieldChange[];
  reason?: string | null;
  rawPayloadId?: number | null;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Prepared once per connection: an appender is made for every write transaction. */
const prepared = new WeakMap<Db, { insert: Statement; readHead: Statement }>();

function appenderStatements(db: Db): { insert: Statement; readHead: Statement } {
  let s = prepared.get(db);
  if (!s) {
    s = {
      insert: db.prepare(
        `INSERT INTO audit_events (seq, at, actor_type, actor_id, actor_name, source, entity_type, entity_id, action, changes, reason, raw_payload_id, prev_hash, hash)
         VALUES (@seq, @at, @actor_type, @actor_id, @actor_name, @source, @entity_type, @entity_id, @action, @changes, @reason, @raw_payload_id, @prev_hash, @hash)`,
      ),
      readHead: db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'),
    };
    prepared.set(db, s);
  }
  return s;
}

export class AuditAppender {
  private head: ChainHead | null = null;
  private readonly insert: Statement;
  private readonly readHead: Statement;
  written = 0;

  constructor(
    db: Db,
    private readonly at: number,
    private readonly actor: Actor,
    private readonly source: string,
  ) {
    const statements = appenderStatements(db);
    this.insert = statements.insert;
    this.readHead = statements.readHead;
  }

  append(entry: AuditEntry): number {
    if (!this.head) this.head = (this.readHead.get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    const row = {
      seq: this.head.seq + 1,
      at: this.at,
      actor_type: this.actor.type,
      actor_id: this.actor.id,
      actor_name: this.actor.name,
      source: this.source,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      action: entry.action,
      changes: JSON.stringify(entry.changes ?? []),
      reason: entry.reason ?? null,
      raw_payload_id: entry.rawPayloadId ?? null,
      prev_hash: this.head.hash,
    };
    const hash = hashAuditRow(row);
    this.insert.run({ ...row, hash });
    this.head = { seq: row.seq, hash };
    this.written++;
    return row.seq;
  }

  /** The head after this transaction's appends (null when nothing was appended). */
  currentHead(): ChainHead | null {
    return this.written > 0 ? this.head : null;
  }
}
