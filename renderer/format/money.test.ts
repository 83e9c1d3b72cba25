import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, parseYuanToFen, yuanNumberToFen } from './money.js';

describe('money in fen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [1240, '¥12.40'],
    [123456789, '¥1,234,567.89'],
    [-500, '-¥5.00'],
  ])('formats %i fen as %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('shows nothing for a missing amount', () => {
    expect(formatFen(null)).toBe('');
    expect(formatFen(undefined)).toBe('');
  });

  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['¥1,234.56', 123456],
    ['-0.5', -50],
    ['0.1', 10],
  ])('parses %s yuan as %i fen', (text, fen) => expect(parseYuanToFen(text)).toBe(fen));

  it.each(['', 'abc', '1.234', '1..2', '--1'])('refuses %j', (text) => expect(parseYuanToFen(text)).toBeNull());

  it('round-trips through the edit input', () => {
    for (const fen of [0, 1, 99, 100, 34878, -1240]) expect(parseYuanToFen(fenToYuanInput(fen))).toBe(fen);
  });

  it('turns a yuan filter value into fen without float noise', () => {
    expect(yuanNumberToFen(0.29)).toBe(29);
    expect(yuanNumberToFen(1.005)).toBe(101);
  });
});
