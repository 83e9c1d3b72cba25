/**
 * Sessions: a random token goes to the host (cookie or Electron main), only its sha256 is stored, so
 * a copied database holds no usable session. A session lasts one working day from login; creating and
 * ending one is an audited write (login/logout), and checking one writes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, token: string, operatorId: number, host: string, now: number): void {
  db.prepare('INSERT INTO sessions (token_hash, operator_id, host, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    sessionKey(token),
    operatorId,
    host,
    now,
    now,
    now + SESSION_TTL_MS,
  );
}

/** Returns the operator id of a live session; null when absent or expired. */
export function findSession(db: Db, key: string, now: number): number | null {
  const row = db.prepare('SELECT operator_id, expires_at FROM sessions WHERE token_hash = ?').get(key) as
    | { operator_id: number; expires_at: number }
    | undefined;
  return row && row.expires_at > now ? row.operator_id : null;
}

export function deleteSession(db: Db, key: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(key);
}

export function deleteOperatorSessions(db: Db, operatorId: number, exceptKey: string | null): void {
  db.prepare('DELETE FROM sessions WHERE operator_id = ? AND token_hash IS NOT ?').run(operatorId, exceptKey);
}
