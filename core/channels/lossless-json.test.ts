import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from './lossless-json.js';

describe('parseJsonLossless', () => {
  it('keeps 19-digit integers exact as strings and leaves everything else as JSON.parse would', () => {
    const text = '{"tid":3791234567890123456,"num":2,"payment":"200.07","neg":-9007199254740993,"small":9007199254740991,"f":1.5e3,"s":"x 3791234567890123456 \\" 12345678901234567","arr":[12345678901234567890]}';
    expect(parseJsonLossless(text)).toEqual({
      tid: '3791234567890123456',
      num: 2,
      payment: '200.07',
      neg: '-9007199254740993',
      small: 9007199254740991,
      f: 1500,
      s: 'x 3791234567890123456 " 12345678901234567',
      arr: ['12345678901234567890'],
    });
    expect((JSON.parse(text) as { tid: number }).tid).not.toBe(3791234567890123456n.toString()); // why this exists
  });

  it('reports malformed JSON like JSON.parse does', () => {
    expect(() => parseJsonLossless('{"tid":3791234567890123456,')).toThrow(SyntaxError);
  });
});
