import type { Channel, OrderAmounts, OrderLineInput, OrderStatus } from '../contract/orders.js';
import type { DemoShop } from './channels.js';
import { REMOTE_PROVINCES } from './people.js';
import type { Rng } from './rng.js';

interface DiscountRule {
  /** Chance that the order carries this kind of discount at all. */
  rate: number;
  /** Coupon face values in fen; the largest that fits under the cap is used. */
  couponsFen: readonly number[];
  /** A member discount in basis points instead of coupons (the till and the mini-program). */
  percentOffBps?: number;
}

/**
 * Who pays which discount differs by channel: Douyin and Pinduoduo fund platform coupons (平台券,
 * 百亿补贴) and shops add their own (店铺券); Taobao adds 购物津贴 and store coupons; the
 * mini-program and the till only have the seller's member discounts. No discount may exceed 30%.
 */
const DISCOUNTS: Record<Channel, { platform: DiscountRule | null; seller: DiscountRule }> = {
  douyin: { platform: { rate: 0.35, couponsFen: [300, 500, 1000, 2000] }, seller: { rate: 0.4, couponsFen: [500, 1000, 2000] } },
  pinduoduo: { platform: { rate: 0.3, couponsFen: [200, 300, 500, 1000] }, seller: { rate: 0.35, couponsFen: [200, 300, 500] } },
  taobao: { platform: { rate: 0.25, couponsFen: [500, 1000, 2000, 3000, 5000] }, seller: { rate: 0.45, couponsFen: [500, 1000, 2000] } },
  wechat: { platform: null, seller: { rate: 0.3, couponsFen: [], percentOffBps: 500 } },
  pos: { platform: null, seller: { rate: 0.4, couponsFen: [], percentOffBps: 500 } },
};

const MAX_DISCOUNT_SHARE = 0.3;

function discount(rng: Rng, rule: DiscountRule | null, goodsFen: number): number {
  if (!rule || !rng.chance(rule.rate)) return 0;
  if (rule.percentOffBps) return Math.round((goodsFen * rule.percentOffBps) / 10_000);
  const cap = goodsFen * MAX_DISCOUNT_SHARE;
  const fitting = rule.couponsFen.filter((c) => c <= cap);
  return fitting.length === 0 ? 0 : fitting[rng.int(0, fitting.length - 1)]!;
}

/** Free shipping is the norm online, except for remote provinces and small mini-program orders. */
function shipping(rng: Rng, channel: Channel, goodsFen: number, province: string, courier: boolean): number {
  if (!courier) return 0;
  if (channel === 'pos') return 1000;
  if (REMOTE_PROVINCES.has(province)) return rng.pick([1000, 1500, 2000]);
  if (channel === 'wechat') return goodsFen < 9900 ? 800 : 0; // 满99包邮
  if (channel === 'taobao' && rng.chance(0.06)) return rng.pick([600, 800, 1200]);
  return 0;
}

const NO_FEE: ReadonlySet<OrderStatus> = new Set(['pending_payment', 'cancelled', 'refunded']);

/** goods = Σ lines; paid = goods − platform discount − seller discount + shipping, all integer fen. */
export function orderAmounts(
  rng: Rng, shop: DemoShop, lines: readonly OrderLineInput[], province: string, status: OrderStatus, courier: boolean,
): OrderAmounts {
  const goodsFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const rules = DISCOUNTS[shop.channel];
  const platformDiscountFen = discount(rng, rules.platform, goodsFen);
  const sellerDiscountFen = discount(rng, rules.seller, goodsFen);
  const shippingFen = shipping(rng, shop.channel, goodsFen, province, courier);
  const paidFen = goodsFen - platformDiscountFen - sellerDiscountFen + shippingFen;
  // Fees are charged on money actually kept: none on unpaid, cancelled or refunded orders.
  const platformFeeFen = NO_FEE.has(status) ? 0 : Math.round((paidFen * shop.feeBps) / 10_000);
  return { goodsFen, platformDiscountFen, sellerDiscountFen, shippingFen, paidFen, platformFeeFen };
}
