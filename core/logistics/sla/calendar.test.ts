import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../contract/logistics-exceptions.js';
import { addBusinessMinutes, DEFAULT_CALENDAR, deadlineOf } from './calendar.js';

/** Beijing wall time → UTC epoch ms. */
const bj = (mo: number, d: number, h: number, mi = 0) => Date.UTC(2026, mo - 1, d, h - 8, mi);

describe('business-time deadlines (Asia/Shanghai, 09:00–18:00, Monday–Friday by default)', () => {
  it('counts inside the working day', () => {
    expect(addBusinessMinutes(bj(11, 25, 10), 120, DEFAULT_CALENDAR)).toBe(bj(11, 25, 12)); // Wednesday
  });
  it('starts the clock at opening when shipped before it, and carries the rest over the night', () => {
    expect(addBusinessMinutes(bj(11, 25, 6), 120, DEFAULT_CALENDAR)).toBe(bj(11, 25, 11));
    expect(addBusinessMinutes(bj(11, 25, 17, 30), 120, DEFAULT_CALENDAR)).toBe(bj(11, 26, 10, 30));
    expect(addBusinessMinutes(bj(11, 25, 22), 120, DEFAULT_CALENDAR)).toBe(bj(11, 26, 11));
  });
  it('skips the weekend, holidays, and counts make-up working days', () => {
    expect(addBusinessMinutes(bj(11, 27, 17, 30), 120, DEFAULT_CALENDAR)).toBe(bj(11, 30, 10, 30)); // Fri → Mon
    const holidays: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: ['2026-11-30', '2026-12-01'] };
    expect(addBusinessMinutes(bj(11, 27, 17, 30), 120, holidays)).toBe(bj(12, 2, 10, 30));
    const makeUp: BusinessCalendar = { ...DEFAULT_CALENDAR, extraWorkdays: ['2026-11-29'] };
    expect(addBusinessMinutes(bj(11, 27, 17, 30), 120, makeUp)).toBe(bj(11, 29, 10, 30)); // Sunday worked
  });
  it('spans several working days for a long threshold (24 business hours = 2⅔ days of 9 hours)', () => {
    expect(addBusinessMinutes(bj(11, 23, 9), 24 * 60, DEFAULT_CALENDAR)).toBe(bj(11, 25, 15)); // Mon 09:00 → Wed 15:00
  });
  it('wall-clock deadlines ignore the calendar', () => {
    expect(deadlineOf(bj(11, 27, 23), 120, false, DEFAULT_CALENDAR)).toBe(bj(11, 28, 1));
  });
  it('refuses a calendar with no working time instead of looping', () => {
    expect(() => addBusinessMinutes(0, 60, { ...DEFAULT_CALENDAR, weekdays: [] })).toThrow(/no working day/);
    expect(() => addBusinessMinutes(0, 60, { ...DEFAULT_CALENDAR, start: '18:00', end: '09:00' })).toThrow(/end after they start/);
  });
});
