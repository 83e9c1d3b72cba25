/**
 * Times are UTC epoch ms in the engine and shown in Asia/Shanghai (architecture.md "Data").
 * China has had no daylight saving time since 1991, so the offset is a fixed +08:00.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function shanghaiParts(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** "2024-05-01 13:45:09" in Asia/Shanghai. */
export function formatShanghai(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const { date, time } = shanghaiParts(ms);
  return `${date} ${time}`;
}

export function formatShanghaiDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return shanghaiParts(ms).date;
}

/** Start of a Shanghai calendar day given as "YYYY-MM-DD" (ag-grid date filters send this, maybe with a time). */
export function shanghaiDayStart(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return null;
  const [, y, m, d] = match;
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) - SHANGHAI_OFFSET_MS;
}

export function nextShanghaiDayStart(isoDate: string): number | null {
  const start = shanghaiDayStart(isoDate);
  return start === null ? null : start + DAY_MS;
}
