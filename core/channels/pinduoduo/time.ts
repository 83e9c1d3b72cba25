/**
 * PDD times: response fields are "yyyy-MM-dd HH:mm:ss" wall-clock Beijing time, "" when the event has
 * not happened (§2.4 sample: `"shipping_time":""`); request windows are unix SECONDS (§0, §2.2).
 * Asia/Shanghai is a fixed UTC+8 without daylight saving since 1991.
 */
import { PDD_TIME_PATTERN } from './protocol.js';

const BEIJING_OFFSET_MS = 8 * 3600_000;

export type TimeResult = { ok: true; ms: number | null } | { ok: false; reason: string };

/** `required` fields must hold a time; optional ones may be absent, null or "" (→ null). */
export function parsePddTime(value: unknown, field: string, required: boolean): TimeResult {
  if (value === undefined || value === null || value === '') {
    return required ? { ok: false, reason: `${field} is missing` } : { ok: true, ms: null };
  }
  const m = typeof value === 'string' ? PDD_TIME_PATTERN.exec(value) : null;
  if (!m) return { ok: false, reason: `${field} ${JSON.stringify(value)} is not "yyyy-MM-dd HH:mm:ss"` };
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 2024-02-30 over into March; the round trip catches impossible dates.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) {
    return { ok: false, reason: `${field} ${JSON.stringify(value)} is not a real calendar time` };
  }
  return { ok: true, ms: wall - BEIJING_OFFSET_MS };
}

/** Epoch ms → the unix seconds of the request parameters (§2.2). */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
