/**
 * `ops backup` / `ops restore`. The backup is SQLite's online backup (consistent while the other
 * host writes); its audit head is read from the finished copy and written beside it, so every
 * backup carries its own anchor.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { GENESIS_HASH } from '../audit/chain.js';
import { type AuditAnchor, readAnchor, writeAnchor } from '../audit/anchor.js';
import { backupDatabase, type Db, openDatabase } from './db.js';
import { migrate } from './migrate.js';

export const anchorFileOf = (backupFile: string) => `${backupFile}.anchor.json`;

export function auditHead(db: Db): AuditAnchor {
  const row = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return { count: row?.seq ?? 0, headHash: row?.hash ?? GENESIS_HASH, at: Date.now() };
}

export async function backupTo(db: Db, destination: string, nativeBinding?: string): Promise<AuditAnchor> {
  if (existsSync(destination)) throw new Error(`Refusing to overwrite an existing file: ${destination}`);
  await backupDatabase(db, destination);
  const copy = openDatabase({ file: destination, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const head = auditHead(copy);
    writeAnchor(anchorFileOf(destination), head);
    return head;
  } finally {
    copy.close();
  }
}

/**
 * Restore replaces the data folder's database with a backup (the engine must not be running on it).
 * The backup is checked first — it must open, migrate-check, and match its own anchor — and the
 * replaced database is kept beside as `<db>.before-restore-<time>`.
 */
export function restoreFrom(backupFile: string, dbFile: string, anchorFile: string, nativeBinding?: string): { anchor: AuditAnchor; keptAs: string | null } {
  if (!existsSync(backupFile)) throw new Error(`No such backup: ${backupFile}`);
  const candidate = openDatabase({ file: backupFile, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  let head: AuditAnchor;
  try {
    candidate.prepare('SELECT count(*) FROM audit_events').get();
    head = auditHead(candidate);
  } finally {
    candidate.close();
  }
  const sidecar = readAnchor(anchorFileOf(backupFile));
  if (sidecar && (sidecar.count !== head.count || sidecar.headHash !== head.headHash)) {
    throw new Error(`The backup does not match its anchor (anchor ${sidecar.count} events, backup ${head.count}); it was altered after it was made.`);
  }
  let keptAs: string | null = null;
  if (existsSync(dbFile)) {
    keptAs = `${dbFile}.before-restore-${Date.now()}`;
    renameSync(dbFile, keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, keptAs + suffix);
  }
  copyFileSync(backupFile, dbFile);
  const restored = openDatabase({ file: dbFile, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    migrate(restored);
  } finally {
    restored.close();
  }
  writeAnchor(anchorFile, head);
  rmSync(`${dbFile}.restore-tmp`, { force: true });
  return { anchor: head, keptAs };
}
