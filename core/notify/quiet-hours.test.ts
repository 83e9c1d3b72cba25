import { describe, expect, it } from 'vitest';
import { inQuietHours, nextAllowedSendTime, parseClockTime } from './quiet-hours.js';

/** Asia/Shanghai wall time → epoch ms (UTC+8, no DST). */
const sh = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('customer quiet hours (22:00–08:00 Asia/Shanghai by default)', () => {
  it.each([
    ['21:59 is allowed', sh(2026, 11, 28, 21, 59), sh(2026, 11, 28, 21, 59)],
    ['22:00 waits until 08:00 next day', sh(2026, 11, 28, 22, 0), sh(2026, 11, 29, 8, 0)],
    ['23:30 waits until 08:00 next day', sh(2026, 11, 28, 23, 30), sh(2026, 11, 29, 8, 0)],
    ['00:10 (UTC still the day before) waits until 08:00 same day', sh(2026, 11, 29, 0, 10), sh(2026, 11, 29, 8, 0)],
    ['07:59 waits one minute', sh(2026, 11, 29, 7, 59), sh(2026, 11, 29, 8, 0)],
    ['08:00 is allowed', sh(2026, 11, 29, 8, 0), sh(2026, 11, 29, 8, 0)],
    ['month end rolls over', sh(2026, 11, 30, 22, 30), sh(2026, 12, 1, 8, 0)],
  ])('%s', (_name, at, expected) => {
    expect(nextAllowedSendTime(at)).toBe(expected);
    expect(inQuietHours(at)).toBe(expected !== at);
  });

  it('is configurable: a daytime window, another offset, an empty window', () => {
    const lunch = { start: '12:00', end: '13:30', utcOffsetMinutes: 480 };
    expect(nextAllowedSendTime(sh(2026, 11, 28, 12, 15), lunch)).toBe(sh(2026, 11, 28, 13, 30));
    expect(nextAllowedSendTime(sh(2026, 11, 28, 23, 0), lunch)).toBe(sh(2026, 11, 28, 23, 0));
    const utc = { start: '22:00', end: '08:00', utcOffsetMinutes: 0 };
    expect(nextAllowedSendTime(Date.UTC(2026, 10, 28, 23), utc)).toBe(Date.UTC(2026, 10, 29, 8));
    expect(inQuietHours(sh(2026, 11, 28, 23), { start: '08:00', end: '08:00', utcOffsetMinutes: 480 })).toBe(false);
  });

  it('refuses a malformed time', () => {
    expect(() => parseClockTime('24:00')).toThrow(/HH:MM/);
    expect(() => parseClockTime('8:00')).toThrow(/HH:MM/);
  });
});
