/**
 * A story version → one 抖店 ShopOrder (protocols.md §3.6) as JSON text: ids as strings, product_id
 * and room_id as bare 19-digit numbers, money in integer fen, times in unix seconds, receiver as
 * ciphertext + masked copies, refunds in each 商品单's after_sale_info.
 */
import { createHash } from 'node:crypto';
import { type OrderStory, paidFen, type StoryStage, type StoryVersion } from '../common/story.js';
import { productId, shopOrderId, skuOrderIds } from './ids.js';
import { bare, type JsonValue, writeJson } from './json-text.js';

export interface RenderContext {
  seed: number;
  shopId: string;
  /** Every Nth order shows an order_status §3.6 does not document (103 部分支付, a main_status value). */
  unknownStatusEvery?: number;
}

/** §3.6 order_status and desc per story stage; Douyin has no "delivered" status (3 until 5 已完成). */
const STATUS: Record<StoryStage, [number, string]> = {
  created: [1, '待支付'],
  paid: [2, '备货中'],
  partially_shipped: [101, '部分发货'],
  shipped: [3, '已发货'],
  delivered: [3, '已发货'],
  completed: [5, '已完成'],
  cancelled: [4, '已取消'],
  refunding: [2, '备货中'],
  refunded: [4, '已取消'],
};

/** The logistics company codes this gateway uses ([U] in protocols.md §11.9; pinyin codes as in §5.4). */
const COMPANY_CODES: Record<string, string> = { SF: 'shunfeng', ZTO: 'zhongtong', YTO: 'yuantong', STO: 'shentong', YUNDA: 'yunda', JD: 'jd' };
const AUTHORS = ['茶叶小王子', '好物严选官', '家居达人阿May', '数码老李'];

const seconds = (ms: number) => Math.floor(ms / 1000);

export function statusOf(story: OrderStory, stage: StoryStage, ctx: RenderContext): [number, string] {
  const every = ctx.unknownStatusEvery;
  if (every && story.n % every === every - 1) return [103, '部分支付'];
  if (stage === 'paid' && story.n % 10 === 3) return [105, '已支付'];
  return STATUS[stage];
}

function cipher(marker: string, text: string): string {
  const h = createHash('sha256').update(text).digest('base64');
  return `${marker}${h.slice(0, 28)}${marker}${h.slice(28, 40)}=`;
}

const regionIds = new Map<string, string>();
function regionId(name: string): string {
  let id = regionIds.get(name);
  if (id === undefined) regionIds.set(name, (id = String(100000 + (createHash('md5').update(name).digest().readUInt32BE(0) % 800000))));
  return id;
}

export function receiverFields(r: StoryVersion['receiver']): Record<string, JsonValue> {
  const region = { province: { name: r.province, id: regionId(r.province) }, city: { name: r.city, id: regionId(r.city) }, town: { name: r.district, id: regionId(r.district) }, street: { name: '', id: '' } };
  const maskedName = r.name.slice(0, 1) + '*'.repeat(Math.max(1, r.name.length - 1));
  return {
    post_receiver: cipher('#', r.name),
    post_tel: cipher('$', r.phone),
    post_addr: { ...region, detail: cipher('#', r.address), encrypt_detail: cipher('#', r.address) },
    encrypt_post_receiver: cipher('#', r.name),
    encrypt_post_tel: cipher('$', r.phone),
    mask_post_receiver: maskedName,
    mask_post_tel: `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}`,
    mask_post_addr: { ...region, detail: `${r.address.slice(0, 4)}****` },
  };
}

/** Whole-fen allocation of `total` over lines by their goods value; the last line takes the rest. */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  return weights.map((w, i) => {
    const share = i === weights.length - 1 ? left : Math.floor((total * w) / sum);
    left -= share;
    return share;
  });
}

export function renderShopOrder(story: OrderStory, versionIndex: number, ctx: RenderContext): string {
  const v = story.versions[versionIndex]!;
  const id = shopOrderId(ctx.seed, story.n);
  const childIds = skuOrderIds(id, story);
  const [status, statusDesc] = statusOf(story, v.stage, ctx);
  const paid = story.versions.slice(0, versionIndex + 1).find((x) => x.event === 'pay');
  const payTime = paid ? seconds(paid.at) : 0;
  const author = story.n % 4 === 1 ? AUTHORS[story.n % AUTHORS.length]! : '';
  const afterSale = v.stage === 'refunding' ? [6, 2, 1] : v.stage === 'refunded' ? [12, 2, 3] : [0, 0, 0];
  const values = story.lines.map((l) => l.unitPriceFen * l.quantity);
  const platformShares = allocate(story.platformDiscountFen, values);
  const sellerShares = allocate(story.sellerDiscountFen, values);
  const common = { create_time: seconds(story.createdAt), update_time: seconds(v.at), order_status: status, order_status_desc: statusDesc };
  const skuOrders: JsonValue[] = story.lines.map((l, i) => ({
    order_id: childIds[i]!,
    parent_order_id: id,
    order_level: 3,
    ...common,
    product_id: bare(productId(l)),
    sku_id: bare(l.skuId),
    out_sku_id: l.outerSku,
    code: l.outerSku,
    out_product_id: `P-${l.itemId.slice(-6)}`,
    product_name: l.title,
    spec: [{ name: '规格', value: '默认' }],
    item_num: l.quantity,
    origin_amount: l.unitPriceFen,
    sum_amount: values[i]!,
    order_amount: values[i]! - platformShares[i]! - sellerShares[i]!,
    pay_amount: values[i]! - platformShares[i]! - sellerShares[i]!,
    promotion_shop_amount: sellerShares[i]!,
    promotion_platform_amount: platformShares[i]!,
    c_biz: author ? 2 : 8,
    author_id: author ? bare(7_000_000_000 + story.n) : 0,
    author_name: author,
    room_id: author ? bare(`7${id.slice(1)}`) : 0,
    theme_type: author ? '1' : '0',
    after_sale_info: { after_sale_status: afterSale[0]!, after_sale_type: afterSale[1]!, refund_status: afterSale[2]! },
  }));
  const parcel = v.parcel;
  const shipped = parcel ? (v.stage === 'partially_shipped' ? [0] : story.lines.map((_, i) => i)) : [];
  const order: JsonValue = {
    shop_id: bare(ctx.shopId),
    shop_name: '抖店模拟旗舰店',
    order_id: id,
    order_level: 2,
    biz: author ? 2 : 8,
    order_type: 0,
    ...common,
    pay_time: payTime,
    finish_time: v.stage === 'completed' ? seconds(v.at) : 0,
    exp_ship_time: payTime ? payTime + 48 * 3600 : 0,
    ship_time: parcel ? seconds(parcel.shippedAt) : 0,
    pay_type: story.n % 2 === 0 ? 1 : 2,
    order_amount: paidFen(story),
    pay_amount: paidFen(story),
    post_amount: story.shippingFen,
    promotion_amount: story.platformDiscountFen + story.sellerDiscountFen,
    promotion_shop_amount: story.sellerDiscountFen,
    promotion_platform_amount: story.platformDiscountFen,
    promotion_talent_amount: 0,
    promotion_pay_amount: 0,
    shop_cost_amount: story.sellerDiscountFen,
    platform_cost_amount: story.platformDiscountFen,
    author_cost_amount: 0,
    buyer_words: story.n % 7 === 0 ? '请尽快发货，谢谢' : '',
    seller_words: v.sellerMemo ?? '',
    seller_remark_stars: 0,
    ...receiverFields(v.receiver),
    logistics_info: parcel
      ? [{
          tracking_no: parcel.waybillNo,
          company: COMPANY_CODES[parcel.carrierCode] ?? parcel.carrierCode.toLowerCase(),
          company_name: parcel.carrierName,
          ship_time: seconds(parcel.shippedAt),
          delivery_id: `${parcel.carrierCode}_${parcel.waybillNo}`,
          product_info: shipped.map((i) => ({ product_id: bare(productId(story.lines[i]!)), product_name: story.lines[i]!.title, sku_order_id: childIds[i]!, product_count: story.lines[i]!.quantity, price: story.lines[i]!.unitPriceFen, outer_sku_id: story.lines[i]!.outerSku })),
        }]
      : [],
    sku_order_list: skuOrders,
    doudian_open_id: cipher('#', story.buyerNick),
  };
  return writeJson(order);
}
