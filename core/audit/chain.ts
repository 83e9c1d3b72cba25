/**
 * The hash chain: each event's hash covers its own content and the previous event's hash, so editing,
 * deleting or re-ordering any row breaks the chain at that row.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  at: number;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  source: string;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: string;
  reason: string | null;
  raw_payload_id: number | null;
  prev_hash: string;
  hash: string;
}

export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_type,
    row.actor_id,
    row.actor_name,
    row.source,
    row.entity_type,
    row.entity_id,
    row.action,
    row.changes,
    row.reason,
    row.raw_payload_id,
    row.prev_hash,
  ]);
  return createHash('sha256').update(row.prev_hash).update(canonical).digest('hex');
}
