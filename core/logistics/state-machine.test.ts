import { describe, expect, it } from 'vitest';
import { decide, inOccurrenceOrder, progressMeasure, START, type ParcelPosition } from './state-machine.js';
import { TERMINAL_STATES, TRACKING_STATES, type TrackingState } from './taxonomy.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(events: Array<{ state: TrackingState | null; occurredAt: number }>, from: ParcelPosition = START): ParcelPosition[] {
  const out: ParcelPosition[] = [from];
  for (const e of inOccurrenceOrder(events)) out.push(decide(out[out.length - 1]!, e).next);
  return out;
}

const at = (i: number) => 1_700_000_000_000 + i * 60_000;
const seq = (...states: Array<TrackingState | null>) => states.map((state, i) => ({ state, occurredAt: at(i) }));
const final = (...states: Array<TrackingState | null>) => run(seq(...states)).at(-1)!.state;

describe('tracking state machine rules', () => {
  it('a normal journey moves forward to delivered', () => {
    expect(run(seq('AWAITING_PICKUP', 'PICKED_UP', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'DELIVERED')).map((p) => p.state)).toEqual([
      'AWAITING_PICKUP', 'AWAITING_PICKUP', 'PICKED_UP', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'DELIVERED',
    ]);
  });

  it('a stale 在途 after 签收 stays delivered, whatever its time', () => {
    expect(final('PICKED_UP', 'DELIVERED', 'IN_TRANSIT')).toBe('DELIVERED');
    const delivered: ParcelPosition = { state: 'DELIVERED', progress: 'DELIVERED', stateAt: at(5) };
    expect(decide(delivered, { state: 'IN_TRANSIT', occurredAt: at(9) })).toMatchObject({ applied: false, reason: 'terminal' });
    expect(decide(delivered, { state: 'RETURNED', occurredAt: at(9) })).toMatchObject({ applied: false, reason: 'terminal' });
  });

  it('an event older than the current state is trail-only', () => {
    const p: ParcelPosition = { state: 'IN_TRANSIT', progress: 'IN_TRANSIT', stateAt: at(5) };
    expect(decide(p, { state: 'ARRIVED_DEST_CITY', occurredAt: at(4) })).toMatchObject({ applied: false, reason: 'older' });
    expect(decide(p, { state: 'PICKED_UP', occurredAt: at(6) })).toMatchObject({ applied: false, reason: 'backwards' });
  });

  it('exceptions and failed attempts come and go before delivery; the progress stays', () => {
    const positions = run(seq('PICKED_UP', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION', 'AVAILABLE_FOR_PICKUP', 'DELIVERED'));
    expect(positions.map((p) => p.state)).toEqual([
      'AWAITING_PICKUP', 'PICKED_UP', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'DELIVERY_FAILED', 'OUT_FOR_DELIVERY', 'EXCEPTION', 'AVAILABLE_FOR_PICKUP', 'DELIVERED',
    ]);
    expect(positions[3]!.progress).toBe('OUT_FOR_DELIVERY');
  });

  it('RETURNING then RETURNED; transit scans of the return trip do not pull it back; a 签收 while returning is the return signed', () => {
    expect(run(seq('PICKED_UP', 'EXCEPTION', 'RETURNING', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'RETURNED')).map((p) => p.state).slice(3)).toEqual(['RETURNING', 'RETURNING', 'RETURNING', 'RETURNED']);
    expect(final('PICKED_UP', 'RETURNING', 'DELIVERED')).toBe('RETURNED');
    expect(final('OUT_FOR_DELIVERY', 'RETURNED', 'DELIVERED')).toBe('RETURNED');
  });

  it('customs and in-transit move sideways; unknown codes never move anything', () => {
    expect(final('PICKED_UP', 'REROUTED_CUSTOMS', 'IN_TRANSIT', 'REROUTED_CUSTOMS')).toBe('REROUTED_CUSTOMS');
    expect(decide(START, { state: null, occurredAt: at(1) })).toMatchObject({ applied: false, reason: 'unknown' });
  });

  it('equal times keep the given order', () => {
    expect(inOccurrenceOrder([{ occurredAt: 5, n: 1 }, { occurredAt: 3, n: 2 }, { occurredAt: 5, n: 3 }]).map((e) => e.n)).toEqual([2, 1, 3]);
  });
});

describe('property: no sequence ever moves a parcel backwards', () => {
  const choices: Array<TrackingState | null> = [...TRACKING_STATES, null];
  it('400 random sequences of states at random, often equal or older, times', () => {
    {
      for (let s = 1; s <= 400; s++) {
        const r = rng(s);
        const n = 1 + Math.floor(r() * 30);
        // Random states at random (often equal, often older) times: out-of-order and duplicate deliveries.
        const events = Array.from({ length: n }, () => ({ state: choices[Math.floor(r() * choices.length)]!, occurredAt: at(Math.floor(r() * 20)) }));
        let p: ParcelPosition = START;
        for (const e of r() < 0.5 ? events : inOccurrenceOrder(events)) {
          const d = decide(p, e);
          expect(progressMeasure(d.next)).toBeGreaterThanOrEqual(progressMeasure(p));
          if (TERMINAL_STATES.has(p.state)) expect(d.next).toEqual(p);
          if (p.stateAt !== null && d.next.stateAt !== null) expect(d.next.stateAt).toBeGreaterThanOrEqual(p.stateAt);
          if (!d.applied) expect(d.next).toEqual(p);
          if (d.applied && d.next.state !== 'EXCEPTION' && d.next.state !== 'DELIVERY_FAILED') expect(d.next.progress).toBe(d.next.state);
          p = d.next;
        }
      }
    }
  });

  it('the order events arrive in does not matter once they are sorted: same final state for any shuffle', () => {
    for (let s = 1; s <= 200; s++) {
      const r = rng(1000 + s);
      const events = Array.from({ length: 12 }, (_, i) => ({ state: choices[Math.floor(r() * choices.length)]!, occurredAt: at(i) }));
      const shuffled = [...events].sort(() => r() - 0.5);
      expect(run(shuffled).at(-1)).toEqual(run(events).at(-1));
    }
  });
});
