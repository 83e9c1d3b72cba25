/**
 * The 12-class tracking taxonomy every carrier status maps into. Issue 4's list is authoritative and
 * supersedes the suggestion in protocols.md §5.7.
 */
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

/** States after which nothing a carrier says moves the parcel again (the journey has ended). */
export const TERMINAL_STATES: ReadonlySet<TrackingState> = new Set(['DELIVERED', 'RETURNED']);

export function isTrackingState(x: string): x is TrackingState {
  return (TRACKING_STATES as readonly string[]).includes(x);
}
