/**
 * SF Express route query `EXP_RECE_SEARCH_ROUTES` (protocols.md §5.1 [V]): form POST with
 * partnerID / requestID / serviceCode / timestamp / msgDigest / msgData to the std/service gateway;
 * answer `apiResultCode` A1000 = gateway success, then the business result inside the DOUBLE-encoded
 * `apiResultData` JSON string (`success` / `errorCode`, S0000 OK). Route push is configured in SF's
 * console and only covers orders placed through 丰桥 (RoutePushService doc), so there is no
 * subscribe call: poll for the rest.
 */
import { randomUUID } from 'node:crypto';
import { parseJsonObject, send, str } from '../partner-http.js';
import { CarrierError, type CarrierAdapter, type TrackingQuery, type TrackingResult } from '../types.js';
import type { SfAdapterConfig } from './config.js';
import { sfRouteEvent } from './routes.js';
import { sfMsgDigest } from './sign.js';

export const SF_ROUTE_SERVICE = 'EXP_RECE_SEARCH_ROUTES'; // protocols.md §5.1 [V]
export const SF_GATEWAY_OK = 'A1000'; // §5.1 [V]
export const SF_BUSINESS_OK = 'S0000'; // §5.1 [V]

/** The exact form fields of one route query (exported for the signing-vector test). */
export function sfRouteQueryForm(config: SfAdapterConfig, q: TrackingQuery, requestId: string = randomUUID()): Record<string, string> {
  const { options, credentials } = config;
  const msg: Record<string, unknown> = { language: options.language, trackingType: '1', trackingNumber: [q.waybillNo], methodType: options.methodType };
  if (q.phoneTail) msg.checkPhoneNo = q.phoneTail; // §5.1 [S]: required for big-network waybills not ordered by us
  const msgData = JSON.stringify(msg);
  const now = config.env.now();
  const timestamp = String(options.timestampUnit === 's' ? Math.floor(now / 1000) : now);
  return {
    partnerID: credentials.partnerId,
    requestID: requestId,
    serviceCode: SF_ROUTE_SERVICE,
    timestamp,
    msgDigest: sfMsgDigest(msgData, timestamp, credentials.checkWord),
    msgData,
  };
}

export function parseSfRouteAnswer(text: string, config: Pick<SfAdapterConfig, 'options'>, waybillNo: string): TrackingResult {
  const who = 'SF EXP_RECE_SEARCH_ROUTES';
  const outer = parseJsonObject(text, who);
  const gateway = str(outer.apiResultCode);
  if (gateway !== SF_GATEWAY_OK) {
    const kind = config.options.gatewayErrorKinds[gateway] ?? (gateway ? 'permanent' : 'malformed');
    throw new CarrierError(kind, `${who}: gateway ${gateway || '(no apiResultCode)'} ${str(outer.apiErrorMsg)}`.trim(), { code: gateway, message: str(outer.apiErrorMsg), raw: text.slice(0, 2000) });
  }
  // apiResultData is a JSON string on the real gateway; karrio's fixture holds the object itself.
  const inner = typeof outer.apiResultData === 'string' ? parseJsonObject(outer.apiResultData, `${who} apiResultData`) : outer.apiResultData;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new CarrierError('malformed', `${who}: apiResultData missing`, { raw: text.slice(0, 2000) });
  return parseSfBusiness(inner as Record<string, unknown>, text, config, waybillNo);
}

/** The business layer (`success`, `errorCode`, `msgData.routeResps`) — also the shape of karrio's fixture. */
export function parseSfBusiness(inner: Record<string, unknown>, raw: string, config: Pick<SfAdapterConfig, 'options'>, waybillNo: string): TrackingResult {
  const who = 'SF EXP_RECE_SEARCH_ROUTES';
  if (inner.success !== true) {
    const code = str(inner.errorCode);
    throw new CarrierError(config.options.businessErrorKinds[code] ?? 'permanent', `${who}: ${code} ${str(inner.errorMsg)}`.trim(), { code, message: str(inner.errorMsg), raw: raw.slice(0, 2000) });
  }
  const msgData = inner.msgData as { routeResps?: unknown } | null | undefined;
  const resps = Array.isArray(msgData?.routeResps) ? (msgData.routeResps as Record<string, unknown>[]) : null;
  if (!resps) throw new CarrierError('malformed', `${who}: msgData.routeResps is not a list`, { raw: raw.slice(0, 2000) });
  const mine = resps.filter((r) => str(r.mailNo) === waybillNo);
  const events = (mine.length ? mine : resps).flatMap((r) => (Array.isArray(r.routes) ? (r.routes as Record<string, unknown>[]) : []).map((route) => sfRouteEvent(route, config.options.statusNames)));
  return { partner: 'sf', carrier: 'SF', waybillNo, events, raw };
}

export function createSfAdapter(config: SfAdapterConfig): CarrierAdapter {
  return {
    partner: 'sf',
    serves: (carrier) => carrier === 'SF',
    async query(q) {
      const form = sfRouteQueryForm(config, q);
      const answer = await send(config.env, 'SF EXP_RECE_SEARCH_ROUTES', config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams(form).toString(),
      });
      return parseSfRouteAnswer(answer.text, config, q.waybillNo);
    },
  };
}
