import { describe, expect, it } from 'vitest';
import { cellText } from './xlsx-reader.js';

describe('cellText', () => {
  it.each<[string, Parameters<typeof cellText>[0], string]>([
    ['empty', null, ''],
    ['string', '欧阳娜娜', '欧阳娜娜'],
    ['integer', 42, '42'],
    ['money number', 12.3, '12.3'],
    ['binary noise cut to 15 significant digits', 0.1 + 0.2, '0.3'],
    ['16-digit id below 2^53', 3028689418086124, '3028689418086124'],
    ['boolean', true, 'TRUE'],
    ['date cell (wall clock)', new Date(Date.UTC(2024, 10, 20, 21, 0, 0)), '2024-11-20 21:00:00'],
    ['date serial a millisecond off', new Date(Date.UTC(2024, 10, 20, 20, 59, 59, 999)), '2024-11-20 21:00:00'],
    ['rich text', { richText: [{ text: '刘' }, { text: '洋' }] }, '刘洋'],
    ['formula result', { formula: 'A1*2', result: 24.6 }, '24.6'],
    ['formula date result', { formula: 'A1', result: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }, '2024-01-02 03:04:05'],
    ['shared formula', { sharedFormula: 'A1', result: 'x' }, 'x'],
    ['hyperlink', { text: 'SF1234567890123', hyperlink: 'https://www.sf-express.com' }, 'SF1234567890123'],
  ])('%s', (_name, value, text) => {
    expect(cellText(value)).toEqual({ text });
  });

  it.each<[string, Parameters<typeof cellText>[0], string]>([
    ['19-digit id stored as a number', 6919834213451234567, 'beyond 2^53'],
    ['error cell', { error: '#N/A' }, '#N/A'],
    ['formula without a saved result', { formula: 'A1*2' } as Parameters<typeof cellText>[0], 'no saved result'],
    ['formula that errored', { formula: '1/0', result: { error: '#DIV/0!' } }, '#DIV/0!'],
  ])('flags %s', (_name, value, problem) => {
    expect(cellText(value).problem).toContain(problem);
  });
});
