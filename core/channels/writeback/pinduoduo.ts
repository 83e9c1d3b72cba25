/**
 * Pinduoduo write-back (protocols.md §11.5–§11.6): `pdd.logistics.online.send`, `redelivery_type` 1
 * for a first ship and 2 for a correction; `logistics_id` from `pdd.logistics.companies.get`, where
 * only `available: 1` companies may be used.
 */
import { callPdd } from '../pinduoduo/client.js';
import { DEFAULT_PDD_ERROR_CODES, type PddErrorCodes } from '../pinduoduo/protocol.js';
import type { ShopContext } from '../types.js';
import { companiesOf, matchCompany, type PlatformCompany } from './companies.js';
import { refusedOrThrow } from './taobao.js';
import type { WaybillWriteBack, WriteBackOutcome } from './types.js';

const SEND = 'pdd.logistics.online.send'; // §11.5
const COMPANIES = 'pdd.logistics.companies.get'; // §11.6

export async function pinduoduoWriteBack(shop: ShopContext, request: WaybillWriteBack, codes: PddErrorCodes = DEFAULT_PDD_ERROR_CODES): Promise<WriteBackOutcome> {
  const list = await companiesOf(`pdd:${shop.shopId}`, shop.env.now(), async () => {
    const answer = await callPdd(shop, COMPANIES, {}, codes);
    const root = answer.body.logistics_companies_get_response as { logistics_companies?: unknown } | undefined;
    return (Array.isArray(root?.logistics_companies) ? root.logistics_companies : []).map((c: Record<string, unknown>): PlatformCompany => ({
      key: String(c.id),
      code: String(c.code ?? ''),
      name: String(c.logistics_company ?? ''),
      available: Number(c.available) === 1,
    }));
  });
  // Pinduoduo's own codes resemble Taobao's (SF, ZTO …); names decide otherwise.
  const company = matchCompany(list, request.carrier, 'taobao');
  if (!company) return { status: 'no-company', call: SEND, message: `拼多多可用快递公司中没有 ${request.carrier} (no available Pinduoduo company for ${request.carrier})` };
  try {
    const answer = await callPdd(
      shop,
      SEND,
      { order_sn: request.platformOrderId, logistics_id: company.key, tracking_number: request.waybillNo, redelivery_type: request.mode === 'ship' ? 1 : 2 },
      codes,
    );
    const root = answer.body.logistics_online_send_response as { is_success?: unknown } | undefined;
    if (root?.is_success !== true) return { status: 'refused', call: SEND, code: 'is_success=false', message: '平台未确认发货 (is_success is not true)', requestId: null, raw: answer.text };
    return { status: 'sent', call: SEND, companyCode: company.key, requestId: null, raw: answer.text };
  } catch (err) {
    return refusedOrThrow(err, SEND);
  }
}
