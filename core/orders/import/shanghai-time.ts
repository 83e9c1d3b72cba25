import type { Parsed } from './money.js';

/**
 * Order files write local wall-clock times without a zone; Chinese platforms and tills mean
 * Asia/Shanghai, which has been a fixed UTC+8 with no daylight saving since 1991.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

// 2024-03-01 10:00:00 · 2024/3/1 9:05 · 2024-03-01T10:00:00+08:00 · 2024-03-01T02:00:00.5Z · 2024-03-01
const DATE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseShanghaiTime(input: string): Parsed<number> {
  // Full-width colons appear in real Chinese exports (see the WeChat Pay bill sample in
  // /work/shared/fixtures/partners/README.md); they mean the same thing.
  const text = input.trim().replace(/：/g, ':');
  const m = DATE_TIME.exec(text);
  const bad = { ok: false as const, reason: `"${input}" is not a date-time (use YYYY-MM-DD HH:mm:ss)` };
  if (!m) return bad;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const [year, month, day, hour, minute, second] = parts;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0')));
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches impossible dates and times.
  const check = new Date(wallClock);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day ||
    check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second
  ) {
    return { ok: false, reason: `"${input}" is not a real calendar date-time` };
  }
  return { ok: true, value: wallClock - zoneOffsetMs(zone) };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return SHANGHAI_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (digits.startsWith('-') ? -1 : 1) * minutes * 60_000;
}
