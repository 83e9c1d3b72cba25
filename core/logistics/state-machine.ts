/**
 * The monotonic tracking state machine (issue 4): a late or out-of-order event joins the trail but
 * never moves a parcel backwards.
 *
 * - Forward states have a rank; an event applies when its rank is at least the parcel's *progress*
 *   (the furthest non-exception state reached). Equal ranks move sideways (customs ↔ in transit).
 * - EXCEPTION and DELIVERY_FAILED are overlays: they can come and go before the end, and leave the
 *   progress where it was, so the next forward event at or past it clears them.
 * - RETURNING can start from any non-terminal state; after it the return trip's transit scans are
 *   trail-only, and a 签收 while returning is the sender signing for the return: RETURNED.
 * - DELIVERED and RETURNED are terminal: nothing moves them (a stale 在途 after 签收 stays delivered).
 * - Events are taken in `occurredAt` order; one older than the parcel's current state is trail-only.
 */
import { TERMINAL_STATES, type TrackingState } from './taxonomy.js';

export const OVERLAY_STATES: ReadonlySet<TrackingState> = new Set(['EXCEPTION', 'DELIVERY_FAILED']);

/** Rank of each non-overlay state; overlays have none (they sit on top of the progress). */
export const STATE_RANK: Readonly<Record<Exclude<TrackingState, 'EXCEPTION' | 'DELIVERY_FAILED'>, number>> = {
  AWAITING_PICKUP: 0,
  PICKED_UP: 1,
  IN_TRANSIT: 2,
  REROUTED_CUSTOMS: 2,
  ARRIVED_DEST_CITY: 3,
  OUT_FOR_DELIVERY: 4,
  AVAILABLE_FOR_PICKUP: 5,
  RETURNING: 7,
  DELIVERED: 9,
  RETURNED: 10,
};

export interface ParcelPosition {
  state: TrackingState;
  /** The furthest non-overlay state reached (equals `state` unless an overlay is showing). */
  progress: TrackingState;
  /** occurredAt of the event that set the current state; null before any. */
  stateAt: number | null;
}

export interface Decision {
  applied: boolean;
  next: ParcelPosition;
  /** Why an event was trail-only (for the trail's tooltip and tests). */
  reason: 'applied' | 'unknown' | 'terminal' | 'older' | 'backwards' | 'return-trip';
}

export function rankOf(state: TrackingState): number {
  return OVERLAY_STATES.has(state) ? -1 : STATE_RANK[state as keyof typeof STATE_RANK];
}

export function decide(at: ParcelPosition, event: { state: TrackingState | null; occurredAt: number }): Decision {
  const keep = (reason: Decision['reason']): Decision => ({ applied: false, next: at, reason });
  if (event.state === null) return keep('unknown');
  if (TERMINAL_STATES.has(at.state)) return keep('terminal');
  if (at.stateAt !== null && event.occurredAt < at.stateAt) return keep('older');
  const move = (state: TrackingState, progress: TrackingState): Decision => ({ applied: true, next: { state, progress, stateAt: event.occurredAt }, reason: 'applied' });
  const s = event.state;
  if (OVERLAY_STATES.has(s)) return move(s, at.progress);
  if (s === 'RETURNED' || s === 'RETURNING') return move(s, s);
  if (at.progress === 'RETURNING') return s === 'DELIVERED' ? move('RETURNED', 'RETURNED') : keep('return-trip');
  if (rankOf(s) < rankOf(at.progress)) return keep('backwards');
  return move(s, s);
}

/** How far along a position is; never decreases under `decide` (the property tests check this). */
export function progressMeasure(p: ParcelPosition): number {
  return rankOf(p.progress);
}

export const START: ParcelPosition = { state: 'AWAITING_PICKUP', progress: 'AWAITING_PICKUP', stateAt: null };

/** Orders events for ingestion: by occurredAt, then by the order the partner listed them (stable). */
export function inOccurrenceOrder<T extends { occurredAt: number }>(events: readonly T[]): T[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.occurredAt - b.e.occurredAt || a.i - b.i).map((x) => x.e);
}
