/**
 * Douyin write-back (protocols.md §11.7–§11.9): `order.logisticsAdd` ships the whole parent order,
 * `order.logisticsEdit` corrects it; company codes from `order.logisticsCompanyList`, whose wire shape
 * (`data:[…]` or `data:{data:[…]}`) is unconfirmed [U], so both are read.
 */
import { callDouyin } from '../douyin/client.js';
import type { ShopContext } from '../types.js';
import { companiesOf, matchCompany, type PlatformCompany } from './companies.js';
import { refusedOrThrow } from './taobao.js';
import type { WaybillWriteBack, WriteBackOutcome } from './types.js';

const ADD = 'order.logisticsAdd'; // §11.7
const EDIT = 'order.logisticsEdit'; // §11.8
const COMPANIES = 'order.logisticsCompanyList'; // §11.9

export async function douyinWriteBack(shop: ShopContext, request: WaybillWriteBack): Promise<WriteBackOutcome> {
  const call = request.mode === 'ship' ? ADD : EDIT;
  const list = await companiesOf(`douyin:${shop.shopId}`, shop.env.now(), async () => {
    const answer = await callDouyin(shop, COMPANIES, {});
    const data = answer.data as unknown;
    const items = Array.isArray(data) ? data : Array.isArray((data as { data?: unknown } | null)?.data) ? (data as { data: unknown[] }).data : [];
    return items.map((c): PlatformCompany => {
      const item = c as Record<string, unknown>;
      return { key: String(item.code ?? ''), code: String(item.code ?? ''), name: String(item.name ?? ''), available: true };
    });
  });
  const company = matchCompany(list, request.carrier, 'douyin');
  if (!company) return { status: 'no-company', call, message: `抖店物流公司列表中没有 ${request.carrier} (no Douyin company for ${request.carrier})` };
  try {
    const answer = await callDouyin(shop, call, { order_id: request.platformOrderId, company_code: company.key, logistics_code: request.waybillNo });
    return { status: 'sent', call, companyCode: company.key, requestId: answer.logId ?? null, raw: answer.text };
  } catch (err) {
    return refusedOrThrow(err, call);
  }
}
