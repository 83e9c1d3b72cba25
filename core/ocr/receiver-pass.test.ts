import { describe, expect, it } from 'vitest';
import type { Grey } from './enhance.js';
import { afterReceiverMark } from './receiver-pass.js';

/** A white strip with dark rectangles painted on it (and white ones cut back out). */
function strip(width: number, height: number, dark: Array<[number, number, number, number]>, white: Array<[number, number, number, number]> = []): Grey {
  const grey = Buffer.alloc(width * height, 250);
  const paint = ([x, y, w, h]: [number, number, number, number], v: number) => {
    for (let r = y; r < y + h; r++) grey.fill(v, r * width + x, r * width + x + w);
  };
  dark.forEach((r) => paint(r, 20));
  white.forEach((r) => paint(r, 250));
  return { grey, width, height };
}

// A bold glyph drawn as strokes: a box outline with a bar through it (like 周 or 日), 30 px wide.
const glyph = (x: number): Array<[number, number, number, number]> => [
  [x, 14, 5, 32],
  [x + 25, 14, 5, 32],
  [x, 14, 30, 5],
  [x, 28, 30, 4],
  [x, 41, 30, 5],
];

describe('the 收 mark before the receiver name', () => {
  it('is found: the crop starts after the black square, before the name', () => {
    // Mark at 20–64 (a white glyph cut into it), the name's first glyph at 80.
    const img = strip(320, 60, [[20, 8, 44, 44], ...glyph(80), ...glyph(120)], [[34, 14, 5, 32], [26, 26, 32, 4], [48, 14, 4, 30]]);
    const x = afterReceiverMark(img, { x: 20, y: 8, width: 260, height: 44 });
    expect(x).not.toBeNull();
    expect(x!).toBeGreaterThanOrEqual(64);
    expect(x!).toBeLessThan(80);
  });

  it('is not invented: a line of bold glyphs without a mark keeps its start', () => {
    const img = strip(320, 60, [...glyph(20), ...glyph(56), ...glyph(92)]);
    expect(afterReceiverMark(img, { x: 20, y: 8, width: 200, height: 44 })).toBeNull();
  });

  it('a line too thin to judge is left alone', () => {
    expect(afterReceiverMark(strip(100, 10, [[0, 0, 100, 10]]), { x: 0, y: 2, width: 90, height: 5 })).toBeNull();
  });
});
