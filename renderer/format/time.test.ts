import { describe, expect, it } from 'vitest';
import { formatShanghai, formatShanghaiDate, nextShanghaiDayStart, shanghaiDayStart } from './time.js';

describe('Asia/Shanghai times', () => {
  it('shows UTC epoch ms as Shanghai wall time', () => {
    // 2024-11-25T16:30:00Z is 2024-11-26 00:30:00 in Shanghai (UTC+8)
    expect(formatShanghai(Date.UTC(2024, 10, 25, 16, 30, 0))).toBe('2024-11-26 00:30:00');
    expect(formatShanghaiDate(Date.UTC(2024, 10, 25, 16, 30, 0))).toBe('2024-11-26');
  });

  it('finds the start of a Shanghai day and of the next', () => {
    expect(shanghaiDayStart('2024-11-26')).toBe(Date.UTC(2024, 10, 25, 16, 0, 0));
    expect(shanghaiDayStart('2024-11-26 00:00:00')).toBe(Date.UTC(2024, 10, 25, 16, 0, 0));
    expect(nextShanghaiDayStart('2024-12-31')).toBe(Date.UTC(2024, 11, 31, 16, 0, 0));
    expect(shanghaiDayStart('26/11/2024')).toBeNull();
  });
});
