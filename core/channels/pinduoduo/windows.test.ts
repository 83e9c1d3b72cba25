import { describe, expect, it } from 'vitest';
import { inWindow, requestWindows } from './windows.js';

describe('request windows (protocols.md §2.2 seconds, §2.4 24 h, §2.5 30 min)', () => {
  const S = 1_700_000_000;

  it('splits a long window into spans of at most the documented length, covering it exactly', () => {
    const chunks = requestWindows({ from: S * 1000, to: (S + 7200) * 1000 }, 1800);
    expect(chunks.map((c) => [c.startS - S, c.endS - S])).toEqual([[0, 1800], [1800, 3600], [3600, 5400], [5400, 7200]]);
    expect(chunks[0]!.from).toBe(S * 1000);
    chunks.slice(1).forEach((c, i) => expect(c.from).toBe(chunks[i]!.to));
  });

  it('never stretches a request past the limit when the window is not on whole seconds', () => {
    const chunks = requestWindows({ from: S * 1000 + 500, to: (S + 1800) * 1000 + 500 }, 1800);
    for (const c of chunks) expect(c.endS - c.startS).toBeLessThanOrEqual(1800);
    expect(chunks.map((c) => [c.from - S * 1000, c.to - S * 1000, c.startS - S, c.endS - S])).toEqual([
      [500, 1_800_000, 0, 1800],
      [1_800_000, 1_800_500, 1800, 1801],
    ]);
  });

  it('asks for a superset under either boundary reading and keeps [from, to) exactly', () => {
    const [c] = requestWindows({ from: S * 1000 + 250, to: (S + 10) * 1000 + 250 }, 1800);
    expect([c!.startS, c!.endS]).toEqual([S, S + 11]);
    expect(inWindow(S * 1000, c!)).toBe(false); // second S starts before from
    expect(inWindow((S + 1) * 1000, c!)).toBe(true);
    expect(inWindow((S + 10) * 1000, c!)).toBe(true); // second S+10 is before to
    expect(inWindow((S + 11) * 1000, c!)).toBe(false);
  });

  it('has nothing to ask for an empty window', () => {
    expect(requestWindows({ from: S, to: S }, 1800)).toEqual([]);
  });
});
