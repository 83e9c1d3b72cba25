/**
 * SF RoutePushService (丰桥 路由推送, showdoc mirror of the official doc [S]; real samples in
 * fixtures sf-route-push-request.json/.xml). Two request methods, chosen in SF's console:
 * - "json": `application/json` body `{"Body":{"WaybillRoute":[…]}}`; reply JSON
 *   `{"return_code":"0000","return_msg":"成功"}` (`1000` = failed → SF pushes again).
 * - "form": `content=<URL-encoded XML>` `<Request service="RoutePushService"><Body><WaybillRoute …/>`;
 *   reply XML `<Response service="RoutePushService"><Head>OK</Head></Response>`.
 * SF signs no push. When `pushToken` is configured the registered URL carries `?token=…` and a
 * push without it is refused (fail closed when the host gives no URL).
 */
import { timingSafeEqual } from 'node:crypto';
import { header, str } from '../partner-http.js';
import { CarrierError, type CarrierPushOutcome, type CarrierPushRequest, type TrackingResult } from '../types.js';
import type { SfOptions } from './config.js';
import { sfRouteEvent } from './routes.js';

export const SF_PUSH_REPLY_JSON_OK = '{"return_code":"0000","return_msg":"成功"}';
export const SF_PUSH_REPLY_XML_OK = '<Response service="RoutePushService"><Head>OK</Head></Response>';

/** The reply that makes SF push again (JSON `1000`, XML `ERR` [S]); for the host when parsing failed. */
export function sfPushFailureReply(form: 'json' | 'xml', message: string): CarrierPushOutcome['reply'] {
  return form === 'json'
    ? { status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify({ return_code: '1000', return_msg: message }) }
    : { status: 200, contentType: 'text/xml;charset=UTF-8', body: `<Response service="RoutePushService"><Head>ERR</Head><ERROR code="1000">${escapeXml(message)}</ERROR></Response>` };
}

/** The push request with the URL it arrived at (path + query), which carries our `token`. */
export type SfPushRequest = CarrierPushRequest & { url?: string };

export function createSfPushParser(options: Pick<SfOptions, 'pushToken' | 'statusNames'>): (request: SfPushRequest) => CarrierPushOutcome {
  return (request) => {
    if (options.pushToken) checkToken(request.url, options.pushToken);
    const text = request.body.toString('utf8');
    const isXml = isFormOrXml(request, text);
    const routes = isXml ? xmlRoutes(text) : jsonRoutes(text);
    return { results: groupByWaybill(routes, isXml ? xmlText(text) : text, options), reply: isXml ? { status: 200, contentType: 'text/xml;charset=UTF-8', body: SF_PUSH_REPLY_XML_OK } : { status: 200, contentType: 'application/json;charset=UTF-8', body: SF_PUSH_REPLY_JSON_OK } };
  };
}

function checkToken(url: string | undefined, token: string): void {
  const given = url ? new URL(url, 'http://host').searchParams.get('token') ?? '' : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CarrierError('auth', 'SF route push: missing or wrong token in the push URL');
}

function isFormOrXml(request: SfPushRequest, text: string): boolean {
  const type = header(request.headers, 'content-type') ?? '';
  if (/json/i.test(type)) return false;
  if (/x-www-form-urlencoded|xml/i.test(type)) return true;
  const t = text.trimStart();
  return t.startsWith('<') || t.startsWith('content=');
}

/** The XML document: `content` form field (URL-decoded), or a bare XML body. */
function xmlText(text: string): string {
  const t = text.trimStart();
  if (t.startsWith('<')) return t;
  const content = new URLSearchParams(text).get('content');
  if (!content) throw new CarrierError('malformed', 'SF route push: form body without a "content" field', { raw: text.slice(0, 2000) });
  return content;
}

function xmlRoutes(text: string): Record<string, unknown>[] {
  const xml = xmlText(text);
  if (!/<Request\b[^>]*>/.test(xml) || !/<\/Request>\s*$/.test(xml)) throw new CarrierError('malformed', 'SF route push: not a complete <Request> XML document', { raw: xml.slice(0, 2000) });
  const routes: Record<string, unknown>[] = [];
  for (const m of xml.matchAll(/<WaybillRoute\b([^>]*?)\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
    routes.push(attrs);
  }
  if (routes.length === 0) throw new CarrierError('malformed', 'SF route push: no <WaybillRoute> element', { raw: xml.slice(0, 2000) });
  return routes;
}

function jsonRoutes(text: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CarrierError('malformed', `SF route push: unparseable JSON: ${(err as Error).message}`, { raw: text.slice(0, 2000) });
  }
  const list = (parsed as { Body?: { WaybillRoute?: unknown } } | null)?.Body?.WaybillRoute;
  const routes = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : null;
  if (!routes || routes.length === 0) throw new CarrierError('malformed', 'SF route push: Body.WaybillRoute missing', { raw: text.slice(0, 2000) });
  return routes as Record<string, unknown>[];
}

function groupByWaybill(routes: Record<string, unknown>[], raw: string, options: Pick<SfOptions, 'statusNames'>): TrackingResult[] {
  const byNo = new Map<string, TrackingResult>();
  for (const route of routes) {
    const no = str(route.mailno ?? route.mailNo);
    if (!no) throw new CarrierError('malformed', 'SF route push: a WaybillRoute without mailno', { raw: raw.slice(0, 2000) });
    const result = byNo.get(no) ?? { partner: 'sf', carrier: 'SF', waybillNo: no, events: [], raw };
    result.events.push(sfRouteEvent(route, options.statusNames));
    byNo.set(no, result);
  }
  return [...byNo.values()];
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
