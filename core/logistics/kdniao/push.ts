/**
 * Kdniao push (protocols.md §5.5, RequestType 101 轨迹推送 / 102 增值推送): form POST `RequestData`
 * (JSON `{"EBusinessID","PushTime","Count","Data":[…]}`), `DataSign`, `RequestType`. DataSign is
 * checked with our AppKey. Each push carries the waybill's whole trail again (全量推送), so
 * duplicates are normal and the engine's dedupe drops them. Ack body [U] (§5.5):
 * `{"EBusinessID":…,"UpdateTime":"yyyy-MM-dd HH:mm:ss","Success":true,"Reason":""}`.
 */
import { timingSafeEqual } from 'node:crypto';
import { formatBeijing, formFields, str } from '../partner-http.js';
import { CarrierError, type CarrierPushOutcome, type CarrierPushRequest } from '../types.js';
import type { KdniaoCredentials, KdniaoOptions } from './config.js';
import { kdniaoDataSign } from './sign.js';
import { kdniaoResult } from './traces.js';

export function createKdniaoPushParser(credentials: KdniaoCredentials, options: Pick<KdniaoOptions, 'pushRequestTypes'>, now: () => number): (request: CarrierPushRequest) => CarrierPushOutcome {
  return (request) => {
    const form = formFields(request.body);
    const data = form.get('RequestData');
    const raw = request.body.toString('utf8');
    if (data === undefined) throw new CarrierError('malformed', 'Kdniao push: no RequestData', { raw: raw.slice(0, 2000) });
    const sign = form.get('DataSign') ?? '';
    const want = kdniaoDataSign(data, credentials.appKey);
    if (!(sign.length === want.length && timingSafeEqual(Buffer.from(sign), Buffer.from(want)))) throw new CarrierError('auth', 'Kdniao push: DataSign does not match our AppKey', { code: 'DataSign', raw: raw.slice(0, 2000) });
    const type = form.get('RequestType') ?? '';
    if (!options.pushRequestTypes.includes(type)) throw new CarrierError('malformed', `Kdniao push: RequestType ${JSON.stringify(type)} is not a tracking push`, { raw: raw.slice(0, 2000) });
    let body: { Data?: unknown };
    try {
      body = JSON.parse(data) as { Data?: unknown };
    } catch (err) {
      throw new CarrierError('malformed', `Kdniao push: RequestData is not JSON: ${(err as Error).message}`, { raw: data.slice(0, 2000) });
    }
    if (!Array.isArray(body?.Data)) throw new CarrierError('malformed', 'Kdniao push: Data is not a list', { raw: data.slice(0, 2000) });
    const results = (body.Data as Record<string, unknown>[]).map((item) => {
      if (typeof item !== 'object' || item === null || !str(item.LogisticCode)) throw new CarrierError('malformed', 'Kdniao push: a Data item without LogisticCode', { raw: data.slice(0, 2000) });
      return kdniaoResult(item, data);
    });
    const ack = { EBusinessID: credentials.eBusinessId, UpdateTime: formatBeijing(now()), Success: true, Reason: '' };
    return { results, reply: { status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(ack) } };
  };
}
