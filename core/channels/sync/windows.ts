/** Splits [from, to) into consecutive windows no longer than a platform allows. */
import type { TimeWindow } from '../types.js';

export function splitWindows(window: TimeWindow, maxMs: number): TimeWindow[] {
  if (!(maxMs > 0)) throw new RangeError('maxMs must be positive');
  const out: TimeWindow[] = [];
  for (let from = window.from; from < window.to; from += maxMs) out.push({ from, to: Math.min(window.to, from + maxMs) });
  return out;
}
