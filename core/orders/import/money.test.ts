import { describe, expect, it } from 'vitest';
import { parseQuantity, yuanToFen } from './money.js';

describe('yuanToFen', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['12', 1200],
    ['0.29', 29], // parseFloat('0.29') * 100 = 28.999999999999996
    ['0.07', 7],
    ['1.1', 110],
    ['19.99', 1999],
    ['  8.00 ', 800],
    ['¥39.90', 3990],
    ['￥39.9', 3990],
    ['1,234.50', 123450],
    ['0', 0],
    ['-0.00', 0],
    ['007.10', 710],
    ['9999999999999.99', 999999999999999],
  ])('%j → %i fen', (text, fen) => expect(yuanToFen(text)).toEqual({ ok: true, value: fen }));

  it.each([
    ['12.345', 'more than 2 decimal places'],
    ['0.001', 'more than 2 decimal places'],
    ['abc', 'not an amount'],
    ['', 'not an amount'],
    ['12.', 'not an amount'],
    ['.5', 'not an amount'],
    ['1e3', 'not an amount'],
    ['12,34.00', 'not an amount'],
    ['26.8.0', 'not an amount'],
    ['-5.00', 'must not be negative'],
    ['10000000000000.00', 'too large'],
  ])('rejects %j (%s)', (text, reason) => {
    const result = yuanToFen(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts a negative amount only where the caller allows it', () => {
    expect(yuanToFen('-12.50', { allowNegative: true })).toEqual({ ok: true, value: -1250 });
  });
});

describe('parseQuantity', () => {
  it.each([['1', 1], ['12', 12], [' 3 ', 3], ['+2', 2]])('%j → %i', (text, n) => expect(parseQuantity(text)).toEqual({ ok: true, value: n }));
  it.each(['0', '1.5', '-1', 'two', '', '1e2', '10000000000'])('rejects %j', (text) => expect(parseQuantity(text).ok).toBe(false));
});
