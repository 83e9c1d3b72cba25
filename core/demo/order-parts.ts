import type { Channel, OrderLineInput, OrderStatus, Receiver } from '../contract/orders.js';
import { CATALOGUE } from './catalogue.js';
import { chineseName, maskMiddle, maskTail, mobileNumber, receiverAddress } from './people.js';
import { type Rng, weightTable } from './rng.js';

const LINE_COUNT = weightTable([[1, 62], [2, 24], [3, 10], [4, 4]] as const);
const QUANTITY = weightTable([[1, 75], [2, 17], [3, 6], [4, 1], [5, 1]] as const);

/**
 * Channel price levels against the list price: Pinduoduo undercuts, live-stream Douyin a little;
 * discounted prices end in .90 as Chinese shops price them.
 */
const PRICE_FACTOR: Record<Channel, number> = { taobao: 1, pos: 1, wechat: 0.98, douyin: 0.95, pinduoduo: 0.88 };

export function orderLines(rng: Rng, channel: Channel): OrderLineInput[] {
  const count = rng.weighted(LINE_COUNT);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(rng.int(0, CATALOGUE.length - 1));
  return [...picked].map((index) => {
    const product = CATALOGUE[index]!;
    const factor = PRICE_FACTOR[channel];
    const unitPriceFen = factor === 1 ? product.listPriceFen : Math.max(90, Math.round((product.listPriceFen * factor) / 100) * 100 - 10);
    const quantity = rng.weighted(QUANTITY);
    // Plain literals, no conditional spreads: object spread is the slowest thing V8 does here and
    // this runs a million times for a benchmark dataset.
    const line: OrderLineInput = {
      platformSku: product.platformSku[channel],
      standardSku: product.standardSku,
      title: product.title,
      quantity,
      unitPriceFen,
      amountFen: unitPriceFen * quantity,
    };
    const itemId = product.platformItemId[channel];
    if (itemId !== undefined) line.platformItemId = itemId;
    return line;
  });
}

/** Share of orders whose phone the platform hands over masked rather than in full. */
const MASKED_PHONE_RATE: Record<Channel, number> = { douyin: 0.8, taobao: 0.7, pinduoduo: 1, wechat: 0, pos: 0 };

export function orderReceiver(rng: Rng, channel: Channel, status: OrderStatus, courier: boolean, storeAddress: Omit<Receiver, 'name' | 'phone'>): Receiver {
  const name = chineseName(rng);
  const full = mobileNumber(rng);
  let phone = full;
  if (channel === 'pinduoduo') {
    // Plain text only while the order waits for shipment (protocols.md §2.4).
    phone = status === 'awaiting_shipment' ? full : maskTail(full);
  } else if (rng.chance(MASKED_PHONE_RATE[channel])) {
    phone = maskMiddle(full);
  }
  const place = courier ? receiverAddress(rng) : storeAddress;
  return { name, phone, ...place };
}

/** What each platform shows as the buyer: default nicknames, masked names, member numbers. */
export function buyerNick(rng: Rng, channel: Channel): string | undefined {
  switch (channel) {
    case 'douyin':
      return rng.chance(0.6) ? `用户${rng.digits(10)}` : `${rng.pick(['小', '阿', '大'])}${rng.pick(['鱼', '猫', '熊', '桃', '橙'])}${rng.pick(['同学', '酱', '哥', '姐', ''])}`;
    case 'pinduoduo':
      return `pdd${rng.digits(11)}`;
    case 'taobao':
      return `${rng.pick(['t', 'x', 'l', 'm', 's', 'z'])}**${rng.int(0, 9)}`;
    case 'wechat':
      return '微信用户';
    case 'pos':
      return rng.chance(0.7) ? `会员${rng.digits(4)}` : undefined;
  }
}

const BUYER_REMARKS = ['请尽快发货，谢谢', '不要放快递柜，放门口就行', '送人的，请不要放价格单', '周末不在家，请工作日送达', '能发顺丰吗？', '多送点试吃装', '包装结实一点，上次压坏了'];
const SELLER_REMARKS = ['已备注赠品，随单发出', '客户要求改地址，已核实', '老客户，优先发货', '缺货，等二批到仓后发', '已电话确认规格'];

export function orderExtras(rng: Rng): { tags: string[]; buyerRemark: string; sellerRemark: string } {
  const tags: string[] = [];
  if (rng.chance(0.02)) tags.push('加急');
  if (rng.chance(0.03)) tags.push('赠品');
  if (rng.chance(0.04)) tags.push('VIP');
  return {
    tags,
    buyerRemark: rng.chance(0.06) ? rng.pick(BUYER_REMARKS) : '',
    sellerRemark: rng.chance(0.03) ? rng.pick(SELLER_REMARKS) : '',
  };
}
