/**
 * `ops audit verify`: walks the whole chain and names every row that was edited, deleted or cut.
 */
import type { AuditVerifyReport } from '../contract/audit.js';
import type { Db } from '../store/db.js';
import type { AuditAnchor } from './anchor.js';
import { type AuditRow, GENESIS_HASH, hashAuditRow } from './chain.js';

export function verifyAuditChain(db: Db, anchor: AuditAnchor | null): AuditVerifyReport {
  const problems: AuditVerifyReport['problems'] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const hashAt = new Map<number, string>();
  const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    count++;
    let gap = false;
    if (row.seq !== expectedSeq) {
      gap = true;
      for (let missing = expectedSeq; missing < row.seq; missing++) {
        problems.push({ seq: missing, kind: 'missing', message: `Audit event #${missing} was deleted.` });
      }
    }
    if (!gap && row.prev_hash !== prevHash) {
      problems.push({ seq: row.seq, kind: 'broken-link', message: `Audit event #${row.seq} does not link to the event before it.` });
    }
    const { hash, ...content } = row;
    if (hashAuditRow(content) !== hash) {
      problems.push({ seq: row.seq, kind: 'edited', message: `Audit event #${row.seq} was edited after it was written (${row.entity_type} ${row.entity_id}, ${row.action}).` });
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    if (anchor && row.seq === anchor.count) hashAt.set(row.seq, row.hash);
  }
  const lastSeq = expectedSeq - 1;
  if (anchor) {
    if (anchor.count > lastSeq) {
      const first = lastSeq + 1;
      problems.push({
        seq: first,
        kind: 'cut-from-end',
        message: `Audit events #${first}–#${anchor.count} were cut from the end of the log (the anchor recorded ${anchor.count} events).`,
      });
    } else if (anchor.count > 0 && hashAt.get(anchor.count) !== anchor.headHash && !problems.some((p) => p.seq <= anchor.count)) {
      problems.push({
        seq: anchor.count,
        kind: 'anchor-mismatch',
        message: `Audit event #${anchor.count} does not match the anchored head: the chain was rewritten up to it.`,
      });
    }
  }
  return { ok: problems.length === 0, count, headHash: count > 0 ? prevHash : null, anchor, problems };
}
