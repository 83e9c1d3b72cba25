/**
 * Platform-neutral order stories for the simulators: each order is a sequence of versions over time
 * (created → paid → shipped → …, with cancellations, pre-shipment refunds, address changes and
 * bursts). Each platform simulator renders a version in its own wire format. No import of core/:
 * the simulators must not agree with the engine by sharing its code.
 */
import { Rng } from './rng.js';

export type StoryStage = 'created' | 'paid' | 'shipped' | 'partially_shipped' | 'delivered' | 'completed' | 'cancelled' | 'refunding' | 'refunded';

export interface StoryLine {
  itemId: string;
  skuId: string;
  outerSku: string;
  title: string;
  quantity: number;
  unitPriceFen: number;
}

export interface StoryVersion {
  /** When the platform recorded this version (its "modified" time), epoch ms. */
  at: number;
  stage: StoryStage;
  receiver: { name: string; phone: string; province: string; city: string; district: string; address: string };
  /** Waybill once shipped. */
  parcel?: { carrierName: string; carrierCode: string; waybillNo: string; shippedAt: number };
  /** What changed to make this version (for message pushes). */
  event: 'create' | 'pay' | 'ship' | 'partial-ship' | 'deliver' | 'complete' | 'cancel' | 'refund-request' | 'refund-success' | 'address-change' | 'memo';
  sellerMemo?: string;
}

export interface OrderStory {
  /** Index of the order in the stream (ids are derived from it by each platform). */
  n: number;
  createdAt: number;
  buyerNick: string;
  lines: StoryLine[];
  platformDiscountFen: number;
  sellerDiscountFen: number;
  shippingFen: number;
  versions: StoryVersion[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '晓东', '思琪'];
const PLACES = [
  ['浙江省', '杭州市', '西湖区'], ['广东省', '深圳市', '南山区'], ['上海市', '上海市', '浦东新区'], ['北京市', '北京市', '朝阳区'],
  ['江苏省', '南京市', '鼓楼区'], ['四川省', '成都市', '武侯区'], ['湖北省', '武汉市', '洪山区'], ['福建省', '厦门市', '思明区'],
] as const;
const GOODS: Array<[string, number]> = [
  ['西湖龙井 明前特级 250g', 26800], ['三只松鼠每日坚果 750g', 9990], ['全棉四件套 1.8m', 35090], ['公牛插线板 6孔 1.8m', 4390],
  ['乐扣保鲜盒 4件套', 8690], ['茉莉花茶 200g', 3490], ['紫砂茶杯 2只装', 3990], ['云南小粒咖啡 500g', 6800],
];

export interface StoryOptions {
  seed: number;
  count: number;
  /** Stream start (epoch ms); orders are spread over `spanMs` after it, with bursts. */
  start: number;
  spanMs: number;
}

export function generateStories(options: StoryOptions): OrderStory[] {
  const rng = new Rng(options.seed);
  const carriers: Array<[string, string, () => string]> = [
    ['顺丰速运', 'SF', () => `SF${rng.digits(13)}`],
    ['中通快递', 'ZTO', () => `7${rng.digits(13)}`],
    ['圆通速递', 'YTO', () => `YT${rng.digits(13)}`],
    ['韵达快递', 'YUNDA', () => `43${rng.digits(13)}`],
  ];
  const stories: OrderStory[] = [];
  for (let n = 0; n < options.count; n++) {
    // Bursts: a fifth of the orders land in the first 2% of the span (a promotion's opening minutes).
    const offset = rng.chance(0.2) ? rng.next() * options.spanMs * 0.02 : rng.next() * options.spanMs;
    const createdAt = Math.floor(options.start + offset);
    const [province, city, district] = rng.pick(PLACES);
    const receiver = {
      name: rng.pick(SURNAMES) + rng.pick(GIVEN),
      phone: `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`,
      province,
      city,
      district,
      address: `${rng.pick(['文三路', '科技园南路', '南京西路', '建国路', '中山路'])}${rng.int(1, 999)}号${rng.int(1, 30)}栋${rng.int(101, 2801)}`,
    };
    const lines: StoryLine[] = Array.from({ length: rng.int(1, 3) }, () => {
      const [title, price] = rng.pick(GOODS);
      return { itemId: rng.digits(12), skuId: rng.digits(13), outerSku: `SKU-${rng.digits(4)}`, title, quantity: rng.int(1, 3), unitPriceFen: price };
    });
    const goods = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
    const platformDiscountFen = rng.chance(0.4) ? Math.min(goods - 1, rng.int(1, 20) * 100) : 0;
    const sellerDiscountFen = rng.chance(0.3) ? Math.min(goods - platformDiscountFen - 1, rng.int(1, 10) * 100) : 0;
    const shippingFen = rng.chance(0.15) ? 800 : 0;
    const versions: StoryVersion[] = [{ at: createdAt, stage: 'created', receiver, event: 'create' }];
    let at = createdAt;
    const step = (minutes: number) => (at += Math.floor((0.2 + rng.next()) * minutes * 60_000));
    if (rng.chance(0.08)) {
      versions.push({ at: step(30), stage: 'cancelled', receiver, event: 'cancel' });
    } else {
      versions.push({ at: step(3), stage: 'paid', receiver, event: 'pay' });
      let current = receiver;
      if (rng.chance(0.06)) {
        current = { ...receiver, address: `${receiver.address}（改）${rng.int(1, 99)}室` };
        versions.push({ at: step(20), stage: 'paid', receiver: current, event: 'address-change' });
      }
      if (rng.chance(0.07)) {
        versions.push({ at: step(60), stage: 'refunding', receiver: current, event: 'refund-request' });
        versions.push({ at: step(120), stage: 'refunded', receiver: current, event: 'refund-success' });
      } else {
        const [carrierName, carrierCode, waybill] = rng.pick(carriers);
        const shippedAt = step(240);
        const parcel = { carrierName, carrierCode, waybillNo: waybill(), shippedAt };
        versions.push({ at: shippedAt, stage: 'shipped', receiver: current, parcel, event: 'ship' });
        if (rng.chance(0.7)) versions.push({ at: step(2 * 24 * 60), stage: 'delivered', receiver: current, parcel, event: 'deliver' });
        if (rng.chance(0.5)) versions.push({ at: step(7 * 24 * 60), stage: 'completed', receiver: current, parcel, event: 'complete' });
      }
    }
    stories.push({ n, createdAt, buyerNick: `buyer_${rng.digits(8)}`, lines, platformDiscountFen, sellerDiscountFen, shippingFen, versions });
  }
  return stories;
}

/** The version of a story visible at time `t` (null before the order exists). */
export function versionAt(story: OrderStory, t: number): StoryVersion | null {
  let seen: StoryVersion | null = null;
  for (const v of story.versions) {
    if (v.at <= t) seen = v;
    else break;
  }
  return seen;
}

export function goodsFen(story: OrderStory): number {
  return story.lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
}

export function paidFen(story: OrderStory): number {
  return goodsFen(story) - story.platformDiscountFen - story.sellerDiscountFen + story.shippingFen;
}
