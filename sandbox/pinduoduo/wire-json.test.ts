import { describe, expect, it } from 'vitest';
import { javaDoubleText, RawJson, writeJson, Yuan } from './wire-json.js';

describe('wire JSON (Java Double.toString money, protocols.md §2.4)', () => {
  it.each([
    [0, '0.0'],
    [7, '0.07'],
    [1990, '19.9'],
    [9900, '99.0'],
    [19980, '199.8'],
    [123456789, '1234567.89'],
    [999999999, '9999999.99'],
    [1000000000, '1.0E7'],
    [1234567890, '1.23456789E7'],
    [1234567891, '1.234567891E7'],
    [-1250, '-12.5'],
  ])('%i fen → %s', (fen, text) => {
    expect(javaDoubleText(fen)).toBe(text);
    expect(Math.round(Number(text) * 100)).toBe(fen); // the literal means that amount
  });

  it('writes Yuan and RawJson inside ordinary JSON', () => {
    expect(writeJson({ a: new Yuan(9900), b: [new RawJson('19.90'), 'x', null], c: undefined, d: 1 })).toBe('{"a":99.0,"b":[19.90,"x",null],"d":1}');
    expect(writeJson({ q: new RawJson('"say \\"hi\\""'), s: '\u0001 kept' })).toBe('{"q":"say \\"hi\\"","s":"\\u0001 kept"}');
  });
});
