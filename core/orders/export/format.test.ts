import { describe, expect, it } from 'vitest';
import { displayWidth, fenToYuanText, formatShanghai, neutraliseFormula } from './format.js';

describe('fenToYuanText', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [29, '0.29'],
    [1230, '12.30'],
    [-1250, '-12.50'],
    [-5, '-0.05'],
    [123456789012, '1234567890.12'],
  ])('%i fen → %s', (fen, text) => expect(fenToYuanText(fen)).toBe(text));
});

describe('formatShanghai', () => {
  it.each([
    [Date.UTC(2024, 0, 1, 0, 0, 0), '2024-01-01 08:00:00'],
    [Date.UTC(2023, 11, 31, 16, 0, 0), '2024-01-01 00:00:00'],
    [Date.UTC(2024, 1, 28, 17, 5, 9), '2024-02-29 01:05:09'],
  ])('%i → %s', (ms, text) => expect(formatShanghai(ms)).toBe(text));
});

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+86 138', "'+86 138"],
    ['-不要辣', "'-不要辣"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['张三', '张三'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(neutraliseFormula(input)).toBe(output));
});

describe('displayWidth', () => {
  it('counts CJK and full-width characters double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('订单号')).toBe(6);
    expect(displayWidth('ＡＢ1')).toBe(5);
  });
});
