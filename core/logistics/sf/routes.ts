/**
 * SF route items → CarrierEvents (protocols.md §5.1): `acceptTime` (Beijing time), `acceptAddress`,
 * `remark`, `opCode`, newer `firstStatusName`/`secondaryStatusName`; push items add `id`, `mailno`,
 * `orderid`, `reasonCode`/`reasonName` (fixtures sf-route-push-request.*). A route whose time cannot
 * be read makes the whole answer 'malformed' (kept raw) rather than an event silently dropped.
 */
import { parseBeijing, str } from '../partner-http.js';
import type { TrackingState } from '../taxonomy.js';
import { CarrierError, type CarrierEvent } from '../types.js';
import { mapSfStatus } from './op-codes.js';

export function sfRouteEvent(route: Record<string, unknown>, names: Readonly<Record<string, TrackingState>> = {}): CarrierEvent {
  const occurredAt = parseBeijing(route.acceptTime);
  if (occurredAt === null) {
    throw new CarrierError('malformed', `SF route: acceptTime ${JSON.stringify(route.acceptTime)} is not "yyyy-MM-dd HH:mm:ss"`, { raw: JSON.stringify(route).slice(0, 2000) });
  }
  const { state, partnerStatus } = mapSfStatus(route, names);
  const reason = str(route.reasonName);
  const remark = str(route.remark);
  // SF's own route id (push `id`): two routes may share one acceptTime, so it is the dedupe key.
  const id = str(route.id);
  return {
    occurredAt,
    partnerStatus,
    state,
    description: reason && !remark.includes(reason) ? `${remark}（${reason}）` : remark,
    location: str(route.acceptAddress) || null,
    ...(id ? { partnerEventId: id } : {}),
  };
}
