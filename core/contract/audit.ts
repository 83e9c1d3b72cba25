import type { Actor, WriteSource } from './actors.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEvent {
  seq: number;
  at: number;
  actor: Actor;
  source: WriteSource;
  entityType: string;
  entityId: string;
  action: string;
  changes: FieldChange[];
  reason: string | null;
  rawPayloadId: number | null;
}

export interface AuditVerifyReport {
  ok: boolean;
  count: number;
  headHash: string | null;
  anchor: { count: number; headHash: string; at: number } | null;
  problems: Array<{ seq: number; kind: 'edited' | 'missing' | 'broken-link' | 'cut-from-end' | 'anchor-mismatch'; message: string }>;
}
