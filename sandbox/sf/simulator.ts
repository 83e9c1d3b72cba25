/**
 * SF 丰桥 std/service gateway on loopback HTTP (protocols.md §5.1): form POST, partnerID known,
 * msgDigest checked by its own code (signature.ts), EXP_RECE_SEARCH_ROUTES answered with the
 * double-encoded apiResultData. Route push (RoutePushService) to a callback URL in the "json" or
 * "form" (content=<URL-encoded XML>) method. Stages without a confirmed SF opCode are rendered with
 * the codes §5.1 lists as unconfirmed (70, 648, 99) and no status name — as real traffic would be.
 * [U] answers (wrong signature A1006, throttling) are knobs. Never imports core/.
 */
import { Rng } from '../common/rng.js';
import { type FaultKnobs, serve, type SimAnswer } from './http.js';
import { beijingText, generateJourneys, type Journey, type JourneyKind, type JourneyStep, pushOrder, type Stage, visibleSteps } from './journey.js';
import { expectedMsgDigest } from './signature.js';

export interface SfKnobs extends FaultKnobs {
  /** Answer throttled calls with this apiResultCode instead of HTTP 429 ([U]: SF's code is unconfirmed). */
  throttleCode?: string;
  /** Gateway code for a wrong msgDigest ([U], commonly cited A1006). */
  badSignCode?: string;
  duplicateEvery?: number;
  reorder?: boolean;
}

export interface SfSimulatorOptions {
  seed: number;
  parcels: number;
  start: number;
  partners: Record<string, string>; // partnerID → checkWord
  now?: () => number;
  knobs?: SfKnobs;
  kinds?: readonly JourneyKind[];
}

export interface SfSimulator {
  url: string;
  journeys: Journey[];
  knobs: SfKnobs;
  stats: { calls: number; badSign: number; throttled: number; malformed: number; transient: number; pushes: number };
  /** Push every visible, not-yet-pushed route of `waybillNo` (or all) to `callbackUrl`; returns the replies. */
  push(callbackUrl: string, method: 'json' | 'xml', waybillNo?: string): Promise<{ status: number; text: string }[]>;
  close(): Promise<void>;
}

const OP: Record<Stage, { opCode: string; remark: (s: JourneyStep) => string }> = {
  picked_up: { opCode: '50', remark: () => '顺丰速运 已收取快件' },
  departed: { opCode: '36', remark: (s) => `快件离开【${s.facility}】，准备发往下一站` },
  arrived: { opCode: '31', remark: (s) => `快件到达 【${s.facility}】` },
  dest_city: { opCode: '130', remark: (s) => `快件已到达【${s.facility}】，即将派件` },
  out_for_delivery: { opCode: '44', remark: () => '快件交给派送员，正在派送途中' },
  locker: { opCode: '8000', remark: (s) => `快件已放入【${s.facility}】，请凭取件码取件` },
  delivered: { opCode: '80', remark: () => '已签收，感谢使用顺丰' },
  failed: { opCode: '70', remark: () => '因客户原因，快件派送不成功' },
  refused: { opCode: '648', remark: () => '客户拒收，快件将退回' },
  returning: { opCode: '631', remark: () => '快件已退回' },
  returned: { opCode: '80', remark: () => '退回件已由寄件人签收' },
  exception: { opCode: '99', remark: () => '快件异常，请联系客服' },
};

export function sfWaybill(rng: Rng): string {
  return `SF${rng.digits(13)}`;
}

export async function startSfSimulator(options: SfSimulatorOptions): Promise<SfSimulator> {
  const now = options.now ?? Date.now;
  const knobs: SfKnobs = { ...(options.knobs ?? {}) };
  const hiccups = new Rng(options.seed ^ 0x5f5f);
  const journeys = generateJourneys({ seed: options.seed, count: options.parcels, start: options.start, waybillNo: sfWaybill, kinds: options.kinds });
  const byNo = new Map(journeys.map((j) => [j.waybillNo, j]));
  const pushed = new Map<string, number>();
  const stats = { calls: 0, badSign: 0, throttled: 0, malformed: 0, transient: 0, pushes: 0 };
  const json = (body: unknown): SimAnswer => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) });
  const gateway = (code: string, msg: string): SimAnswer => json({ apiErrorMsg: msg, apiResponseID: responseId(), apiResultCode: code, apiResultData: null });
  let ids = 0;
  const responseId = (): string => `000${(++ids).toString(16).toUpperCase().padStart(29, '0')}`;

  const route = (j: Journey, s: JourneyStep): Record<string, string> => ({ acceptTime: beijingText(s.at), acceptAddress: s.city, remark: OP[s.stage].remark(s), opCode: OP[s.stage].opCode });

  const server = await serve((req) => {
    stats.calls++;
    if (req.method !== 'POST') return { status: 405, contentType: 'text/plain', body: 'POST form fields (protocols.md §5.1)' };
    if (knobs.malformedEvery && stats.calls % knobs.malformedEvery === 0) {
      stats.malformed++;
      return { status: 200, contentType: 'application/json', body: '{"apiErrorMsg":"","apiResultCode":"A1000","apiResultData":"{\\"success\\":true,\\"msgData\\":{\\"routeResps\\":[{' };
    }
    if (knobs.errorRate && hiccups.next() < knobs.errorRate) {
      stats.transient++;
      return { status: 503, contentType: 'text/html', body: '<html><body>503 Service Unavailable</body></html>' };
    }
    const f = new URLSearchParams(req.body);
    const partnerId = f.get('partnerID') ?? '';
    const checkWord = options.partners[partnerId];
    for (const k of ['partnerID', 'requestID', 'serviceCode', 'timestamp', 'msgData']) if (!f.get(k)) return gateway('A1001', `必传参数不可为空: ${k}`);
    if (checkWord === undefined) return gateway('A1004', '无对应服务权限');
    if (f.get('msgDigest') !== expectedMsgDigest(f.get('msgData')!, f.get('timestamp')!, checkWord)) {
      stats.badSign++;
      return gateway(knobs.badSignCode ?? 'A1006', '数字签名无效');
    }
    if (knobs.throttleEvery && stats.calls % knobs.throttleEvery === 0) {
      stats.throttled++;
      return knobs.throttleCode ? gateway(knobs.throttleCode, '访问频率超出限制') : { status: 429, contentType: 'text/plain', body: 'Too Many Requests', headers: { 'retry-after': '2' } };
    }
    if (f.get('serviceCode') !== 'EXP_RECE_SEARCH_ROUTES') return gateway('A1003', '服务代码不存在');
    let msg: { trackingNumber?: unknown; checkPhoneNo?: unknown };
    try {
      msg = JSON.parse(f.get('msgData')!) as typeof msg;
    } catch {
      return gateway('A1001', 'msgData 不是合法 JSON');
    }
    const numbers = Array.isArray(msg.trackingNumber) ? (msg.trackingNumber as string[]) : [];
    const routeResps = numbers.map((no) => {
      const j = byNo.get(no);
      // checkPhoneNo must match the parcel's phone tail when given (§5.1 [S]); unknown numbers have no routes.
      if (!j || (msg.checkPhoneNo !== undefined && msg.checkPhoneNo !== j.phoneTail)) return { mailNo: no, routes: [] };
      return { mailNo: no, routes: visibleSteps(j, now()).map((s) => route(j, s)) };
    });
    const inner = { success: true, errorCode: 'S0000', errorMsg: null, msgData: { routeResps } };
    return json({ apiErrorMsg: '', apiResponseID: responseId(), apiResultCode: 'A1000', apiResultData: JSON.stringify(inner) });
  }, () => knobs.latencyMs ?? 0);

  async function push(callbackUrl: string, method: 'json' | 'xml', waybillNo?: string): Promise<{ status: number; text: string }[]> {
    const replies: { status: number; text: string }[] = [];
    for (const j of waybillNo ? [byNo.get(waybillNo)!] : journeys) {
      const fresh = visibleSteps(j, now()).filter((s) => s.seq > (pushed.get(j.waybillNo) ?? 0));
      if (fresh.length === 0) continue;
      const routes = pushOrder(fresh, knobs).map((s) => ({ mailno: j.waybillNo, acceptAddress: s.city, reasonName: '', orderid: `OH${j.waybillNo.slice(2)}`, acceptTime: beijingText(s.at), remark: OP[s.stage].remark(s), opCode: OP[s.stage].opCode, id: `${j.waybillNo.slice(2)}${String(s.seq).padStart(3, '0')}`, reasonCode: '' }));
      let res: Response;
      if (method === 'json') {
        res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify({ Body: { WaybillRoute: routes } }) });
      } else {
        const attrs = (r: Record<string, string>): string => Object.entries(r).map(([k, v]) => `${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`).join(' ');
        const xml = `<?xml version='1.0' encoding='UTF-8'?><Request service="RoutePushService" lang="zh-CN"><Body>${routes.map((r) => `<WaybillRoute ${attrs(r)}/>`).join('')}</Body></Request>`;
        res = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: new URLSearchParams({ content: xml }).toString() });
      }
      const text = await res.text();
      stats.pushes++;
      replies.push({ status: res.status, text });
      // Only an OK reply counts as delivered (RoutePushService doc: otherwise SF pushes again).
      if (res.ok && (text.includes('"0000"') || text.includes('<Head>OK</Head>'))) pushed.set(j.waybillNo, Math.max(...fresh.map((s) => s.seq)));
    }
    return replies;
  }

  return { url: `${server.origin}/std/service`, journeys, knobs, stats, push, close: server.close };
}
