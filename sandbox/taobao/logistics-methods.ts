/**
 * Simulated TOP ship write-back (protocols.md §11.1–§11.4): `taobao.logistics.offline.send`,
 * `taobao.logistics.consign.resend` and `taobao.logistics.companies.get`, with the error sub_codes
 * the fact sheet lists. Company codes and `reg_mail_no` regexes are the simulator's own table.
 */
import { sellerShip, type ShipRefusal, WaybillRegister } from '../common/seller-ship.js';
import { TopFault, type TopErrorSpec } from './top-errors.js';
import type { TradeBook } from './trade-book.js';

interface Ctx {
  book: TradeBook;
  now: number;
  requestId: string;
}
type Form = ReadonlyMap<string, string>;

/** §11.3 items: `reg_mail_no` is the platform's waybill regex for the company. */
export const TAOBAO_COMPANIES = [
  { id: 505, code: 'SF', name: '顺丰速运', reg_mail_no: '^SF[0-9]{12,13}$' },
  { id: 500, code: 'ZTO', name: '中通快递', reg_mail_no: '^[0-9]{12,15}$' },
  { id: 101, code: 'YTO', name: '圆通速递', reg_mail_no: '^YT[0-9]{13,14}$' },
  { id: 100, code: 'STO', name: '申通快递', reg_mail_no: '^[0-9]{12,15}$' },
  { id: 102, code: 'YUNDA', name: '韵达快递', reg_mail_no: '^[0-9]{13,15}$' },
  { id: 2, code: 'EMS', name: 'EMS', reg_mail_no: '^([A-Z]{2}[0-9]{9}CN|[0-9]{13})$' },
  { id: 5000000110730, code: 'JD', name: '京东快递', reg_mail_no: '^JD[A-Z0-9]{11,15}$' },
  { id: 1216000000124268, code: 'HTKY', name: '极兔速递', reg_mail_no: '^JT[0-9]{13}$' },
] as const;

const fault = (sub: string, msg: string): TopErrorSpec => ({ code: 15, msg: 'Remote service error', sub_code: sub, sub_msg: msg });

// §11.4 sub_codes, verbatim where the fact sheet has them.
const OFFLINE = 'isv.logistics-offline-service-error';
const UPDATE = 'isv.logistics-update-company-or-mailno-error';
const REFUSALS: Record<'first' | 'correct', Record<ShipRefusal, TopErrorSpec>> = {
  first: {
    'not-paid': fault(`${OFFLINE}:B04`, '订单状态不对该物流订单已经发货或者已关闭，不能重复发货'),
    closed: fault(`${OFFLINE}:B04`, '订单状态不对该物流订单已经发货或者已关闭，不能重复发货'),
    'refund-pending': fault(`${OFFLINE}:B04`, '订单状态不对该物流订单已经发货或者已关闭，不能重复发货'),
    'already-shipped': fault(`${OFFLINE}:B04`, '订单状态不对该物流订单已经发货或者已关闭，不能重复发货'),
    'not-shipped': fault(`${OFFLINE}:B04`, '订单状态不对'),
    'waybill-used': fault(`${OFFLINE}:B60`, '运单号不符合规则或已经被使用'),
  },
  correct: {
    'not-paid': fault(`${UPDATE}:CD19`, '订单未发货'),
    closed: fault(`${UPDATE}:P08`, '该订单不支持修改'),
    'refund-pending': fault(`${UPDATE}:P08`, '该订单不支持修改'),
    'already-shipped': fault(`${UPDATE}:P07`, '未作修改'),
    'not-shipped': fault(`${UPDATE}:CD19`, '订单未发货'),
    'waybill-used': fault(`${OFFLINE}:B60`, '运单号不符合规则或已经被使用'),
  },
};

const registers = new WeakMap<TradeBook, WaybillRegister>();
function registerOf(book: TradeBook): WaybillRegister {
  let r = registers.get(book);
  if (!r) registers.set(book, (r = new WaybillRegister()));
  return r;
}

function ship(mode: 'first' | 'correct', root: string) {
  return (form: Form, ctx: Ctx): string => {
    const tid = form.get('tid');
    if (!tid) throw new TopFault({ code: 40, msg: 'Missing required arguments:tid' });
    const outSid = form.get('out_sid');
    if (!outSid) throw new TopFault({ code: 40, msg: 'Missing required arguments:out_sid' }); // §11.1 [S]
    const code = form.get('company_code');
    if (!code) throw new TopFault(fault(`${OFFLINE}:B56`, '没有选择物流公司'));
    const company = TAOBAO_COMPANIES.find((c) => c.code === code);
    if (!company) throw new TopFault(mode === 'first' ? fault(`${OFFLINE}:B57`, '该物流公司不支持自己联系') : fault(`${UPDATE}:P03`, '无效的物流公司'));
    if (!new RegExp(company.reg_mail_no).test(outSid)) throw new TopFault(fault(`${OFFLINE}:B60`, '运单号不符合规则或已经被使用'));
    const trade = ctx.book.find(tid, ctx.now);
    if (!trade) throw new TopFault(fault(`${OFFLINE}:B01`, '订单不存在'));
    const outcome = sellerShip(trade.story, ctx.now, { carrierName: company.name, carrierCode: company.code, waybillNo: outSid }, mode, registerOf(ctx.book));
    if (!outcome.ok) throw new TopFault(REFUSALS[mode][outcome.refusal]);
    return JSON.stringify({ [root]: { shipping: { is_success: true }, request_id: ctx.requestId } });
  };
}

export const offlineSend = ship('first', 'logistics_offline_send_response');
export const consignResend = ship('correct', 'logistics_consign_resend_response');

export function companiesGet(_form: Form, ctx: Ctx): string {
  return JSON.stringify({ logistics_companies_get_response: { logistics_companies: { logistics_company: TAOBAO_COMPANIES }, request_id: ctx.requestId } });
}
