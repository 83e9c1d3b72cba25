/** `ops` as a user runs it: real processes, --json output, clear errors and exit codes. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/engine.js';

const OPS = join(__dirname, '..', 'bin', 'ops.mjs');

function ops(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [OPS, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ops CLI', () => {
  it('adds and lists operators with --json, and refuses a bad role with a clear error', () => {
    const data = tempDir();
    const added = ops(['user', 'add', 'linjie', '--role', 'finance', '--name', '林姐', '--data', data, '--json']);
    expect(added.code).toBe(0);
    const out = JSON.parse(added.stdout) as { operator: { username: string; role: string; mustChangePassword: boolean }; oneTimePassword: string };
    expect(out.operator).toMatchObject({ username: 'linjie', role: 'finance', mustChangePassword: true });
    expect(out.oneTimePassword).toHaveLength(16);
    const list = JSON.parse(ops(['user', 'list', '--data', data, '--json']).stdout) as Array<{ username: string }>;
    expect(list.map((u) => u.username)).toEqual(['admin', 'linjie']);
    const bad = ops(['user', 'add', 'x1', '--role', 'boss', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--role must be one of/);
    expect(ops(['user', 'add', 'linjie', '--role', 'cs', '--data', data]).stderr).toMatch(/already exists/);
    expect(ops(['frobnicate', '--data', data]).code).toBe(2);
    expect(ops(['user', 'list', '--bogus']).stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('audit verify names a tampered row and exits non-zero; backup and restore bring the store back', () => {
    const data = tempDir();
    ops(['user', 'add', 'xiaowang', '--role', 'cs', '--data', data]);
    ops(['user', 'add', 'zhangzg', '--role', 'supervisor', '--data', data]);
    const good = ops(['audit', 'verify', '--data', data, '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, count: 3 });

    const backup = join(tempDir(), 'before.sqlite');
    expect(ops(['backup', backup, '--data', data]).stdout).toMatch(/Backed up to .* \(3 audit events/);

    const db = new Database(join(data, 'orderhub.sqlite'));
    db.prepare("UPDATE audit_events SET actor_name = 'someone else' WHERE seq = 2").run();
    db.close();
    const broken = ops(['audit', 'verify', '--data', data]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/#2 edited/);

    const restored = ops(['restore', backup, '--data', data, '--json']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ auditEvents: 3 });
    expect(ops(['audit', 'verify', '--data', data]).code).toBe(0);
    expect(ops(['restore', join(data, 'nope.sqlite'), '--data', data]).stderr).toMatch(/No such backup/);
  }, 120_000);

  it('import orders reports an unreadable file clearly and exits non-zero', () => {
    const data = tempDir();
    const missing = ops(['import', 'orders', join(data, 'missing.csv'), '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*missing\.csv: ENOENT/);
  });
});
