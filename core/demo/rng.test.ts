import { describe, expect, it } from 'vitest';
import { Rng, UniqueDigits, weightTable } from './rng.js';

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in range and reaches both ends of int()', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    let outside = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const x = rng.next();
      if (x < 0 || x >= 1) outside += 1;
      seen.add(rng.int(1, 4));
    }
    expect(outside).toBe(0);
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('follows the weights of a weight table', () => {
    const rng = new Rng(1);
    const table = weightTable([['a', 30], ['b', 60], ['c', 10]] as const);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 100_000; i += 1) counts[rng.weighted(table)] += 1;
    expect(counts.a / 100_000).toBeCloseTo(0.3, 1);
    expect(counts.b / 100_000).toBeCloseTo(0.6, 1);
    expect(counts.c / 100_000).toBeCloseTo(0.1, 1);
  });
});

describe('UniqueDigits', () => {
  it('never repeats and keeps its width', () => {
    const unique = new UniqueDigits(10, 1234567890n);
    const all = Array.from({ length: 200_000 }, (_, seq) => unique.of(seq));
    expect(all.every((d) => /^\d{10}$/.test(d))).toBe(true);
    expect(new Set(all).size).toBe(200_000);
  });
});
