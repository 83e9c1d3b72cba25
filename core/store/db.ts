/**
 * The only importer of better-sqlite3 (style.md principle 8). Opens the store with the pragmas the
 * architecture asks for: WAL, synchronous=FULL (ledger tables are money and audit), busy_timeout so a
 * second host on the same folder waits instead of failing.
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;

export interface OpenOptions {
  /** Absolute file path, or ':memory:' for unit tests. */
  file: string;
  /** A better_sqlite3.node built for the running ABI (the Electron host passes its own build). */
  nativeBinding?: string;
  readonly?: boolean;
  busyTimeoutMs?: number;
}

export function openDatabase(options: OpenOptions): Db {
  const db = new Database(options.file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    if (options.file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/** Online backup through SQLite's backup API: consistent even while the other host writes. */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  await db.backup(destination);
}
