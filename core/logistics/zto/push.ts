/**
 * ZTO trace push (protocols.md §5.2 [S], captured log in the ZOP doc): form fields `data` (one trace
 * as a JSON object; a JSON list is accepted too), `data_digest`, `company_id` (the app key),
 * `msg_type=Traces`. `data_digest` is checked as Base64(MD5_raw(data + appSecret)) [U]; the ack body
 * is configurable [U].
 */
import { timingSafeEqual } from 'node:crypto';
import { formFields, str } from '../partner-http.js';
import { CarrierError, type CarrierPushOutcome, type CarrierPushRequest, type TrackingResult } from '../types.js';
import type { ZtoCredentials, ZtoOptions } from './config.js';
import { ztoDigest } from './sign.js';
import { ztoTraceEvent } from './traces.js';

export function createZtoPushParser(credentials: ZtoCredentials, options: ZtoOptions): (request: CarrierPushRequest) => CarrierPushOutcome {
  return (request) => {
    const form = formFields(request.body);
    const data = form.get('data');
    const digest = form.get('data_digest') ?? '';
    const raw = request.body.toString('utf8');
    if (data === undefined) throw new CarrierError('malformed', 'ZTO push: no "data" field', { raw: raw.slice(0, 2000) });
    if (form.get('company_id') !== credentials.appKey || !same(digest, ztoDigest(data, credentials.appSecret))) {
      throw new CarrierError('auth', 'ZTO push: company_id or data_digest does not match this app', { code: 'data_digest', raw: raw.slice(0, 2000) });
    }
    if ((form.get('msg_type') ?? '') !== options.pushMsgType) throw new CarrierError('malformed', `ZTO push: unexpected msg_type ${JSON.stringify(form.get('msg_type'))}`, { raw: raw.slice(0, 2000) });
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (err) {
      throw new CarrierError('malformed', `ZTO push: data is not JSON: ${(err as Error).message}`, { raw: data.slice(0, 2000) });
    }
    const items = (Array.isArray(parsed) ? parsed : [parsed]) as unknown[];
    const byNo = new Map<string, TrackingResult>();
    for (const item of items) {
      if (typeof item !== 'object' || item === null) throw new CarrierError('malformed', 'ZTO push: a trace is not an object', { raw: data.slice(0, 2000) });
      const no = str((item as Record<string, unknown>).billCode);
      if (!no) throw new CarrierError('malformed', 'ZTO push: a trace without billCode', { raw: data.slice(0, 2000) });
      const result = byNo.get(no) ?? { partner: 'zto', carrier: 'ZTO', waybillNo: no, events: [], raw: data };
      result.events.push(ztoTraceEvent(item as Record<string, unknown>, options));
      byNo.set(no, result);
    }
    return { results: [...byNo.values()], reply: { status: 200, contentType: 'application/json;charset=UTF-8', body: options.pushAck } };
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
