/**
 * Message pushes as the 抖店 platform sends them (protocols.md §12.2): HTTP POST of a JSON array of
 * `{tag, msg_id, data}` records, `data` itself a JSON string (p_id as a bare 19-digit number), signed
 * with header `event-sign` = md5(app_key + body + app_secret). One record per story event.
 */
import type { OrderStory, StoryVersion } from '../common/story.js';
import { paidFen } from '../common/story.js';
import { afterSaleId, messageId, shopOrderId, skuOrderIds } from './ids.js';
import { bare, type JsonValue, writeJson } from './json-text.js';
import { pushEventSign } from './signature.js';

/** Story event → push tag. [U] (§12.2): 101/102/105 are not established there; configurable. */
export const SIMULATOR_PUSH_TAGS: Record<StoryVersion['event'], string | null> = {
  create: '100',
  pay: '101',
  ship: '102',
  'partial-ship': '108',
  complete: '103',
  deliver: null, // Douyin sends no "delivered" trade message; logistics tracking carries it
  cancel: '106',
  'refund-request': '200',
  'refund-success': '206',
  'address-change': '105',
  memo: '113',
};

export interface PushRecord {
  tag: string;
  msg_id: string;
  data: string;
  at: number;
}

export interface PushReport {
  records: number;
  requests: number;
  msgIds: string[];
  replies: Array<{ status: number; body: string }>;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
/** §12.2 RefundCreated update_time is RFC3339 in Beijing time, e.g. 2022-09-02T10:27:50+08:00. */
const rfc3339 = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

function payload(story: OrderStory, v: StoryVersion, id: string, shopId: string): Record<string, JsonValue> {
  const sIds = skuOrderIds(id, story).map((s) => bare(s));
  const base = { p_id: bare(id), shop_id: bare(shopId) };
  const receiverMsg = () => ({
    name: `${v.receiver.name.slice(0, 1)}**`,
    tel: `${v.receiver.phone.slice(0, 3)}****${v.receiver.phone.slice(-4)}`,
    // §12.2: addr is a string holding the address object.
    addr: writeJson({ province: { name: v.receiver.province, id: '' }, city: { name: v.receiver.city, id: '' }, town: { name: v.receiver.district, id: '' }, street: { name: '', id: '' }, detail: `${v.receiver.address.slice(0, 4)}****` }),
  });
  switch (v.event) {
    case 'create':
      return { ...base, s_ids: sIds, order_status: 1, order_type: 0, biz: 8, create_time: seconds(v.at) };
    case 'pay':
      return { ...base, s_ids: sIds, order_status: 2, order_type: 0, biz: 8, pay_type: 1, pay_time: seconds(v.at), pay_amount: paidFen(story) };
    case 'ship':
    case 'partial-ship':
      return { ...base, s_ids: sIds, order_status: v.event === 'ship' ? 3 : 101, order_type: 0, update_time: seconds(v.at), receiver_msg: receiverMsg(), logistics_msg: { express_company_id: v.parcel?.carrierCode ?? '', logistics_code: v.parcel?.waybillNo ?? '' } };
    case 'complete':
      return { ...base, s_ids: sIds, order_status: 5, order_type: 0, complete_time: seconds(v.at) };
    case 'cancel':
      return { ...base, s_ids: sIds, order_status: 4, order_type: 0, biz: 8, cancel_time: seconds(v.at), cancel_reason: '不想要了' };
    case 'refund-request':
    case 'refund-success':
      return {
        ...base,
        s_id: sIds[0]!,
        aftersale_id: bare(afterSaleId(id)),
        aftersale_status: v.event === 'refund-request' ? 6 : 12,
        aftersale_type: 2, // stories refund before shipment: 发货前退款
        refund_amount: paidFen(story),
        refund_post_amount: story.shippingFen,
        reason_code: 1,
        apply_time: seconds(v.at),
        update_time: rfc3339(v.at),
      };
    case 'address-change':
      return { ...base, s_ids: sIds, order_status: 2, order_type: 0, update_time: seconds(v.at), receiver_msg: receiverMsg() };
    default:
      return { ...base, remark: v.sellerMemo ?? '', star: 0, update_time: seconds(v.at) };
  }
}

/** Records for every story event in (after, upTo], oldest first. */
export function pushRecords(stories: readonly OrderStory[], seed: number, shopId: string, after: number, upTo: number, tags = SIMULATOR_PUSH_TAGS): PushRecord[] {
  const out: PushRecord[] = [];
  for (const story of stories) {
    const id = shopOrderId(seed, story.n);
    story.versions.forEach((v, i) => {
      const tag = tags[v.event];
      if (tag === null || v.at <= after || v.at > upTo) return;
      out.push({ tag, msg_id: messageId(story, i), data: writeJson(payload(story, v, id, shopId)), at: v.at });
    });
  }
  return out.sort((a, b) => a.at - b.at || (a.msg_id < b.msg_id ? -1 : 1));
}

/** POST records in batches as the platform does; each body signed on its exact bytes. */
export async function sendPushes(url: string, records: ReadonlyArray<Omit<PushRecord, 'at'>>, appKey: string, secret: string, batchSize: number): Promise<PushReport> {
  const report: PushReport = { records: records.length, requests: 0, msgIds: records.map((r) => r.msg_id), replies: [] };
  for (let i = 0; i < records.length; i += batchSize) {
    const body = JSON.stringify(records.slice(i, i + batchSize).map((r) => ({ tag: r.tag, msg_id: r.msg_id, data: r.data })));
    const res = await fetch(url, {
      method: 'POST',
      // event-sign §12.2 [V]; app-id and sign-method as third-party SDKs send them [S].
      headers: { 'content-type': 'application/json', 'event-sign': pushEventSign(appKey, body, secret), 'app-id': appKey, 'sign-method': 'MD5' },
      body,
    });
    report.requests++;
    report.replies.push({ status: res.status, body: await res.text() });
  }
  return report;
}
