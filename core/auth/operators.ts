/** Operators repository: SQL lives here; handlers and login call these. */
import type { OperatorInfo } from '../contract/api.js';
import { ROLE_PERMISSIONS, type Role } from '../contract/roles.js';
import type { Db } from '../store/db.js';

export interface OperatorRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: number;
}

export function toOperatorInfo(row: OperatorRow): OperatorInfo {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    permissions: [...ROLE_PERMISSIONS[row.role]],
    createdAt: row.created_at,
  };
}

export function findOperatorByName(db: Db, username: string): OperatorRow | undefined {
  return db.prepare('SELECT * FROM operators WHERE username = ?').get(username) as OperatorRow | undefined;
}

export function findOperatorById(db: Db, id: number): OperatorRow | undefined {
  return db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
}

export function listOperators(db: Db): OperatorRow[] {
  return db.prepare('SELECT * FROM operators ORDER BY id').all() as OperatorRow[];
}

export function countOperators(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function insertOperator(
  db: Db,
  op: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword: boolean; at: number },
): number {
  const info = db
    .prepare(
      `INSERT INTO operators (username, display_name, role, password_hash, must_change_password, created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(op.username, op.displayName, op.role, op.passwordHash, op.mustChangePassword ? 1 : 0, op.at, op.at);
  return Number(info.lastInsertRowid);
}

export function updatePassword(db: Db, id: number, passwordHash: string, mustChange: boolean, at: number): void {
  db.prepare('UPDATE operators SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    mustChange ? 1 : 0,
    at,
    id,
  );
}
