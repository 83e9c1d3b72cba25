import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.js';
import { MutationQueue } from '../kernel/mutation.js';
import { openDatabase } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { anchorPath, readAnchor, writeAnchor } from './anchor.js';
import { GENESIS_HASH, hashAuditRow } from './chain.js';
import { verifyAuditChain } from './verify.js';

const actor = { type: 'operator' as const, id: '7', name: '林姐' };

function setup(events = 10) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  const db = openDatabase({ file: join(dir, 'db.sqlite') });
  migrate(db);
  const clock = new ManualClock(Date.UTC(2026, 10, 1));
  const mutations = new MutationQueue(db, clock, {
    afterCommit: (head) => writeAnchor(anchorPath(dir), { count: head.seq, headHash: head.hash, at: clock.now() }),
    publish: () => undefined,
  });
  for (let i = 1; i <= events; i++) {
    mutations.runNow(actor, 'console', (w) => {
      w.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run(`k${i}`, String(i));
      w.audit({ entityType: 'order', entityId: i, action: 'edit', changes: [{ field: 'paidFen', before: i, after: i + 1 }], reason: 'test' });
    });
    clock.advance(1000);
  }
  return { dir, db, mutations, anchor: () => readAnchor(anchorPath(dir)) };
}

describe('audit hash chain', () => {
  it('verifies an untouched chain and matches the anchor file', () => {
    const { db, anchor } = setup();
    const report = verifyAuditChain(db, anchor());
    expect(report).toMatchObject({ ok: true, count: 10, problems: [] });
    expect(anchor()?.count).toBe(10);
    expect(report.headHash).toBe(anchor()?.headHash);
  });

  it('names an edited row', () => {
    const { db, anchor } = setup();
    db.prepare(`UPDATE audit_events SET changes = '[{"field":"paidFen","before":4,"after":99999}]' WHERE seq = 4`).run();
    const report = verifyAuditChain(db, anchor());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ seq: 4, kind: 'edited' })]);
  });

  it('names a deleted row in the middle', () => {
    const { db, anchor } = setup();
    db.prepare('DELETE FROM audit_events WHERE seq = 6').run();
    const report = verifyAuditChain(db, anchor());
    expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([[6, 'missing']]);
  });

  it('names rows cut from the end, which only the anchor can reveal', () => {
    const { db, anchor } = setup();
    db.prepare('DELETE FROM audit_events WHERE seq > 7').run();
    expect(verifyAuditChain(db, null).ok).toBe(true); // a shorter chain is self-consistent…
    const report = verifyAuditChain(db, anchor()); // …the anchor is not fooled
    expect(report.problems).toEqual([expect.objectContaining({ seq: 8, kind: 'cut-from-end', message: expect.stringMatching(/#8–#10/) })]);
  });

  it('catches a chain rewritten with fresh hashes up to the anchored head', () => {
    const { db, anchor } = setup(3);
    // An attacker who recomputes every hash keeps the chain valid, but cannot change the anchor.
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Array<Record<string, unknown>>;
    db.prepare('DELETE FROM audit_events').run();
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const forged = { ...row, reason: 'forged', prev_hash: prev } as never as Parameters<typeof hashAuditRow>[0] & { hash?: string };
      const hash = hashAuditRow(forged);
      db.prepare('INSERT INTO audit_events (seq, at, actor_type, actor_id, actor_name, source, entity_type, entity_id, action, changes, reason, raw_payload_id, prev_hash, hash) VALUES (@seq, @at, @actor_type, @actor_id, @actor_name, @source, @entity_type, @entity_id, @action, @changes, @reason, @raw_payload_id, @prev_hash, @hash)').run({ ...forged, hash });
      prev = hash;
    }
    const report = verifyAuditChain(db, anchor());
    expect(report.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'anchor-mismatch' })]);
  });

  it('rolls back a write that recorded no audit event', () => {
    const { db, mutations } = setup(0);
    expect(() => mutations.runNow(actor, 'console', (w) => w.db.prepare("INSERT INTO settings (key, value) VALUES ('sneaky', '1')").run())).toThrow(/without an audit event/);
    expect(db.prepare("SELECT * FROM settings WHERE key = 'sneaky'").get()).toBeUndefined();
  });

  it('writes nothing at all when the write fails half-way', () => {
    const { db, mutations } = setup(2);
    expect(() =>
      mutations.runNow(actor, 'console', (w) => {
        w.audit({ entityType: 'order', entityId: 1, action: 'edit' });
        w.db.prepare("INSERT INTO settings (key, value) VALUES ('half', '1')").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 2 });
    expect(verifyAuditChain(db, null).ok).toBe(true);
  });
});

describe('mutation events', () => {
  it('announces one orders/changed per transaction, only after commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-'));
    const db = openDatabase({ file: join(dir, 'db.sqlite') });
    migrate(db);
    const published: unknown[] = [];
    const mutations = new MutationQueue(db, new ManualClock(0), { afterCommit: () => undefined, publish: (e) => published.push(e) });
    mutations.runNow(actor, 'pull', (w) => {
      for (const id of [1, 2, 2, 3]) {
        w.audit({ entityType: 'order', entityId: id, action: 'edit' });
        w.emit('orders/changed', { ids: [id], source: 'pull' });
      }
    });
    expect(published).toEqual([{ name: 'orders/changed', payload: { ids: [1, 2, 3], source: 'pull' } }]);
    expect(() =>
      mutations.runNow(actor, 'pull', (w) => {
        w.audit({ entityType: 'order', entityId: 9, action: 'edit' });
        w.emit('orders/changed', { ids: [9], source: 'pull' });
        throw new Error('rolled back');
      }),
    ).toThrow();
    expect(published).toHaveLength(1);
  });
});
