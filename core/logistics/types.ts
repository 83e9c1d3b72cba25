/**
 * What a carrier adapter (a courier's own API or an aggregator) gives the engine. Adapters speak the
 * partner's wire protocol (protocols.md §5) and hand back events already translated into the engine's
 * carrier codes and tracking taxonomy; the tracking state machine and storage never see a wire format.
 */
import type { CarrierCode } from './carriers.js';
import type { TrackingState } from './taxonomy.js';

import type { LogisticsPartnerName, TrackingSourceName } from '../contract/logistics.js';

export type LogisticsPartner = LogisticsPartnerName;

/** Where an event came from: shown on each node of the order's logistics trail. */
export type TrackingSource = TrackingSourceName;

export interface CarrierEvent {
  /** When the carrier says it happened (UTC epoch ms; carriers send Beijing time strings). */
  occurredAt: number;
  /** The partner's own status code(s) verbatim, e.g. `kuaidi100:0/1001`, `sf:50`, `zto:GOT`. */
  partnerStatus: string;
  /** `null` when the mapping table does not know `partnerStatus`: recorded and flagged, never guessed. */
  state: TrackingState | null;
  description: string;
  location: string | null;
  /**
   * The partner's own id for the event when it has one (SF route `id`): two routes may share one
   * acceptTime (fixtures/partners/sf-route-push-request.json), so the id is the better dedupe key.
   */
  partnerEventId?: string;
  /**
   * The partner gave no status for this event at all (Kuaidi100 without resultv2 lists older items
   * with text only): `state` is null but this is not an unknown code, so nothing is flagged.
   */
  noStatus?: boolean;
}

export interface TrackingResult {
  partner: LogisticsPartner;
  carrier: CarrierCode;
  waybillNo: string;
  /**
   * Every event the partner returned, any order; the engine de-duplicates and orders them by
   * occurredAt. Events with equal times are taken in the order given here, so list them oldest first.
   */
  events: CarrierEvent[];
  /** The partner's response or push body verbatim, kept as the events' raw payload. */
  raw: string;
  /** Aggregators may correct the carrier (Kuaidi100 autoCheck comOld/comNew, protocols.md §5.4). */
  correctedCarrier?: { from: string; to: CarrierCode } | null;
  /** The partner stopped following this waybill (Kuaidi100 `shutdown`/`abort`), with its reason. */
  subscriptionEnded?: { reason: string } | null;
}

export interface TrackingQuery {
  carrier: CarrierCode;
  waybillNo: string;
  /** Receiver (or sender) phone last 4 digits: SF, ZTO and JD refuse queries without it (§5.1, §5.2). */
  phoneTail?: string;
}

export type CarrierErrorKind = 'auth' | 'rate-limit' | 'transient' | 'malformed' | 'not-found' | 'permanent';

export class CarrierError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
    /** The partner's own code and message, verbatim, for the operator. */
    readonly partner: { code?: string; message?: string; raw?: string } = {},
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface CarrierAdapter {
  readonly partner: LogisticsPartner;
  /** Which carriers this adapter can follow: an aggregator follows many, a courier API only itself. */
  serves(carrier: CarrierCode): boolean;
  /** One signed query for the waybill's whole trail. */
  query(q: TrackingQuery): Promise<TrackingResult>;
  /** Ask the partner to push updates to `callbackUrl` (push is only possible on the browser-console host). */
  subscribe?(q: TrackingQuery & { callbackUrl: string }): Promise<{ ok: true; detail: string }>;
}

/** An incoming HTTP push from a partner, as the host received it. */
export interface CarrierPushRequest {
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Path and query the push arrived at: SF signs nothing and is authenticated by a URL token. */
  url?: string;
}

/** What a push parser decided: the results to ingest and the exact reply the partner requires. */
export interface CarrierPushOutcome {
  results: TrackingResult[];
  reply: { status: number; contentType: string; body: string };
}

/** Verifies and parses one partner's push; throws CarrierError('auth') for a bad signature. */
export type CarrierPushParser = (request: CarrierPushRequest) => CarrierPushOutcome;

/** A partner's push parser as the push router keeps it (core/logistics/push-receiver.ts). */
export interface CarrierPushRegistration {
  parse: CarrierPushParser;
  /** The body the partner reads as "failed, push again" (default: JSON { success:false, message }). */
  failureReply?: (status: number, message: string) => CarrierPushOutcome['reply'];
}
