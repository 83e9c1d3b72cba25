import type { Channel, OrderInput, Receiver, ShipmentInput } from '../contract/orders.js';
import { orderAmounts } from './amounts.js';
import { CHANNEL_MIX, CHANNEL_RULES, platformStatus, SHOPS_BY_CHANNEL, type DemoShop } from './channels.js';
import { orderTimeline, type Parcel } from './lifecycle.js';
import { CARRIER_MIX, type DemoCarrier, WaybillMaker } from './logistics.js';
import { buyerNick, orderExtras, orderLines, orderReceiver } from './order-parts.js';
import { OrderIdMaker } from './order-ids.js';
import { Rng, weightTable } from './rng.js';

export interface DemoOptions {
  /** How many orders to yield. */
  size: number;
  /** Same seed (and now) → the same orders, byte for byte. */
  seed: number;
  /** Orders are spread over the 60 days before this instant (UTC epoch ms). */
  now: number;
}

export const DEMO_WINDOW_DAYS = 60;
const DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

// Orders by hour of day in Shanghai: a late-evening peak online, opening hours at the till.
const ONLINE_HOURS = weightTable([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map(
  (h) => [h, [3, 2, 1, 0.5, 0.5, 0.5, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 4, 4, 5, 7, 8, 7, 5][h]!] as const,
));
const STORE_HOURS = weightTable([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map((h) => [h, h >= 18 ? 3 : 2] as const));

// Where each store stands: counter sales use it as the receiver's address.
const STORE_ADDRESSES: Record<string, Omit<Receiver, 'name' | 'phone'>> = {
  SH01: { province: '上海市', city: '上海市', district: '静安区', address: '南京西路1266号 门店自提' },
  HZ01: { province: '浙江省', city: '杭州市', district: '西湖区', address: '北山街道曙光路120号 门店自提' },
  BJ01: { province: '北京市', city: '北京市', district: '朝阳区', address: '建国路87号 门店自提' },
};

const COURIER_AT_THE_TILL = weightTable<DemoCarrier>([['SF', 3], ['JD', 1]]);

/**
 * A realistic, deterministic stream of orders for the demo, tests and benchmarks. A generator, so
 * a million orders never sit in memory at once; iterate it or `Array.from` a small one.
 */
export function* generateDemoOrders({ size, seed, now }: DemoOptions): Generator<OrderInput> {
  const rng = new Rng(seed);
  const ids = new OrderIdMaker(rng);
  const waybills = new WaybillMaker(rng);
  const nowSecond = Math.floor(now / 1000) * 1000;
  for (let seq = 0; seq < size; seq += 1) yield demoOrder(rng, seq, nowSecond, ids, waybills);
}

function demoOrder(rng: Rng, seq: number, now: number, ids: OrderIdMaker, waybills: WaybillMaker): OrderInput {
  const channel = rng.weighted(CHANNEL_MIX);
  const shop = rng.weighted(SHOPS_BY_CHANNEL.get(channel)!);
  const rules = CHANNEL_RULES[channel];
  const createdAt = orderTime(rng, now, channel);
  const courier = rng.chance(rules.courierRate);
  const lines = orderLines(rng, channel);
  const timeline = orderTimeline(rng, rules, createdAt, now, lines.length, courier);
  const receiver = orderReceiver(rng, channel, timeline.status, courier, STORE_ADDRESSES[shop.storeCode ?? 'SH01']!);
  const nick = buyerNick(rng, channel);
  const extras = orderExtras(rng);
  const order: OrderInput = {
    channel,
    shopId: shop.shopId,
    platformOrderId: ids.next(channel, seq, createdAt, shop.storeCode),
    status: timeline.status,
    platformStatus: platformStatus(channel, timeline.status, timeline.refundStage),
    receiver,
    amounts: orderAmounts(rng, shop, lines, receiver.province, timeline.status, courier),
    createdAt,
    paidAt: timeline.paidAt,
    shipByAt: timeline.shipByAt,
    platformModifiedAt: timeline.modifiedAt,
    tags: extras.tags,
    buyerRemark: extras.buyerRemark,
    sellerRemark: extras.sellerRemark,
    lines,
    shipments: shipments(rng, shop, timeline.parcels, lines.length, waybills),
  };
  if (nick !== undefined) order.buyerNick = nick;
  return order;
}

/** Whole seconds (platforms report seconds), within the window, never after `now`. */
function orderTime(rng: Rng, now: number, channel: Channel): number {
  const todayStart = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS;
  const hours = channel === 'pos' ? STORE_HOURS : ONLINE_HOURS;
  for (;;) {
    const t = todayStart - rng.int(0, DEMO_WINDOW_DAYS) * DAY + rng.weighted(hours) * 3600_000 + rng.int(0, 3599) * 1000;
    if (t <= now && t > now - DEMO_WINDOW_DAYS * DAY) return t;
  }
}

function shipments(rng: Rng, shop: DemoShop, parcels: readonly Parcel[], lineCount: number, waybills: WaybillMaker): ShipmentInput[] {
  if (parcels.length === 0) return [];
  const carrier = rng.weighted(shop.channel === 'pos' ? COURIER_AT_THE_TILL : CARRIER_MIX);
  // A split order sends its first line(s) first and the rest a few days later.
  const firstPart = Math.max(1, Math.floor(lineCount / 2));
  const lineNos = (part: Parcel['part']): number[] => {
    if (part === 'whole') return [];
    const [from, to] = part === 'first' ? [1, firstPart] : [firstPart + 1, lineCount];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  };
  return parcels.map((p) => ({ carrier, waybillNo: waybills.next(carrier), shippedAt: p.shippedAt, lineNos: lineNos(p.part) }));
}
