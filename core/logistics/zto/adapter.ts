/**
 * ZTO ZOP new-style calls (protocols.md §5.2 [S]): `POST {host}/{api}` with a JSON body, headers
 * `x-appKey` and `x-dataDigest = Base64(MD5_raw(body + appSecret))`. Answers
 * `{"status":true,"statusCode":…,"message":…,"result":…}`; a false status carries ZTO's error code
 * (S206/S221 throttled, S211 bad signature, E416 not a ZTO number, …). Subscribing takes no callback
 * URL: ZTO pushes to the address configured on the ZOP app.
 */
import { parseJsonObject, send, str } from '../partner-http.js';
import { CarrierError, type CarrierAdapter, type TrackingQuery, type TrackingResult } from '../types.js';
import type { ZtoAdapterConfig } from './config.js';
import { ztoDigest } from './sign.js';
import { ztoTraceEvent } from './traces.js';

export async function callZto(config: ZtoAdapterConfig, api: string, payload: Record<string, unknown>): Promise<{ body: Record<string, unknown>; text: string }> {
  const body = JSON.stringify(payload);
  const who = `ZTO ${api}`;
  const answer = await send(config.env, who, `${config.host.replace(/\/+$/, '')}/${api}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-appKey': config.credentials.appKey, 'x-dataDigest': ztoDigest(body, config.credentials.appSecret) },
    body,
  });
  const parsed = parseJsonObject(answer.text, who);
  if (parsed.status !== true) {
    const code = str(parsed.statusCode);
    throw new CarrierError(config.options.errorKinds[code] ?? 'permanent', `${who}: ${code} ${str(parsed.message)}`.trim(), { code, message: str(parsed.message), raw: answer.text.slice(0, 2000) });
  }
  return { body: parsed, text: answer.text };
}

function queryPayload(config: ZtoAdapterConfig, q: TrackingQuery): Record<string, unknown> {
  const f = config.options.query;
  return { [f.billCode]: q.waybillNo, ...(q.phoneTail ? { [f.phone]: q.phoneTail } : {}) };
}

export function parseZtoQuery(body: Record<string, unknown>, text: string, config: Pick<ZtoAdapterConfig, 'options'>, waybillNo: string): TrackingResult {
  const list = body[config.options.query.list];
  if (list !== null && list !== undefined && !Array.isArray(list)) throw new CarrierError('malformed', `ZTO track query: "${config.options.query.list}" is not a list`, { raw: text.slice(0, 2000) });
  const events = ((list ?? []) as Record<string, unknown>[]).map((item) => ztoTraceEvent(item, config.options));
  return { partner: 'zto', carrier: 'ZTO', waybillNo, events, raw: text };
}

export function createZtoAdapter(config: ZtoAdapterConfig): CarrierAdapter {
  return {
    partner: 'zto',
    serves: (carrier) => carrier === 'ZTO',
    async query(q) {
      const { body, text } = await callZto(config, config.options.queryApi, queryPayload(config, q));
      return parseZtoQuery(body, text, config, q.waybillNo);
    },
    async subscribe(q) {
      const { body } = await callZto(config, config.options.subscribeApi, queryPayload(config, q));
      return { ok: true, detail: `${str(body.statusCode)} ${str(body.message)}`.trim() };
    },
  };
}
