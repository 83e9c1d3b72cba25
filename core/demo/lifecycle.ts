import type { OrderStatus } from '../contract/orders.js';
import type { ChannelRules, RefundStage } from './channels.js';
import { type Rng, weightTable } from './rng.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// [from, to] hours between payment and dispatch, by share of parcels.
const DISPATCH_DELAY_HOURS = weightTable<readonly [number, number]>([
  [[1, 12], 50],
  [[12, 30], 35],
  [[30, 46], 12],
  [[46, 70], 3],
]);

export interface Parcel {
  shippedAt: number;
  /** 'whole' carries every line; a split order sends 'first' then 'second'. */
  part: 'whole' | 'first' | 'second';
}

export interface Timeline {
  status: OrderStatus;
  paidAt: number | null;
  shipByAt: number | null;
  /** Parcels already sent at `now`. */
  parcels: Parcel[];
  refundStage: RefundStage;
  /** The latest event at or before `now`: what a platform reports as its modified time. */
  modifiedAt: number;
}

/**
 * An order's whole life is drawn first (payment, dispatch, delivery, auto-confirmation, maybe a
 * refund) and then read at `now`, so status follows age the way it does in a real shop: last
 * night's orders await shipment, last week's are on the road, last month's are completed.
 */
export function orderTimeline(rng: Rng, rules: ChannelRules, createdAt: number, now: number, lineCount: number, courier: boolean): Timeline {
  if (rules.payTimeoutMs !== null && rng.chance(rules.unpaidRate)) {
    const closedAt = createdAt + rules.payTimeoutMs;
    return closedAt > now
      ? timelineOf('pending_payment', null, null, [], 'before_shipping', createdAt)
      : timelineOf('cancelled', null, null, [], 'before_shipping', closedAt);
  }
  const paidAt = Math.min(now, createdAt + rng.int(3, 180) * SECOND);
  if (!courier) {
    // A counter sale is paid and handed over at once; a few come back for a refund.
    const refundAt = paidAt + rng.int(1, 72) * HOUR;
    if (rng.chance(0.02) && refundAt <= now) return timelineOf('refunded', paidAt, null, [], 'before_shipping', refundAt);
    return timelineOf('completed', paidAt, null, [], 'before_shipping', paidAt);
  }

  const shipByAt = paidAt + (rules.shipByHours ?? 48) * HOUR;
  // A frozen order (Taobao PAID_FORBID_CONSIGN) is held for a day to a week before it may ship.
  const frozenUntil = rng.chance(rules.frozenRate) ? paidAt + rng.int(24, 168) * HOUR : paidAt;
  // Most parcels leave the same or next day; a few miss the ship-by time.
  const delayHours = rng.weighted(DISPATCH_DELAY_HOURS);
  const firstShip = frozenUntil + rng.int(delayHours[0] * 3600, delayHours[1] * 3600) * SECOND;
  const split = rules.hasPartialShipping && lineCount >= 2 && rng.chance(0.12);
  const secondShip = split ? firstShip + rng.int(20, 72) * HOUR : firstShip;
  const deliveredAt = secondShip + rng.int(20, 96) * HOUR + rng.int(0, 3599) * SECOND;
  // Platforms confirm receipt automatically some days after delivery if the buyer does not.
  const completedAt = deliveredAt + rng.int(3, 10) * DAY + rng.int(0, 3599) * SECOND;
  const events = [createdAt, paidAt, firstShip, secondShip, deliveredAt, completedAt];

  if (rng.chance(0.05)) {
    const refundStage: RefundStage = rng.chance(0.6) ? 'before_shipping' : 'after_shipping';
    const refundAt = refundStage === 'before_shipping'
      ? paidAt + Math.floor((rng.next() * 0.9 * (firstShip - paidAt)) / SECOND) * SECOND
      : secondShip + rng.int(1, 7 * 24) * HOUR;
    const refundedAt = refundAt + rng.int(2, 72) * HOUR;
    if (refundAt <= now) {
      const parcels = refundStage === 'after_shipping' ? parcelsAt(refundAt, firstShip, secondShip, split) : [];
      const status: OrderStatus = refundedAt <= now ? 'refunded' : 'refunding';
      const modifiedAt = Math.max(latestBefore(events, refundAt), latestBefore([refundAt, refundedAt], now));
      return timelineOf(status, paidAt, shipByAt, parcels, refundStage, modifiedAt);
    }
  }
  const at = (status: OrderStatus): Timeline =>
    timelineOf(status, paidAt, shipByAt, parcelsAt(now, firstShip, secondShip, split), 'before_shipping', latestBefore(events, now));
  if (now < frozenUntil) return at('frozen');
  if (now < firstShip) {
    // Douyin 105 / mini-program 已付款 last minutes before the order moves to 待发货.
    return at(rules.hasPaidStatus && now - paidAt < 10 * MINUTE ? 'paid' : 'awaiting_shipment');
  }
  if (now < secondShip) return at('partially_shipped');
  if (now < deliveredAt) return at('shipped');
  if (now < completedAt) return at('delivered');
  return at('completed');
}

// One constructor keeps every Timeline the same shape (object spreads were the generator's hot spot).
function timelineOf(status: OrderStatus, paidAt: number | null, shipByAt: number | null, parcels: Parcel[], refundStage: RefundStage, modifiedAt: number): Timeline {
  return { status, paidAt, shipByAt, parcels, refundStage, modifiedAt };
}

function parcelsAt(t: number, firstShip: number, secondShip: number, split: boolean): Parcel[] {
  if (!split) return firstShip <= t ? [{ shippedAt: firstShip, part: 'whole' }] : [];
  const sent: Parcel[] = [];
  if (firstShip <= t) sent.push({ shippedAt: firstShip, part: 'first' });
  if (secondShip <= t) sent.push({ shippedAt: secondShip, part: 'second' });
  return sent;
}

/** The latest of `times` not after `limit` (the first one, creation, always qualifies). */
function latestBefore(times: readonly number[], limit: number): number {
  let latest = times[0]!;
  for (const t of times) if (t <= limit && t > latest) latest = t;
  return latest;
}
