import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorPath, readAnchor } from '../core/audit/anchor.js';
import { verifyAuditChain } from '../core/audit/verify.js';
import { openDatabase } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';

function runAndKill(dataDir: string, afterAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support/crash-writer.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAck = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) lastAck = Number(m[1]);
      }
      if (lastAck >= afterAcks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lastAck) : reject(new Error(`writer exited without being killed: ${stderr}`))));
  });
}

describe('crash safety', () => {
  it('a writer killed with SIGKILL mid-loop leaves a consistent store holding every acknowledged write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    for (const target of [40, 120]) {
      const acked = await runAndKill(dataDir, target);
      expect(acked).toBeGreaterThanOrEqual(target);
      const db = openDatabase({ file: join(dataDir, 'orderhub.sqlite') });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      migrate(db); // the strict runner still accepts it
      const ids = new Set((db.prepare("SELECT platform_order_id AS id FROM orders").all() as Array<{ id: string }>).map((r) => r.id));
      for (let n = 1; n <= acked; n++) expect(ids.has(`CRASH-${n}`), `acknowledged order CRASH-${n}`).toBe(true);
      // Every order is complete: lines and its audit event arrived with it or not at all.
      const orphans = db.prepare("SELECT count(*) AS n FROM orders o WHERE line_count != (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_type = 'order' AND a.entity_id = CAST(o.id AS TEXT))").get();
      expect(orphans).toEqual({ n: 0 });
      const report = verifyAuditChain(db, readAnchor(anchorPath(dataDir)));
      expect(report.problems).toEqual([]);
      db.close();
    }
  }, 60_000);
});
