/**
 * Taobao write-back (protocols.md §11.1–§11.4): `taobao.logistics.offline.send` (自己联系发货) for a
 * first ship, `taobao.logistics.consign.resend` for a correction, companies from
 * `taobao.logistics.companies.get`.
 */
import { callTop } from '../taobao/client.js';
import type { SignMethod } from '../taobao/protocol.js';
import { PlatformError, type ShopContext } from '../types.js';
import { companiesOf, matchCompany, type PlatformCompany } from './companies.js';
import type { WaybillWriteBack, WriteBackOutcome } from './types.js';

const SHIP = 'taobao.logistics.offline.send'; // §11.1
const CORRECT = 'taobao.logistics.consign.resend'; // §11.2
const COMPANIES = 'taobao.logistics.companies.get'; // §11.3

export async function taobaoWriteBack(shop: ShopContext, request: WaybillWriteBack, signMethod: SignMethod = 'md5'): Promise<WriteBackOutcome> {
  const call = request.mode === 'ship' ? SHIP : CORRECT;
  const list = await companiesOf(`taobao:${shop.shopId}`, shop.env.now(), async () => {
    const answer = await callTop(shop, COMPANIES, { fields: 'id,code,name,reg_mail_no', order_mode: 'offline' }, { signMethod, withSession: false });
    const items = (answer.root.logistics_companies as { logistics_company?: unknown } | undefined)?.logistics_company;
    return (Array.isArray(items) ? items : []).map((c: Record<string, unknown>): PlatformCompany => ({ key: String(c.code), code: String(c.code), name: String(c.name ?? ''), available: true }));
  });
  const company = matchCompany(list, request.carrier, 'taobao');
  if (!company) return { status: 'no-company', call, message: `淘宝物流公司列表中没有 ${request.carrier} (no Taobao company for ${request.carrier})` };
  try {
    // `tid` travels as the exact digit string: it is 19 digits, beyond a double (§1.6).
    const answer = await callTop(shop, call, { tid: request.platformOrderId, out_sid: request.waybillNo, company_code: company.key }, { signMethod, withSession: true });
    const ok = (answer.root.shipping as { is_success?: unknown } | undefined)?.is_success === true;
    if (!ok) return { status: 'refused', call, code: 'is_success=false', message: '平台未确认发货 (shipping.is_success is not true)', requestId: requestIdOf(answer.root), raw: answer.text };
    return { status: 'sent', call, companyCode: company.key, requestId: requestIdOf(answer.root), raw: answer.text };
  } catch (err) {
    return refusedOrThrow(err, call);
  }
}

function requestIdOf(root: Record<string, unknown>): string | null {
  return typeof root.request_id === 'string' ? root.request_id : null;
}

/** Business refusals (§11.4 sub_codes) become an outcome; anything worth retrying is thrown. */
export function refusedOrThrow(err: unknown, call: string): WriteBackOutcome {
  if (err instanceof PlatformError && err.kind === 'permanent') {
    return {
      status: 'refused',
      call,
      code: err.platform.subCode ?? err.platform.code ?? 'unknown',
      message: err.platform.message ?? err.message,
      requestId: err.platform.requestId ?? null,
      raw: err.platform.raw ?? null,
    };
  }
  throw err;
}
