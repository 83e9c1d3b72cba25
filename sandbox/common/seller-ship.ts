/**
 * The seller's own ship and ship-correction calls, as every simulated platform applies them to an
 * order story (protocols.md §11): shipping appends a "shipped" version at the call's time; a
 * correction appends a version carrying the new waybill. Past versions are never edited — they may
 * already have been served — and what the story had planned after `now` is re-based on the seller's
 * parcel (a planned delivery still happens, with the seller's waybill).
 */
import type { OrderStory, StoryVersion } from './story.js';

export type ShipMode = 'first' | 'correct';

export type ShipRefusal =
  | 'not-paid' // created, awaiting payment
  | 'closed' // cancelled or refunded
  | 'refund-pending' // a pre-shipment refund is open
  | 'already-shipped' // first ship on a shipped order
  | 'not-shipped' // correction on an order that was never shipped
  | 'waybill-used'; // the waybill is already on another order

export interface SellerParcel {
  carrierName: string;
  carrierCode: string;
  waybillNo: string;
}

/** Waybills the seller has written back, across the whole simulated shop: platforms refuse reuse. */
export class WaybillRegister {
  private readonly owner = new Map<string, number>();

  ownerOf(waybillNo: string): number | undefined {
    return this.owner.get(waybillNo);
  }

  claim(waybillNo: string, storyN: number): void {
    this.owner.set(waybillNo, storyN);
  }
}

export function sellerShip(
  story: OrderStory,
  now: number,
  parcel: SellerParcel,
  mode: ShipMode,
  register: WaybillRegister,
): { ok: true; version: StoryVersion } | { ok: false; refusal: ShipRefusal } {
  const pastCount = story.versions.filter((v) => v.at <= now).length;
  const current = story.versions[pastCount - 1];
  if (!current) return { ok: false, refusal: 'not-paid' };
  const owner = register.ownerOf(parcel.waybillNo);
  if (owner !== undefined && owner !== story.n) return { ok: false, refusal: 'waybill-used' };
  const shipped = current.stage === 'shipped' || current.stage === 'partially_shipped' || current.stage === 'delivered' || current.stage === 'completed';
  if (mode === 'first') {
    if (current.stage === 'created') return { ok: false, refusal: 'not-paid' };
    if (current.stage === 'cancelled' || current.stage === 'refunded') return { ok: false, refusal: 'closed' };
    if (current.stage === 'refunding') return { ok: false, refusal: 'refund-pending' };
    if (shipped) return { ok: false, refusal: 'already-shipped' };
  } else if (!shipped) {
    return { ok: false, refusal: current.stage === 'cancelled' || current.stage === 'refunded' ? 'closed' : 'not-shipped' };
  }
  const at = Math.max(now, current.at + 1000);
  const sellerParcel = { ...parcel, shippedAt: mode === 'first' ? at : (current.parcel?.shippedAt ?? at) };
  const version: StoryVersion = { at, stage: mode === 'first' ? 'shipped' : current.stage, receiver: current.receiver, parcel: sellerParcel, event: 'ship' };
  // Of the story's own plan after now, only the delivery and completion survive, on the seller's
  // parcel: a planned ship is replaced by the seller's, and nothing may take a shipped order back.
  const planned = story.versions
    .slice(pastCount)
    .filter((v) => v.stage === 'delivered' || v.stage === 'completed')
    .map((v) => ({ ...v, at: Math.max(v.at, at + 1000), parcel: sellerParcel }));
  story.versions.splice(pastCount, story.versions.length - pastCount, version, ...planned);
  register.claim(parcel.waybillNo, story.n);
  return { ok: true, version };
}
