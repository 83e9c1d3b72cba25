import { describe, expect, it } from 'vitest';
import { parseShanghaiTime } from './shanghai-time.js';

describe('parseShanghaiTime', () => {
  it.each([
    ['2024-11-26 10:15:32', Date.UTC(2024, 10, 26, 2, 15, 32)],
    ['2024/11/25 8:05', Date.UTC(2024, 10, 25, 0, 5)],
    ['2024/1/5 0:00', Date.UTC(2024, 0, 4, 16, 0)],
    ['2024-11-26', Date.UTC(2024, 10, 25, 16, 0)],
    ['2024-11-26T10:15:32', Date.UTC(2024, 10, 26, 2, 15, 32)],
    ['2024-11-24T14:02:11+08:00', Date.UTC(2024, 10, 24, 6, 2, 11)],
    ['2024-11-23T02:00:00Z', Date.UTC(2024, 10, 23, 2, 0, 0)],
    ['2024-11-23T02:00:00.250Z', Date.UTC(2024, 10, 23, 2, 0, 0, 250)],
    ['2024-11-23T10:00:00-0500', Date.UTC(2024, 10, 23, 15, 0, 0)],
    ['2014-11-10 16：33：45', Date.UTC(2014, 10, 10, 8, 33, 45)], // full-width colons, WeChat Pay bill sample
    ['2024-02-29 12:00:00', Date.UTC(2024, 1, 29, 4, 0, 0)],
  ])('%j → %i', (text, ms) => expect(parseShanghaiTime(text)).toEqual({ ok: true, value: ms }));

  it.each([
    ['2024-13-01 10:00:00', 'real calendar'],
    ['2024-11-31 10:00:00', 'real calendar'],
    ['2023-02-29 10:00:00', 'real calendar'],
    ['2024-11-26 24:00:00', 'real calendar'],
    ['2024-11-26 10:60:00', 'real calendar'],
    ['昨天', 'not a date-time'],
    ['26/11/2024', 'not a date-time'],
    ['1732587332', 'not a date-time'],
    ['', 'not a date-time'],
  ])('rejects %j', (text, reason) => {
    const result = parseShanghaiTime(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
