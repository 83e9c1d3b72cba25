/**
 * Simulated Douyin ship write-back (protocols.md §11.7–§11.9): `order.logisticsAdd` (first ship of a
 * whole parent order), `order.logisticsEdit` (correction) and `order.logisticsCompanyList`, with the
 * sub_codes the fact sheet lists.
 */
import type { OrderStory } from '../common/story.js';
import { sellerShip, type ShipRefusal, WaybillRegister } from '../common/seller-ship.js';
import type { JsonValue } from './json-text.js';
import type { ApiOutcome } from './orders-api.js';

/** §11.9 items; ids and codes are the simulator's own. */
export const DOUYIN_COMPANIES = [
  { id: 7, name: '顺丰速运', code: 'shunfeng', pattern: /^SF\d{12,13}$/ },
  { id: 11, name: '中通快递', code: 'zhongtong', pattern: /^\d{12,15}$/ },
  { id: 8, name: '圆通快递', code: 'yuantong', pattern: /^YT\d{13,14}$/ },
  { id: 12, name: '申通快递', code: 'shentong', pattern: /^\d{12,15}$/ },
  { id: 13, name: '韵达快递', code: 'yunda', pattern: /^\d{13,15}$/ },
  { id: 15, name: '京东快递', code: 'jd', pattern: /^JD[A-Z0-9]{11,15}$/ },
  { id: 16, name: 'EMS', code: 'ems', pattern: /^([A-Z]{2}\d{9}CN|\d{13})$/ },
  { id: 1217, name: '极兔速递', code: 'jtexpress', pattern: /^JT\d{13}$/ },
] as const;

const fail = (code: number, msg: string, subCode: string, subMsg: string): ApiOutcome => ({ ok: false, code, msg, subCode, subMsg });
const business = (sub: string, subMsg: string): ApiOutcome => fail(50002, '业务处理失败', `isv.business-failed:${sub}`, subMsg);

// §11.7 / §11.8 sub_codes.
const REFUSALS: Record<'first' | 'correct', Record<ShipRefusal, ApiOutcome>> = {
  first: {
    'not-paid': business('60137', '订单未支付，禁止发货'),
    closed: business('60021', '订单已取消，禁止发货'),
    'refund-pending': business('60040', '发货订单中有退款申请需要处理'),
    'already-shipped': business('60110', '订单已发货，不允许再次执行发货'),
    'not-shipped': business('60110', '订单已发货，不允许再次执行发货'),
    'waybill-used': business('70022', '物流单号已被其他订单使用，且收货人手机号/收货地址不一致'),
  },
  correct: {
    'not-paid': business('10007', '此订单状态不允许重新发货'),
    closed: business('60021', '订单状态不允许重新发货'),
    'refund-pending': business('10007', '此订单状态不允许重新发货'),
    'already-shipped': business('10007', '此订单状态不允许重新发货'),
    'not-shipped': business('10007', '此订单状态不允许重新发货'),
    'waybill-used': business('70013', '物流单号校验失败'),
  },
};

const registers = new WeakMap<object, WaybillRegister>();

export function isLogisticsMethod(method: string): boolean {
  return method === 'order.logisticsAdd' || method === 'order.logisticsEdit' || method === 'order.logisticsCompanyList';
}

export function logisticsMethod(method: string, params: Record<string, JsonValue>, storyOf: (id: string) => OrderStory | undefined, now: number, owner: object): ApiOutcome {
  if (method === 'order.logisticsCompanyList') {
    const data = DOUYIN_COMPANIES.map(({ id, name, code }) => ({ id, name, code }));
    return { ok: true, dataText: JSON.stringify(data), orders: 0 };
  }
  const orderId = typeof params.order_id === 'string' ? params.order_id : params.order_id === undefined ? '' : String(params.order_id);
  if (!orderId) return fail(40004, '缺少必选参数', 'isv.missing-parameter:60011', 'order_id 不能为空');
  const code = typeof params.company_code === 'string' ? params.company_code : '';
  if (!code) return fail(40004, '缺少必选参数', 'isv.missing-parameter:60011', '物流公司编码不允许为空');
  const waybillNo = typeof params.logistics_code === 'string' ? params.logistics_code : '';
  const company = DOUYIN_COMPANIES.find((c) => c.code === code);
  if (!company) return business('60018', '暂不支持该物流公司或物流商已失效');
  if (!company.pattern.test(waybillNo)) return business(method === 'order.logisticsAdd' ? '60017' : '70013', '物流单号不符合规则');
  const story = storyOf(orderId);
  if (!story) return business('60033', '订单不存在');
  let register = registers.get(owner);
  if (!register) registers.set(owner, (register = new WaybillRegister()));
  const mode = method === 'order.logisticsAdd' ? 'first' : 'correct';
  const outcome = sellerShip(story, now, { carrierName: company.name, carrierCode: company.code, waybillNo }, mode, register);
  if (!outcome.ok) return REFUSALS[mode][outcome.refusal];
  return { ok: true, dataText: '{}', orders: 0 };
}
