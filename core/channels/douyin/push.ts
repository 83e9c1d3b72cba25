/**
 * Douyin message push (§12.2), as a pure function the host's `/hooks/douyin` route calls with the
 * headers and the raw body bytes: verify `event-sign`, parse the JSON array of records, map tags to
 * events, and hand back the reply body the platform expects. No HTTP server here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseJsonLossless } from '../lossless-json.js';
import { idOf, isObject, textOf } from './fields.js';
import { DEFAULT_DOUYIN_PUSH_TAGS, type DouyinPushKind, EXPECTED_ORDER_STATUS, PRE_SHIPMENT_AFTERSALE_TYPE } from './push-tags.js';

export interface DouyinPushEvent {
  msgId: string;
  tag: string;
  kind: DouyinPushKind;
  /** `p_id` (父订单 / 店铺单 id) as a string; null for the connectivity test or when absent. */
  orderId: string | null;
  /** `data` parsed losslessly; for the connectivity test or undecodable data, the string as sent. */
  payload: unknown;
  /** refund-created with aftersale_type 2 (发货前退款, §12.2). */
  preShipmentRefund: boolean;
  warnings: string[];
}

export interface DouyinPushReply {
  code: number;
  msg: string;
}

/** §12.2: `DoudianOpMsgResponse.wrapSuccess()`. */
export const DOUYIN_PUSH_SUCCESS_REPLY: DouyinPushReply = { code: 0, msg: 'success' };

/** §12.2 gives the error shape `{"code":<n>,"msg":"…"}` but no codes ([U]); any non-zero code asks for a resend. */
export const DOUYIN_PUSH_ERROR_CODES = { signature: 40001, body: 40002 } as const;

export type DouyinPushResult =
  | { ok: true; events: DouyinPushEvent[]; reply: DouyinPushReply }
  | { ok: false; reason: 'signature' | 'body'; message: string; httpStatus: number; reply: DouyinPushReply };

export interface DouyinPushConfig {
  appKey: string;
  appSecret: string;
  /** Tag → kind; merged over DEFAULT_DOUYIN_PUSH_TAGS ([U]). */
  tags?: Record<string, DouyinPushKind>;
}

export type PushHeaders = Headers | Record<string, string | string[] | undefined>;

/** §12.2: md5_lowercase_hex(app_key + rawBody + app_secret), over the body's bytes. */
export function douyinPushSignature(appKey: string, rawBody: string | Uint8Array, appSecret: string): string {
  return createHash('md5').update(appKey, 'utf8').update(rawBody).update(appSecret, 'utf8').digest('hex');
}

export function verifyDouyinPush(headers: PushHeaders, rawBody: string | Uint8Array, config: DouyinPushConfig): DouyinPushResult {
  const given = Buffer.from(headerValue(headers, 'event-sign').trim().toLowerCase());
  const expected = Buffer.from(douyinPushSignature(config.appKey, rawBody, config.appSecret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const message = given.length ? 'event-sign does not match md5(app_key + body + app_secret)' : 'event-sign header is missing';
    return fail('signature', message, 401);
  }
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  let body: unknown;
  try {
    body = parseJsonLossless(text);
  } catch {
    return fail('body', 'body is not JSON', 400);
  }
  // §12.2: a JSON array of records; a lone record object is tolerated.
  const records = Array.isArray(body) ? body : isObject(body) ? [body] : null;
  if (!records) return fail('body', 'body is not a JSON array of {tag,msg_id,data}', 400);
  const tags = { ...DEFAULT_DOUYIN_PUSH_TAGS, ...config.tags };
  return { ok: true, events: records.map((r) => toEvent(r, tags)), reply: DOUYIN_PUSH_SUCCESS_REPLY };
}

function toEvent(record: unknown, tags: Readonly<Record<string, DouyinPushKind>>): DouyinPushEvent {
  const r = isObject(record) ? record : {};
  const tag = textOf(r.tag);
  const msgId = textOf(r.msg_id);
  const event: DouyinPushEvent = { msgId, tag, kind: tags[tag] ?? 'unknown', orderId: null, payload: r.data, preShipmentRefund: false, warnings: [] };
  if (!isObject(record)) return { ...event, kind: 'malformed', warnings: ['record is not an object'] };
  if (event.kind === 'connectivity-test') return event;
  let data = r.data;
  if (typeof data === 'string') {
    // §12.2: `data` is itself a JSON-encoded string.
    try {
      data = parseJsonLossless(data);
    } catch {
      return { ...event, kind: 'malformed', warnings: ['data is not a JSON string'] };
    }
  }
  if (!isObject(data)) return { ...event, kind: 'malformed', warnings: ['data is not a JSON object'] };
  event.payload = data;
  event.orderId = idOf(data.p_id);
  if (event.orderId === null && event.kind !== 'product-changed') event.warnings.push('p_id is missing');
  const expected = EXPECTED_ORDER_STATUS[event.kind];
  if (expected !== undefined && data.order_status !== undefined && Number(data.order_status) !== expected) {
    event.warnings.push(`tag ${tag} (${event.kind}) carries order_status ${String(data.order_status)}, expected ${expected}: check the tag table`);
  }
  event.preShipmentRefund = event.kind === 'refund-created' && Number(data.aftersale_type) === PRE_SHIPMENT_AFTERSALE_TYPE;
  return event;
}

function headerValue(headers: PushHeaders, name: string): string {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? '';
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return '';
}

function fail(reason: 'signature' | 'body', message: string, httpStatus: number): DouyinPushResult {
  return { ok: false, reason, message, httpStatus, reply: { code: DOUYIN_PUSH_ERROR_CODES[reason], msg: message } };
}

/**
 * Douyin may deliver a message more than once; `msg_id` names it. A bounded memory of recent ids
 * (oldest forgotten first) lets the host skip repeats; the store's idempotent ingestion is the
 * backstop for anything older.
 */
export class DouyinPushDeduper {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 50_000) {}

  /** True the first time a message is seen; the connectivity test is never a duplicate. */
  firstSeen(event: Pick<DouyinPushEvent, 'msgId' | 'tag' | 'kind'>): boolean {
    if (event.kind === 'connectivity-test') return true;
    const key = `${event.tag}:${event.msgId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  /** A message whose handling failed is forgotten, so Douyin's redelivery is processed. */
  forget(event: Pick<DouyinPushEvent, 'msgId' | 'tag'>): void {
    this.seen.delete(`${event.tag}:${event.msgId}`);
  }
}
