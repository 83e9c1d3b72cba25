import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../lossless-json.js';
import { pddYuanToFen } from './money.js';

const fen = (value: unknown) => pddYuanToFen(value, 'x');

describe('PDD yuan (double) → fen, exactly (protocols.md §2.4, §0)', () => {
  it.each([
    [19.9, 1990],
    [0.07, 7],
    [0.3, 30],
    [0.1 + 0.2, null], // 0.30000000000000004: a computed sum, not a 2-decimal amount
    [1234567.89, 123456789],
    [99.0, 9900],
    [0, 0],
    [-0, 0],
    [-12.5, -1250],
    [0.29, 29], // 0.29 * 100 = 28.999999999999996 in floating point
    [1.005, null], // 3 decimals: rejected, never rounded
    [19.999, null],
    [1e-7, null],
    ['199.80', 19980],
    ['1.500', 150],
    ['abc', null],
    [null, null],
    [Number.NaN, null],
    [1e13, null],
  ])('%s → %s', (input, expected) => {
    const result = fen(input);
    if (expected === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, fen: expected });
  });

  it('reads the wire literal, including Java Double.toString forms (99.0, 1.23456789E7)', () => {
    const parsed = parseJsonLossless('{"a":99.0,"b":1.23456789E7,"c":1.0E7,"d":0.07,"e":19.90}') as Record<string, number>;
    expect(Object.values(parsed).map((v) => fen(v))).toEqual([9900, 1234567890, 1000000000, 7, 1990].map((f) => ({ ok: true, fen: f })));
  });

  it('is exact for every 2-decimal literal: all cents up to 5 000 yuan, and 300 000 seeded values up to 10^13 yuan', () => {
    const bad: string[] = [];
    const check = (f: number) => {
      const literal = `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, '0')}`;
      const r = fen(Number(literal));
      if (!r.ok || r.fen !== f) bad.push(literal);
    };
    for (let f = 0; f <= 500_000; f++) check(f);
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 300_000; i++) check(Math.floor(next() * 10 ** Math.floor(next() * 16)));
    expect(bad).toEqual([]);
  });

  it('does not multiply floats: x * 100 carries binary error that rounding would hide', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(1.005 * 100).toBe(100.49999999999999); // Math.round would quietly give 100 fen; 3 decimals are rejected instead
  });
});
