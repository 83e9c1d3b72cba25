/**
 * Logistics tracking (issue 4): the parcels the engine follows, their carrier event trails and the
 * carrier codes no mapping table knew. The tracking taxonomy lives here (not in core/logistics) so
 * the renderer, which imports only core/contract, speaks the same 12 states.
 */

/** The 12-class taxonomy; issue 4's list is authoritative and supersedes protocols.md §5.7. */
export const TRACKING_STATES = [
  'AWAITING_PICKUP', // 待揽收
  'PICKED_UP', // 已揽收
  'IN_TRANSIT', // 运输中
  'ARRIVED_DEST_CITY', // 到达派件城市
  'OUT_FOR_DELIVERY', // 派件中
  'AVAILABLE_FOR_PICKUP', // 待取件 (locker / station)
  'DELIVERED', // 已签收
  'DELIVERY_FAILED', // 派送失败
  'EXCEPTION', // 疑难/异常
  'RETURNING', // 退回中
  'RETURNED', // 已退签/拒签
  'REROUTED_CUSTOMS', // 转投/清关
] as const;

export type TrackingState = (typeof TRACKING_STATES)[number];

export const TRACKING_STATE_LABELS: Record<TrackingState, { zh: string; en: string }> = {
  AWAITING_PICKUP: { zh: '待揽收', en: 'Awaiting pickup' },
  PICKED_UP: { zh: '已揽收', en: 'Picked up' },
  IN_TRANSIT: { zh: '运输中', en: 'In transit' },
  ARRIVED_DEST_CITY: { zh: '到达派件城市', en: 'Arrived at destination city' },
  OUT_FOR_DELIVERY: { zh: '派件中', en: 'Out for delivery' },
  AVAILABLE_FOR_PICKUP: { zh: '待取件', en: 'Available for pickup' },
  DELIVERED: { zh: '已签收', en: 'Delivered' },
  DELIVERY_FAILED: { zh: '派送失败', en: 'Delivery attempt failed' },
  EXCEPTION: { zh: '疑难/异常', en: 'Exception' },
  RETURNING: { zh: '退回中', en: 'Returning' },
  RETURNED: { zh: '已退签/拒签', en: 'Returned or refused' },
  REROUTED_CUSTOMS: { zh: '转投/清关', en: 'Rerouted or customs' },
};

export const LOGISTICS_PARTNERS = ['kuaidi100', 'kdniao', 'sf', 'zto', 'jd'] as const;
export type LogisticsPartnerName = (typeof LOGISTICS_PARTNERS)[number];

/** Where a trail event came from; each node of the order's logistics trail shows it. */
export const TRACKING_SOURCES = ['push', 'poll', 'ocr', 'manual'] as const;
export type TrackingSourceName = (typeof TRACKING_SOURCES)[number];

export type ParcelSubscription = 'none' | 'subscribed' | 'ended' | 'failed';

export interface ParcelOrderRef {
  orderId: number;
  channel: string;
  shopId: string;
  platformOrderId: string;
}

export interface ParcelInfo {
  id: number;
  /** The engine's carrier code (core/logistics/carriers.ts), e.g. 'SF', 'YTO'. */
  carrier: string;
  carrierName: string;
  waybillNo: string;
  state: TrackingState;
  stateAt: number | null;
  /** The "logistics sync timestamp": when the order was marked shipped (first-scan SLA counts from it). */
  shippedAt: number;
  firstScanAt: number | null;
  lastEventAt: number | null;
  /** When a tracking partner last answered for it (a trail, or "no record yet"); null = never asked or never answered. */
  lastReceivedAt: number | null;
  eventCount: number;
  unknownEventCount: number;
  channel: string | null;
  warehouse: string | null;
  /** Who follows it (aggregator or courier API); null until the first query or subscription. */
  partner: LogisticsPartnerName | null;
  subscription: ParcelSubscription;
  nextPollAt: number | null;
  pollFailures: number;
  lastError: { kind: string; message: string; at: number } | null;
  /** Set when the aggregator corrected the carrier (Kuaidi100 autoCheck comOld → comNew, protocols.md §5.4). */
  carrierCorrectedFrom: string | null;
  orders: ParcelOrderRef[];
}

export interface ParcelQuery {
  state?: TrackingState | TrackingState[];
  carrier?: string;
  channel?: string;
  /** Waybill number fragment (exact prefix match after normalisation). */
  waybillNo?: string;
  orderId?: number;
  limit?: number;
  offset?: number;
}

export interface ParcelListResult {
  rows: ParcelInfo[];
  total: number;
  /** Parcels per state under the same carrier/channel filter (the state filter itself not applied). */
  counts: Record<TrackingState, number>;
  /**
   * Parcels under way that no tracking partner has answered for yet (same filter): the SLA rules do not
   * judge them, so the operator must see them — with the commonest reason the poller met.
   */
  untracked: { count: number; commonError: string | null };
}

export interface TrackingEventInfo {
  id: number;
  parcelId: number;
  occurredAt: number;
  /** null: the partner's code is unknown to the mapping table (flagged, never guessed) or absent. */
  state: TrackingState | null;
  partner: string;
  /** The partner's own status code(s), verbatim, e.g. 'kuaidi100:0/1001', 'sf:50'. */
  partnerStatus: string;
  description: string;
  location: string | null;
  source: TrackingSourceName;
  receivedAt: number;
  /** Open with 'audit/rawPayload'. */
  rawPayloadId: number | null;
  /** true: this event moved the parcel's state; false: trail only (late, out of order, unknown, after the end). */
  applied: boolean;
  /** The partner's code was not in the mapping table: recorded in 'logistics/unknownCodes'. */
  unknownCode: boolean;
}

export interface ParcelTrail {
  parcel: ParcelInfo;
  /** Oldest first (by when the carrier says it happened). */
  events: TrackingEventInfo[];
}

export interface TrackOutcome {
  parcelId: number;
  carrier: string;
  waybillNo: string;
  /** New events added to the trail by this query. */
  added: number;
  stateBefore: TrackingState;
  stateAfter: TrackingState;
  error: { kind: string; message: string } | null;
}

export interface UnknownCarrierCodeInfo {
  partner: string;
  code: string;
  firstSeenAt: number;
  lastSeenAt: number;
  occurrences: number;
  sampleWaybill: string;
  sampleDescription: string;
}

export interface LogisticsHandlers {
  'logistics/parcels': { args: ParcelQuery; result: ParcelListResult };
  /** Every parcel of an order (or one parcel) with its whole trail. */
  'logistics/trail': { args: { orderId?: number; parcelId?: number }; result: { parcels: ParcelTrail[] } };
  /**
   * Query the partner now. With `waybillNo` (+ optional `carrier`) the number is first attached to the
   * order as a followed parcel (the waybill re-push flow: attach and query at once).
   */
  'logistics/track': {
    args: { orderId?: number; parcelId?: number; waybillNo?: string; carrier?: string };
    result: { parcels: TrackOutcome[] };
  };
  'logistics/unknownCodes': { args: Record<string, never>; result: UnknownCarrierCodeInfo[] };
}

export interface LogisticsEvents {
  /** Parcels whose state or trail changed in one committed write. */
  'logistics/changed': { parcelIds: number[]; source: string };
}
