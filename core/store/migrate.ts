/**
 * Numbered, append-only SQL migrations (style.md principle 7). The runner is strict: it refuses a
 * database that has a migration this build does not know, or whose applied migration text changed,
 * rather than guessing (Actual Budget's migrate/migrations.ts does the same).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(folder = join(dirname(fileURLToPath(import.meta.url)), 'migrations')): Migration[] {
  const files = readdirSync(folder).filter((f) => f.endsWith('.sql')).sort();
  const migrations = files.map((file, index) => {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new Error(`Migrations must be numbered without gaps: expected ${index + 1}, found ${file}`);
    const sql = readFileSync(join(folder, file), 'utf8');
    return { version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
  return migrations;
}

export class MigrationError extends Error {}

export function migrate(db: Db, migrations: Migration[] = loadMigrations()): { applied: number[]; version: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as Array<{
    version: number;
    name: string;
    checksum: string;
  }>;
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new MigrationError(
        `The database has migration ${row.version} (${row.name}) that this version of Order Hub does not know: it was written by a newer build. Refusing to open it.`,
      );
    }
    if (mine.checksum !== row.checksum) {
      throw new MigrationError(`Migration ${row.version} (${row.name}) was changed after it was applied; migrations are append-only.`);
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const newlyApplied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(m.version, m.name, m.checksum, Date.now());
    }).immediate();
    newlyApplied.push(m.version);
  }
  return { applied: newlyApplied, version: migrations.length };
}
