import { describe, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey } from '../i18n/index.js';
import { formatDuration } from './duration.js';

const tr = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

describe('formatDuration', () => {
  it('shows a lag in the largest sensible units, in both languages', () => {
    const zh = tr('zh-CN');
    const en = tr('en');
    expect(formatDuration(zh, 45_400)).toBe('45 秒');
    expect(formatDuration(zh, 3 * 60_000 + 59_000)).toBe('3 分钟');
    expect(formatDuration(en, 3 * 60_000)).toBe('3 min');
    expect(formatDuration(zh, 2 * 3_600_000 + 5 * 60_000)).toBe('2 小时 5 分钟');
    expect(formatDuration(en, 4 * 86_400_000 + 3 * 3_600_000 + 59 * 60_000)).toBe('4 d 3 h');
  });

  it('is empty for an unknown span and never negative', () => {
    expect(formatDuration(tr('en'), null)).toBe('');
    expect(formatDuration(tr('en'), Number.NaN)).toBe('');
    expect(formatDuration(tr('en'), -5_000)).toBe('0 s');
  });
});
