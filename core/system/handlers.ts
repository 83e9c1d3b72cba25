import { statSync } from 'node:fs';
import { z } from 'zod';
import type { EngineHealth, SystemHandlers } from '../contract/api.js';
import type { Clock } from '../kernel/clock.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';

export function engineHealth(db: Db, dbFile: string, clock: Clock, startedAt: number, schemaVersion: number, demo: boolean): EngineHealth {
  // MAX(id) rather than count(*): the status bar asks every few seconds and a count scans 1M rows.
  const orders = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM orders').get() as { n: number }).n;
  const auditEvents = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_events').get() as { n: number }).n;
  let dbBytes = 0;
  try {
    dbBytes = dbFile === ':memory:' ? 0 : statSync(dbFile).size;
  } catch {
    dbBytes = 0;
  }
  return { ok: true, startedAt, now: clock.now(), orders, auditEvents, dbBytes, schemaVersion, demo };
}

export function systemHandlers(health: () => EngineHealth): ModuleHandlers<keyof SystemHandlers> {
  return {
    'system/health': { permission: 'session', args: z.object({}).default({}), run: () => health() },
  };
}
