/**
 * Per-target sliding-window limit over the attempts table: a robot takes 20 messages a minute
 * (protocols.md §6). Counted from committed attempt rows rather than an in-memory token bucket
 * (core/channels/sync/resilience.ts RateLimiter), so the limit holds across a restart and across
 * both hosts sharing one data folder, and nothing sleeps: a message over the limit is rescheduled.
 */
import type { Db } from '../store/db.js';

export const RATE_WINDOW_MS = 60_000; // protocols.md §6: "per minute"

export function sendsInWindow(db: Db, targetId: string, now: number): number {
  return (db.prepare('SELECT count(*) AS n FROM notification_attempts WHERE target_id = ? AND started_at > ?').get(targetId, now - RATE_WINDOW_MS) as { n: number }).n;
}

/** When the next send to this target is allowed: now if under the limit, else when the oldest send in the window ages out. */
export function nextSendSlot(db: Db, targetId: string, perMinute: number, now: number): number {
  const rows = db.prepare('SELECT started_at FROM notification_attempts WHERE target_id = ? AND started_at > ? ORDER BY started_at DESC LIMIT ?').all(targetId, now - RATE_WINDOW_MS, perMinute) as Array<{ started_at: number }>;
  if (rows.length < perMinute) return now;
  return rows[rows.length - 1]!.started_at + RATE_WINDOW_MS;
}
