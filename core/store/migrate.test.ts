import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { loadMigrations, migrate, MigrationError } from './migrate.js';

describe('migrations', () => {
  it('applies every numbered migration once and is a no-op the second time', () => {
    const db = openDatabase({ file: ':memory:' });
    const first = migrate(db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.version));
    expect(migrate(db).applied).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['orders', 'order_lines', 'shipments', 'audit_events', 'operators', 'sessions', 'sku_mappings']));
  });

  it('refuses a database that has a migration this build does not know', () => {
    const db = openDatabase({ file: ':memory:' });
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 0)").run();
    expect(() => migrate(db)).toThrow(MigrationError);
    expect(() => migrate(db)).toThrow(/newer build/);
  });

  it('refuses a migration whose text changed after it was applied', () => {
    const db = openDatabase({ file: ':memory:' });
    migrate(db);
    db.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").run();
    expect(() => migrate(db)).toThrow(/append-only/);
  });

  it('rejects gaps and badly named files in the migrations folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '0003_c.sql'), 'CREATE TABLE c (x);');
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
    const dir2 = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir2, '1_a.sql'), 'CREATE TABLE a (x);');
    expect(() => loadMigrations(dir2)).toThrow(/0001_name\.sql/);
  });

  it('opens file databases in WAL with synchronous=FULL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'db-'));
    const db = openDatabase({ file: join(dir, 'x.sqlite') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
