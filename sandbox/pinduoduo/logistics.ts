/**
 * Simulated Pinduoduo ship write-back (protocols.md §11.5–§11.6): `pdd.logistics.online.send` with
 * `redelivery_type` (1 first ship, 2 correction) and `pdd.logistics.companies.get`. The business
 * error codes for refusals are not in the public material (§11.5 [U]); the simulator's are its own,
 * in the §2.6 envelope, so a connector must rely on the envelope, not on these numbers.
 */
import type { OrderStory } from '../common/story.js';
import { sellerShip, type ShipRefusal, WaybillRegister } from '../common/seller-ship.js';
import { pddFailure, type PddFailure } from './failures.js';
import { orderSnOf } from './render.js';

/** §11.6 list items; ids are the simulator's own [U]. */
export const PDD_COMPANIES = [
  { id: 44, logistics_company: '顺丰快递', code: 'SF', available: 1 },
  { id: 115, logistics_company: '中通快递', code: 'ZTO', available: 1 },
  { id: 85, logistics_company: '圆通快递', code: 'YTO', available: 1 },
  { id: 1, logistics_company: '申通快递', code: 'STO', available: 1 },
  { id: 121, logistics_company: '韵达快递', code: 'YUNDA', available: 1 },
  { id: 118, logistics_company: '邮政EMS', code: 'EMS', available: 1 },
  { id: 120, logistics_company: '京东配送', code: 'JD', available: 1 },
  { id: 384, logistics_company: '极兔速递', code: 'JTSD', available: 1 },
  { id: 3, logistics_company: '百世快递', code: 'HT', available: 0 },
] as const;

const REFUSALS: Record<ShipRefusal, PddFailure> = {
  'not-paid': pddFailure(52101, '订单状态不允许发货', '52101', '订单未支付'),
  closed: pddFailure(52101, '订单状态不允许发货', '52101', '订单已取消或已退款'),
  'refund-pending': pddFailure(52101, '订单状态不允许发货', '52101', '订单有退款申请'),
  'already-shipped': pddFailure(52102, '订单已发货', '52102', '订单已发货，如需修改请使用 redelivery_type=2'),
  'not-shipped': pddFailure(52103, '订单未发货', '52103', '订单未发货，不能修改发货信息'),
  'waybill-used': pddFailure(52104, '运单号已被使用', '52104', '运单号已被其他订单使用'),
};

export type LogisticsAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; failure: PddFailure };

const registers = new WeakMap<readonly OrderStory[], WaybillRegister>();

export function isLogisticsApi(type: string): boolean {
  return type === 'pdd.logistics.online.send' || type === 'pdd.logistics.companies.get';
}

export function logisticsAnswer(type: string, params: ReadonlyMap<string, string>, stories: readonly OrderStory[], seed: number, now: number): LogisticsAnswer {
  if (type === 'pdd.logistics.companies.get') return { ok: true, body: { logistics_companies_get_response: { logistics_companies: PDD_COMPANIES } } };
  const missing = ['order_sn', 'logistics_id', 'tracking_number'].find((k) => !params.get(k));
  if (missing) return { ok: false, failure: pddFailure(10000, '参数错误', '10000', `${missing} 不能为空`) };
  const company = PDD_COMPANIES.find((c) => String(c.id) === params.get('logistics_id'));
  // §11.6: "发货时必须入参支持的快递公司id，否则会报错".
  if (!company || company.available !== 1) return { ok: false, failure: pddFailure(52105, '快递公司不支持', '52105', `logistics_id ${params.get('logistics_id')} 不可用`) };
  // The platform checks the number's shape (the rule itself is not public [U]): letters and digits, 8–32.
  if (!/^[A-Z0-9]{8,32}$/.test(params.get('tracking_number')!)) return { ok: false, failure: pddFailure(52106, '运单号格式错误', '52106', '运单号不符合规则') };
  const orderSn = params.get('order_sn')!;
  const story = stories.find((s) => orderSnOf(s, seed) === orderSn);
  if (!story) return { ok: false, failure: pddFailure(52100, '订单不存在', '52100', `订单 ${orderSn} 不存在`) };
  let register = registers.get(stories);
  if (!register) registers.set(stories, (register = new WaybillRegister()));
  const mode = params.get('redelivery_type') === '2' ? 'correct' : 'first';
  const outcome = sellerShip(story, now, { carrierName: company.logistics_company, carrierCode: company.code, waybillNo: params.get('tracking_number')! }, mode, register);
  if (!outcome.ok) return { ok: false, failure: REFUSALS[outcome.refusal] };
  return { ok: true, body: { logistics_online_send_response: { is_success: true } } };
}
