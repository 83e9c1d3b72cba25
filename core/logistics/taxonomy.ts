/**
 * The 12-class tracking taxonomy every carrier status maps into. Issue 4's list is authoritative and
 * supersedes the suggestion in protocols.md §5.7. The list itself lives in the contract so the
 * renderer (which imports only core/contract) names the same states; this module re-exports it.
 */
import { TRACKING_STATE_LABELS, TRACKING_STATES, type TrackingState } from '../contract/logistics.js';

export { TRACKING_STATE_LABELS, TRACKING_STATES, type TrackingState };

/** States after which nothing a carrier says moves the parcel again (the journey has ended). */
export const TERMINAL_STATES: ReadonlySet<TrackingState> = new Set(['DELIVERED', 'RETURNED']);

export function isTrackingState(x: string): x is TrackingState {
  return (TRACKING_STATES as readonly string[]).includes(x);
}
