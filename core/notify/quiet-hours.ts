/**
 * Customer quiet hours (issue 4: no SMS 22:00–08:00 by default; queued instead). Asia/Shanghai has no
 * daylight saving, so a fixed offset is exact there; other zones pass their own offset.
 */
import type { QuietHours } from '../contract/notify.js';

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00', utcOffsetMinutes: 480 };

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export function parseClockTime(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`Quiet hours must be HH:MM (00:00–23:59), got "${value}".`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when `at` falls inside the window [start, end) local time; an empty window (start = end) never. */
export function inQuietHours(at: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === end) return false;
  const local = localMinuteOfDay(at, quiet.utcOffsetMinutes);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/**
 * The earliest time at or after `at` outside quiet hours: `at` itself when allowed, otherwise the
 * moment the window ends (08:00 local on the right day). The SLA rules call this for customer SMS.
 */
export function nextAllowedSendTime(at: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  if (!inQuietHours(at, quiet)) return at;
  const end = parseClockTime(quiet.end);
  const offsetMs = quiet.utcOffsetMinutes * MINUTE;
  const local = at + offsetMs;
  const localMidnight = Math.floor(local / (DAY_MINUTES * MINUTE)) * DAY_MINUTES * MINUTE;
  let candidate = localMidnight + end * MINUTE;
  if (candidate <= local) candidate += DAY_MINUTES * MINUTE;
  return candidate - offsetMs;
}

function localMinuteOfDay(at: number, offsetMinutes: number): number {
  const minutes = Math.floor((at + offsetMinutes * MINUTE) / MINUTE);
  return ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}
