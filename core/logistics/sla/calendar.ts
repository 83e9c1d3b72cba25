/**
 * Business-time arithmetic for SLA rules whose clock counts only working hours (issue 4: "business
 * hours … editable"). A working day is a listed weekday that is not a holiday, or an extra working
 * day (调休上班); its hours run from `start` to `end` local time. Asia/Shanghai has no daylight saving,
 * so a fixed UTC offset is exact.
 */
import type { BusinessCalendar } from '../../contract/logistics-exceptions.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar with no working day at all would loop forever; give up after this many days. */
const MAX_DAYS = 800;

export const DEFAULT_CALENDAR: BusinessCalendar = { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], utcOffsetMinutes: 480 };

export function clockMinutes(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`A time of day must be HH:MM (00:00–23:59), got "${value}".`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'YYYY-MM-DD' of the local day containing `at`. */
export function localDate(at: number, offsetMinutes: number): string {
  return new Date(at + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

function isWorkingDay(localMidnightUtc: number, calendar: BusinessCalendar): boolean {
  const date = new Date(localMidnightUtc + calendar.utcOffsetMinutes * MINUTE);
  const iso = date.toISOString().slice(0, 10);
  if (calendar.extraWorkdays.includes(iso)) return true;
  if (calendar.holidays.includes(iso)) return false;
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  return calendar.weekdays.includes(weekday);
}

/**
 * The moment `minutes` of business time have passed since `from`. Time before opening counts from
 * the opening; time after closing, on non-working days and holidays does not count.
 */
export function addBusinessMinutes(from: number, minutes: number, calendar: BusinessCalendar): number {
  const open = clockMinutes(calendar.start) * MINUTE;
  const close = clockMinutes(calendar.end) * MINUTE;
  if (close <= open) throw new Error(`Business hours must end after they start (${calendar.start}–${calendar.end}).`);
  const offset = calendar.utcOffsetMinutes * MINUTE;
  let remaining = minutes * MINUTE;
  // UTC instant of the local midnight that starts the day containing `from`.
  let dayStart = Math.floor((from + offset) / DAY) * DAY - offset;
  let cursor = from;
  for (let i = 0; i < MAX_DAYS; i++, dayStart += DAY) {
    if (!isWorkingDay(dayStart, calendar)) continue;
    const start = Math.max(cursor, dayStart + open);
    const end = dayStart + close;
    if (start >= end) continue;
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
    cursor = end;
  }
  throw new Error('The business calendar has no working day in the next two years.');
}

/** When a rule's clock started at `from` runs out: wall time, or business time when asked. */
export function deadlineOf(from: number, thresholdMinutes: number, businessHoursOnly: boolean, calendar: BusinessCalendar): number {
  return businessHoursOnly ? addBusinessMinutes(from, thresholdMinutes, calendar) : from + thresholdMinutes * MINUTE;
}
