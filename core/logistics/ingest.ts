/**
 * Exactly-once tracking ingestion (issue 4): one partner response or push → the parcel's trail and
 * state. A duplicate changes nothing (not even a raw payload row); an older event joins the trail
 * trail-only; an unknown code is kept with state NULL and flagged; every state transition is an
 * audited order event on every order shipped in the parcel, in the same transaction.
 */
import type { Actor } from '../contract/actors.js';
import { storeRawPayload } from '../audit/raw-payloads.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import { dedupeKey } from './dedupe.js';
import { logisticsStatements, type ParcelDbRow } from './repo.js';
import { decide, inOccurrenceOrder, type ParcelPosition } from './state-machine.js';
import { TERMINAL_STATES, type TrackingState } from './taxonomy.js';
import { CarrierError, type CarrierEvent, type TrackingResult, type TrackingSource } from './types.js';

export interface TrackingIngestSource {
  kind: TrackingSource;
  /** Shown as the audit source, e.g. 'kuaidi100:push', 'kuaidi100:poll', 'operator:track'. */
  label: string;
}

export interface Transition {
  from: TrackingState;
  to: TrackingState;
  occurredAt: number;
  description: string;
}

export interface TrackingIngestOutcome {
  parcelId: number;
  created: boolean;
  added: number;
  duplicates: number;
  unknown: number;
  stateBefore: TrackingState;
  stateAfter: TrackingState;
  transitions: Transition[];
  carrierCorrected: boolean;
}

const PARTNER_NAMES: Record<string, string> = { kuaidi100: '快递100', kdniao: '快递鸟', sf: '顺丰', zto: '中通', jd: '京东物流' };

export function courierActor(partner: string): Actor {
  return { type: 'courier', id: partner, name: PARTNER_NAMES[partner] ?? partner };
}

/** Ingest several results (one push may carry many parcels) in one transaction; the raw body is stored once. */
export function ingestTracking(mutations: MutationQueue, results: TrackingResult | TrackingResult[], source: TrackingIngestSource): Promise<TrackingIngestOutcome[]> {
  const list = Array.isArray(results) ? results : [results];
  if (list.length === 0) return Promise.resolve([]);
  return mutations.run(courierActor(list[0]!.partner), source.label, (w) => {
    const raws = new Map<string, number>();
    const outcomes = list.map((r) => ingestTrackingIn(w, r, source, raws, false));
    const changed = [...new Set(outcomes.filter((o) => o.added > 0 || o.created || o.carrierCorrected).map((o) => o.parcelId))];
    // One announcement per transaction, not one per parcel: a group commit carries dozens of pushes.
    if (changed.length) w.emit('logistics/changed', { parcelIds: changed, source: source.label });
    return outcomes;
  });
}

/** Inside an existing write (the OCR re-push flow attaches and ingests in one transaction). */
export function ingestTrackingIn(w: WriteContext, result: TrackingResult, source: TrackingIngestSource, raws: Map<string, number> = new Map(), announce = true): TrackingIngestOutcome {
  const s = logisticsStatements(w.db);
  checkResult(result);
  let created = false;
  let parcel = findParcel(w, result);
  const corrected = parcel ? applyCorrection(w, parcel, result) : false;
  if (corrected) parcel = s.parcelById.get(parcel!.id) as ParcelDbRow;
  if (!parcel) {
    // A push for a waybill we do not follow yet (the order sync has not brought its shipment): keep it;
    // parcel discovery links the order when the shipment arrives. Nothing is lost.
    const first = Math.min(w.at, ...result.events.map((e) => e.occurredAt));
    const info = s.insertParcel.run({ carrier: result.carrier, waybill_no: result.waybillNo, shipped_at: first, phone_tail: null, channel: null, warehouse: null, partner: result.partner, next_poll_at: null, at: w.at });
    parcel = s.parcelById.get(Number(info.lastInsertRowid)) as ParcelDbRow;
    created = true;
  }

  const keyed = inOccurrenceOrder(result.events).map((e) => ({ e, key: dedupeKey(e) }));
  // One read of the parcel's keys beats a lookup per item: a push repeats the whole trail so far.
  const seen = new Set<string>(created ? [] : (s.keysOf.all(parcel.id) as string[]));
  const fresh = keyed.filter(({ key }) => (seen.has(key) ? false : (seen.add(key), true)));
  const duplicates = keyed.length - fresh.length;
  const ended = endSubscription(w, parcel, result);
  const before = parcel.state;
  if (fresh.length === 0) {
    if (created || corrected || ended) auditParcel(w, parcel, null, 0, before, before, created, corrected);
    return { parcelId: parcel.id, created, added: 0, duplicates, unknown: 0, stateBefore: before, stateAfter: before, transitions: [], carrierCorrected: corrected };
  }

  let rawId = raws.get(result.raw);
  if (rawId === undefined) {
    rawId = storeRawPayload(w.db, { source: source.label, contentType: /^\s*[{[]/.test(result.raw) ? 'application/json' : 'text/plain', body: result.raw, receivedAt: w.at });
    raws.set(result.raw, rawId);
  }

  let position: ParcelPosition = { state: parcel.state, progress: parcel.progress_state, stateAt: parcel.state_at };
  let firstScan = parcel.first_scan_at;
  let lastEvent = parcel.last_event_at;
  let unknown = 0;
  const transitions: Transition[] = [];
  for (const { e, key } of fresh) {
    const decision = decide(position, e);
    const isUnknown = e.state === null && !e.noStatus;
    s.insertEvent.run({
      parcel_id: parcel.id, occurred_at: e.occurredAt, partner: result.partner, partner_status: e.partnerStatus, state: e.state,
      description: e.description, location: e.location, source: source.kind, received_at: w.at, raw_payload_id: rawId,
      applied: decision.applied ? 1 : 0, unknown_code: isUnknown ? 1 : 0, dedupe_key: key,
    });
    if (isUnknown) {
      unknown++;
      s.upsertUnknown.run(result.partner, codeOf(e), w.at, w.at, result.waybillNo, e.description.slice(0, 200));
    }
    if (isScan(e)) firstScan = firstScan === null ? e.occurredAt : Math.min(firstScan, e.occurredAt);
    lastEvent = lastEvent === null ? e.occurredAt : Math.max(lastEvent, e.occurredAt);
    if (decision.applied && decision.next.state !== position.state) {
      transitions.push({ from: position.state, to: decision.next.state, occurredAt: e.occurredAt, description: e.description });
    }
    position = decision.next;
  }
  s.updateAfterIngest.run({
    id: parcel.id, state: position.state, state_at: position.stateAt, progress_state: position.progress, first_scan_at: firstScan,
    last_event_at: lastEvent, last_received_at: w.at, added: fresh.length, unknown_added: unknown, at: w.at,
  });
  if (TERMINAL_STATES.has(position.state)) s.stopPolling.run(parcel.id);

  const orders = s.ordersOf.all(parcel.id) as Array<{ orderId: number }>;
  for (const t of transitions) {
    for (const o of orders) {
      w.audit({
        entityType: 'order', entityId: o.orderId, action: 'logistics-state',
        changes: [{ field: 'logistics.state', before: t.from, after: t.to }],
        reason: `${parcel.carrier} ${parcel.waybill_no}: ${t.description}`.slice(0, 500),
        rawPayloadId: rawId,
      });
    }
  }
  // The order events carry the transitions; the parcel gets its own row only when no order row says it.
  if (transitions.length === 0 || orders.length === 0) auditParcel(w, parcel, rawId, fresh.length, before, position.state, created, corrected);
  if (announce) w.emit('logistics/changed', { parcelIds: [parcel.id], source: source.label });
  if (transitions.length && orders.length) w.emit('orders/changed', { ids: orders.map((o) => o.orderId), source: source.label });
  return { parcelId: parcel.id, created, added: fresh.length, duplicates, unknown, stateBefore: before, stateAfter: position.state, transitions, carrierCorrected: corrected };
}

/** An adapter bug must fail the whole write loudly (the partner retries), never store half an event. */
function checkResult(result: TrackingResult): void {
  if (!result.waybillNo || typeof result.waybillNo !== 'string') throw new CarrierError('malformed', `${result.partner} result without a waybill number.`);
  for (const e of result.events) {
    if (!Number.isFinite(e.occurredAt) || typeof e.partnerStatus !== 'string' || typeof e.description !== 'string') {
      throw new CarrierError('malformed', `${result.partner} event for ${result.waybillNo} lacks a time, status or text: ${JSON.stringify(e).slice(0, 200)}`);
    }
  }
}

/** Statuses 待揽收 (order placed, awaiting pickup) are not a carrier's hands on the parcel. */
function isScan(e: CarrierEvent): boolean {
  return e.state !== 'AWAITING_PICKUP';
}

function codeOf(e: CarrierEvent): string {
  const at = e.partnerStatus.indexOf(':');
  return at >= 0 ? e.partnerStatus.slice(at + 1) : e.partnerStatus;
}

function findParcel(w: WriteContext, result: TrackingResult): ParcelDbRow | undefined {
  const s = logisticsStatements(w.db);
  const found = s.parcelByKey.get(result.carrier, result.waybillNo) as ParcelDbRow | undefined;
  if (found || !result.correctedCarrier) return found;
  return s.parcelByKey.get(result.correctedCarrier.from, result.waybillNo) as ParcelDbRow | undefined;
}

/** The aggregator corrected the carrier (Kuaidi100 autoCheck, protocols.md §5.4): the parcel follows it. */
function applyCorrection(w: WriteContext, parcel: ParcelDbRow, result: TrackingResult): boolean {
  if (parcel.carrier === result.carrier) return false;
  const clash = logisticsStatements(w.db).parcelByKey.get(result.carrier, result.waybillNo) as ParcelDbRow | undefined;
  if (clash) return false;
  w.db.prepare('UPDATE parcels SET carrier = ?, corrected_from = COALESCE(corrected_from, ?), updated_at = ? WHERE id = ?').run(result.carrier, parcel.carrier, w.at, parcel.id);
  for (const o of logisticsStatements(w.db).ordersOf.all(parcel.id) as Array<{ orderId: number }>) {
    w.audit({
      entityType: 'order', entityId: o.orderId, action: 'logistics-carrier-corrected',
      changes: [{ field: 'logistics.carrier', before: parcel.carrier, after: result.carrier }],
      reason: `${result.partner} corrected the carrier of ${parcel.waybill_no}`,
    });
  }
  return true;
}

/** Kuaidi100 `shutdown` / `abort` (protocols.md §5.4): the partner stopped pushing; polling takes over. */
function endSubscription(w: WriteContext, parcel: ParcelDbRow, result: TrackingResult): boolean {
  if (!result.subscriptionEnded || parcel.subscription === 'ended') return false;
  logisticsStatements(w.db).endSubscription.run(w.at, parcel.id);
  return true;
}

function auditParcel(w: WriteContext, parcel: ParcelDbRow, rawId: number | null, added: number, before: TrackingState, after: TrackingState, created: boolean, corrected: boolean): void {
  const changes = [{ field: 'events', before: parcel.event_count, after: parcel.event_count + added }];
  if (before !== after) changes.push({ field: 'state', before: before as never, after: after as never });
  w.audit({
    entityType: 'parcel', entityId: parcel.id, action: created ? 'parcel-followed-by-push' : 'tracking-events',
    changes, reason: corrected ? 'carrier corrected by the partner' : null, rawPayloadId: rawId,
  });
}
