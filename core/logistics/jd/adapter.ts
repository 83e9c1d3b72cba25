/**
 * JD Logistics trace query (protocols.md §5.3). LOP: `POST {host}{path}?LOP-DN&app_key&access_token&
 * timestamp&v=2.0&sign&algorithm=md5-salt` with a JSON body (sign covers path and body). JOS:
 * `GET routerjson` with `method`, `360buy_param_json` and the TOP-like sign; answer root
 * `jingdong_ldop_receive_trace_get_responce` (JD's spelling) → `querytrace_result` `{code:100,
 * messsage, data:[{opeTitle, opeRemark, opeName, opeTime "yyyy/MM/dd HH:mm:ss", waybillCode}]}` [S].
 * JD pushes nothing we subscribe to here: poll only.
 */
import { formatBeijing, parseCarrierTime, parseJsonObject, send, str } from '../partner-http.js';
import { CarrierError, type CarrierAdapter, type CarrierEvent, type TrackingQuery, type TrackingResult } from '../types.js';
import type { JdAdapterConfig, JdOptions } from './config.js';
import { josSign, lopSign } from './sign.js';
import { mapJdTitle } from './titles.js';

const V = '2.0'; // §5.3

export function dig(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function lopRequest(config: JdAdapterConfig, q: TrackingQuery): { url: string; body: string } {
  const { credentials: c, options: o } = config;
  const param = { waybillCode: q.waybillNo, customerCode: c.customerCode, ...(q.phoneTail ? { phone: q.phoneTail } : {}) };
  const body = JSON.stringify(o.lopBodyAsArray ? [param] : param);
  const timestamp = formatBeijing(config.env.now());
  const sign = lopSign({ accessToken: c.accessToken, appKey: c.appKey, path: o.lopPath, body, timestamp, v: V }, c.appSecret);
  const query = new URLSearchParams({ 'LOP-DN': o.lopDn, app_key: c.appKey, access_token: c.accessToken, timestamp, v: V, sign, algorithm: 'md5-salt' });
  return { url: `${config.host.replace(/\/+$/, '')}${o.lopPath}?${query}`, body };
}

export function josRequest(config: JdAdapterConfig, q: TrackingQuery): string {
  const { credentials: c, options: o } = config;
  const params: Record<string, string> = {
    method: o.josMethod, v: V, access_token: c.accessToken, app_key: c.appKey, timestamp: formatBeijing(config.env.now()),
    '360buy_param_json': JSON.stringify({ customerCode: c.customerCode, waybillCode: q.waybillNo }),
  };
  params.sign = josSign(params, c.appSecret);
  return `${o.josUrl}?${new URLSearchParams(params)}`;
}

function traceEvent(item: Record<string, unknown>, f: { time: string; title: string; remark: string; location: string }, options: Pick<JdOptions, 'titleStates'>, raw: string): CarrierEvent {
  const occurredAt = parseCarrierTime(item[f.time]);
  if (occurredAt === null) throw new CarrierError('malformed', `JD trace: ${f.time} ${JSON.stringify(item[f.time])} is not a time`, { raw: raw.slice(0, 2000) });
  const title = str(item[f.title]);
  return { occurredAt, ...mapJdTitle(title, options.titleStates), description: str(item[f.remark]) || title, location: str(item[f.location]) || null };
}

export function parseLopAnswer(text: string, config: Pick<JdAdapterConfig, 'options'>, waybillNo: string): TrackingResult {
  const f = config.options.lopFields;
  const body = parseJsonObject(text, 'JD LOP trace');
  const code = str(body[f.code]);
  if (!f.okCodes.includes(code)) {
    throw new CarrierError(config.options.errorKinds[code] ?? (code ? 'permanent' : 'malformed'), `JD LOP trace: ${code} ${str(body[f.message])}`.trim(), { code, message: str(body[f.message]), raw: text.slice(0, 2000) });
  }
  const list = dig(body, f.list) ?? [];
  if (!Array.isArray(list)) throw new CarrierError('malformed', `JD LOP trace: ${f.list} is not a list`, { raw: text.slice(0, 2000) });
  return { partner: 'jd', carrier: 'JD', waybillNo, events: list.map((i: Record<string, unknown>) => traceEvent(i, f, config.options, text)), raw: text };
}

export function parseJosAnswer(text: string, config: Pick<JdAdapterConfig, 'options'>, waybillNo: string): TrackingResult {
  const body = parseJsonObject(text, 'JD JOS trace');
  const err = body.error_response as Record<string, unknown> | undefined;
  if (err) {
    const code = str(err.code);
    throw new CarrierError(config.options.errorKinds[code] ?? 'permanent', `JD JOS: ${code} ${str(err.zh_desc) || str(err.en_desc)}`.trim(), { code, message: str(err.zh_desc) || str(err.en_desc), raw: text.slice(0, 2000) });
  }
  const root = body.jingdong_ldop_receive_trace_get_responce as Record<string, unknown> | undefined;
  const result = root?.querytrace_result as Record<string, unknown> | undefined;
  if (!result) throw new CarrierError('malformed', 'JD JOS: no jingdong_ldop_receive_trace_get_responce.querytrace_result', { raw: text.slice(0, 2000) });
  const code = str(result.code);
  if (code !== '100') {
    const message = str(result.messsage ?? result.message); // JD spells it "messsage"
    throw new CarrierError(config.options.errorKinds[code] ?? 'permanent', `JD JOS trace: ${code} ${message}`.trim(), { code, message, raw: text.slice(0, 2000) });
  }
  const list = result.data ?? [];
  if (!Array.isArray(list)) throw new CarrierError('malformed', 'JD JOS trace: data is not a list', { raw: text.slice(0, 2000) });
  // JOS trace items carry no place field ([S] field list): location stays null.
  const f = { time: 'opeTime', title: 'opeTitle', remark: 'opeRemark', location: '' };
  return { partner: 'jd', carrier: 'JD', waybillNo, events: list.map((i: Record<string, unknown>) => traceEvent(i, f, config.options, text)), raw: text };
}

export function createJdAdapter(config: JdAdapterConfig): CarrierAdapter {
  return {
    partner: 'jd',
    serves: (carrier) => carrier === 'JD',
    async query(q) {
      if (config.options.api === 'jos') {
        const answer = await send(config.env, 'JD JOS trace', josRequest(config, q), { method: 'GET' });
        return parseJosAnswer(answer.text, config, q.waybillNo);
      }
      const { url, body } = lopRequest(config, q);
      const answer = await send(config.env, 'JD LOP trace', url, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' }, body });
      return parseLopAnswer(answer.text, config, q.waybillNo);
    },
  };
}
