import type { Translate } from '../i18n/index.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span an operator reads at a glance: "45 秒", "3 分钟", "2 小时 5 分钟", "4 天 3 小时"
 * ("45 s", "3 min", "2 h 5 min", "4 d 3 h"). Two units at most; the smaller one is rounded down.
 */
export function formatDuration(t: Translate, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const span = Math.max(0, ms);
  if (span < MINUTE) return t('duration.seconds', { n: Math.floor(span / SECOND) });
  if (span < HOUR) return t('duration.minutes', { n: Math.floor(span / MINUTE) });
  if (span < DAY) return t('duration.hours', { h: Math.floor(span / HOUR), m: Math.floor((span % HOUR) / MINUTE) });
  return t('duration.days', { d: Math.floor(span / DAY), h: Math.floor((span % DAY) / HOUR) });
}
