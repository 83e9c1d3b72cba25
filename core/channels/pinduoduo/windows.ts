/**
 * Our windows are half-open [from, to) in epoch ms; PDD's are unix SECONDS (§2.2) with a maximum
 * span (§2.4: 24 h, §2.5: 30 min) and boundaries whose inclusiveness is not documented [U].
 * Each request asks for a superset that is right under either reading — start rounded down, end
 * rounded up — and the pull keeps exactly the orders whose own time lies in [from, to). Chunks end on
 * whole seconds, so rounding never stretches a request past the documented span.
 */
import type { TimeWindow } from '../types.js';

export interface RequestWindow extends TimeWindow {
  startS: number;
  endS: number;
}

export function requestWindows(window: TimeWindow, maxSpanS: number): RequestWindow[] {
  if (!(maxSpanS > 0)) throw new RangeError('maxSpanS must be positive');
  const out: RequestWindow[] = [];
  for (let from = window.from; from < window.to; ) {
    const startS = Math.floor(from / 1000);
    const to = Math.min(window.to, (startS + maxSpanS) * 1000);
    out.push({ from, to, startS, endS: Math.ceil(to / 1000) });
    from = to;
  }
  return out;
}

/** Half-open membership; an order whose time could not be read stays in, to be rejected with a reason. */
export function inWindow(ms: number | null, window: TimeWindow): boolean {
  return ms === null || (ms >= window.from && ms < window.to);
}
