/**
 * What makes two carrier events "the same event" (issue 4: duplicates handled).
 *
 * - With the partner's own event id (SF route `id`): `id:<partner>:<id>`. Two SF routes can share
 *   one acceptTime (fixtures/partners/sf-route-push-request.json), so time alone is not enough.
 * - Otherwise: occurredAt + partnerStatus + the description with whitespace collapsed. Kuaidi100
 *   sends the same item with and without trailing spaces (fixtures: "…装件入车扫描 "), and a poll
 *   repeats what a push said; both must land once. The location is left out: the same scan is sent
 *   with and without areaName depending on resultv2.
 *
 * Keys are per parcel (UNIQUE(parcel_id, dedupe_key)). Events about one scan from two different
 * partners (a courier push and an aggregator poll) carry different partner statuses and are kept
 * as two trail entries: each is what that partner said.
 */
import type { CarrierEvent } from './types.js';

export function normaliseDescription(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function dedupeKey(event: Pick<CarrierEvent, 'occurredAt' | 'partnerStatus' | 'description' | 'partnerEventId'>): string {
  if (event.partnerEventId) {
    const partner = event.partnerStatus.split(':')[0] ?? '';
    return `id:${partner}:${event.partnerEventId}`;
  }
  // Kept readable (not hashed): it is short, and an operator can see why two events were one.
  return `${event.occurredAt}|${event.partnerStatus}|${normaliseDescription(event.description).slice(0, 200)}`;
}
