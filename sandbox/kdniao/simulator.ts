/**
 * Kdniao EbusinessOrderHandle.aspx on loopback HTTP (protocols.md §5.5): form POST with EBusinessID /
 * RequestType / RequestData / DataSign / DataType=2, DataSign checked by its own code (Base64 of the
 * lowercase hex MD5), query 8001/1002, subscribe 8008/1008, pushes (RequestType 101/102) carrying the
 * whole trail each time. Error Reasons are [U] (none documented). Never imports core/.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../common/rng.js';
import { type FaultKnobs, postForm, serve, type SimAnswer } from '../sf/http.js';
import { beijingText, generateJourneys, type Journey, type JourneyKind, type JourneyStep, pushOrder, type Stage, visibleSteps } from '../sf/journey.js';

export interface KdniaoKnobs extends FaultKnobs {
  duplicateEvery?: number;
  reorder?: boolean;
}

export interface KdniaoSimulator {
  url: string;
  journeys: Journey[];
  knobs: KdniaoKnobs;
  subscribed: Set<string>;
  stats: { calls: number; badSign: number; throttled: number; pushes: number };
  push(callbackUrl: string, requestType?: '101' | '102'): Promise<{ status: number; text: string }[]>;
  close(): Promise<void>;
}

export function expectedDataSign(requestData: string, appKey: string): string {
  const hex = createHash('md5').update(Buffer.from(requestData + appKey, 'utf8')).digest('hex');
  return Buffer.from(hex, 'latin1').toString('base64');
}

const ACTION: Record<Stage, string> = {
  picked_up: '1', departed: '206', arrived: '204', dest_city: '201', out_for_delivery: '202', locker: '211', delivered: '301',
  failed: '405', refused: '404', returning: '407', returned: '406', exception: '403',
};
const STATE: Record<string, string> = { '1': '1', '2': '2', '3': '3', '4': '4' };

export async function startKdniaoSimulator(options: { seed: number; parcels: number; start: number; shipperCode: string; users: Record<string, string>; now?: () => number; knobs?: KdniaoKnobs; kinds?: readonly JourneyKind[] }): Promise<KdniaoSimulator> {
  const now = options.now ?? Date.now;
  const knobs: KdniaoKnobs = { ...(options.knobs ?? {}) };
  const hiccups = new Rng(options.seed ^ 0x4b44);
  const journeys = generateJourneys({ seed: options.seed, count: options.parcels, start: options.start, waybillNo: (rng) => `YT${rng.digits(13)}`, kinds: options.kinds });
  const byNo = new Map(journeys.map((j) => [j.waybillNo, j]));
  const subscribed = new Set<string>();
  const stats = { calls: 0, badSign: 0, throttled: 0, pushes: 0 };
  const json = (body: unknown): SimAnswer => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) });
  const trace = (s: JourneyStep, withAction: boolean): Record<string, string> => ({ AcceptTime: beijingText(s.at), AcceptStation: `【${s.city}】${s.facility}`, Location: s.city, ...(withAction ? { Action: ACTION[s.stage] } : {}) });
  const tracking = (eBusinessId: string, no: string, valueAdded: boolean): Record<string, unknown> => {
    const j = byNo.get(no);
    const steps = j ? visibleSteps(j, now()) : [];
    const last = steps.at(-1);
    const stateEx = last ? ACTION[last.stage] : '0';
    return { EBusinessID: eBusinessId, OrderCode: '', ShipperCode: options.shipperCode, LogisticCode: no, Success: true, Reason: steps.length ? '' : '暂无轨迹信息',
      State: STATE[stateEx[0]!] ?? '0', StateEx: valueAdded ? stateEx : undefined, Location: last?.city ?? '', Traces: steps.map((s) => trace(s, valueAdded)) };
  };

  const server = await serve((req) => {
    stats.calls++;
    if (knobs.malformedEvery && stats.calls % knobs.malformedEvery === 0) return { status: 200, contentType: 'application/json', body: '{"EBusinessID":"1","Traces":[{"AcceptTime":' };
    if (knobs.errorRate && hiccups.next() < knobs.errorRate) return { status: 503, contentType: 'text/html', body: 'Service Unavailable' };
    const f = new URLSearchParams(req.body);
    const user = f.get('EBusinessID') ?? '';
    const appKey = options.users[user];
    const data = f.get('RequestData') ?? '';
    if (appKey === undefined || f.get('DataSign') !== expectedDataSign(data, appKey)) {
      stats.badSign++;
      return json({ EBusinessID: user, Success: false, Reason: 'DataSign签名错误' });
    }
    if (knobs.throttleEvery && stats.calls % knobs.throttleEvery === 0) {
      stats.throttled++;
      return json({ EBusinessID: user, Success: false, Reason: '调用太频繁，请稍后再试' });
    }
    let rd: { LogisticCode?: unknown; CustomerName?: unknown };
    try {
      rd = JSON.parse(data) as typeof rd;
    } catch {
      return json({ EBusinessID: user, Success: false, Reason: 'RequestData格式错误' });
    }
    const no = typeof rd.LogisticCode === 'string' ? rd.LogisticCode : '';
    const type = f.get('RequestType');
    if (type === '8001' || type === '1002') return json(tracking(user, no, type === '8001'));
    if (type === '8008' || type === '1008') {
      subscribed.add(no);
      return json({ EBusinessID: user, UpdateTime: beijingText(now()), Success: true, Reason: '' });
    }
    return json({ EBusinessID: user, Success: false, Reason: `RequestType ${type} 不支持` });
  }, () => knobs.latencyMs ?? 0);

  async function push(callbackUrl: string, requestType: '101' | '102' = '102'): Promise<{ status: number; text: string }[]> {
    const [user, appKey] = Object.entries(options.users)[0]!;
    const items = [...subscribed].map((no) => tracking(user, no, requestType === '102'));
    // Whole trail per push (全量推送); duplicates / reordering apply to the traces inside.
    for (const item of items) item.Traces = pushOrder(item.Traces as unknown[], knobs);
    const data = JSON.stringify({ EBusinessID: user, PushTime: beijingText(now()), Count: String(items.length), Data: items });
    stats.pushes++;
    return [await postForm(callbackUrl, { RequestData: data, DataSign: expectedDataSign(data, appKey), RequestType: requestType })];
  }

  return { url: `${server.origin}/Ebusiness/EbusinessOrderHandle.aspx`, journeys, knobs, subscribed, stats, push, close: server.close };
}
