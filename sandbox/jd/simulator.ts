/**
 * JD Logistics on loopback HTTP (protocols.md §5.3). LOP: `POST {lopPath}?LOP-DN&app_key&access_token&
 * timestamp&v&sign&algorithm=md5-salt`, md5-salt sign checked by its own code; the trace path and
 * answer schema are [U] and follow the adapter's documented defaults. JOS: `GET /routerjson` with the
 * TOP-like sign and the `jingdong_ldop_receive_trace_get_responce` root. Error codes for a bad sign
 * are [U] knobs. Never imports core/.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../common/rng.js';
import { type FaultKnobs, serve, type SimAnswer } from '../sf/http.js';
import { beijingText, generateJourneys, type Journey, type JourneyKind, type Stage, visibleSteps } from '../sf/journey.js';

export interface JdKnobs extends FaultKnobs {
  lopPath?: string;
  /** [U] LOP code for a wrong sign (default "1004") and JOS error_response code (default "19"). */
  lopBadSignCode?: string;
  josBadSignCode?: string;
}

export interface JdApp { secret: string; token: string }

export interface JdSimulator {
  host: string;
  josUrl: string;
  journeys: Journey[];
  knobs: JdKnobs;
  stats: { calls: number; badSign: number; throttled: number };
  close(): Promise<void>;
}

const md5 = (s: string): string => createHash('md5').update(Buffer.from(s, 'utf8')).digest('hex');

const TITLE: Record<Stage, string> = {
  picked_up: '揽收完成', departed: '分拣中心发货', arrived: '分拣中心验货', dest_city: '站点验货', out_for_delivery: '配送员收货', locker: '已放入自提柜',
  delivered: '妥投', failed: '再投', refused: '拒收', returning: '返回商家中', returned: '商家已收货', exception: '异常处理中',
};

export async function startJdSimulator(options: { seed: number; parcels: number; start: number; apps: Record<string, JdApp>; now?: () => number; knobs?: JdKnobs; kinds?: readonly JourneyKind[] }): Promise<JdSimulator> {
  const now = options.now ?? Date.now;
  const knobs: JdKnobs = { ...(options.knobs ?? {}) };
  const hiccups = new Rng(options.seed ^ 0x4a44);
  const journeys = generateJourneys({ seed: options.seed, count: options.parcels, start: options.start, waybillNo: (rng) => `JDVA${rng.digits(11)}`, kinds: options.kinds });
  const byNo = new Map(journeys.map((j) => [j.waybillNo, j]));
  const stats = { calls: 0, badSign: 0, throttled: 0 };
  const json = (body: unknown): SimAnswer => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) });

  const server = await serve((req) => {
    stats.calls++;
    if (knobs.malformedEvery && stats.calls % knobs.malformedEvery === 0) return { status: 200, contentType: 'application/json', body: '{"code":"0","data":{"traceDetails":[{' };
    if (knobs.errorRate && hiccups.next() < knobs.errorRate) return { status: 503, contentType: 'text/html', body: 'Service Unavailable' };
    const q = req.url.searchParams;
    const app = options.apps[q.get('app_key') ?? ''];
    if (req.url.pathname === '/routerjson') {
      const params = Object.fromEntries([...q].filter(([k]) => k !== 'sign'));
      const base = Object.entries(params).map(([k, v]) => k + v).sort().join('');
      if (!app || q.get('access_token') !== app.token || q.get('sign') !== md5(app.secret + base + app.secret).toUpperCase()) {
        stats.badSign++;
        return json({ error_response: { code: knobs.josBadSignCode ?? '19', zh_desc: '无效的签名', en_desc: 'Invalid signature' } });
      }
      if (knobs.throttleEvery && stats.calls % knobs.throttleEvery === 0) return (stats.throttled++, { status: 429, contentType: 'text/plain', body: 'Too Many Requests' });
      const p = JSON.parse(params['360buy_param_json'] ?? '{}') as { waybillCode?: string };
      const j = byNo.get(p.waybillCode ?? '');
      const data = j ? visibleSteps(j, now()).map((s) => ({ opeTitle: TITLE[s.stage], opeRemark: `【${s.city}】${s.facility} ${TITLE[s.stage]}`, opeName: '系统', opeTime: beijingText(s.at, '/'), waybillCode: j.waybillNo })) : [];
      return json({ jingdong_ldop_receive_trace_get_responce: { code: '0', querytrace_result: { code: 100, messsage: '成功', data } } });
    }
    if (req.method !== 'POST' || req.url.pathname !== (knobs.lopPath ?? '/ecap/v1/orders/trace/query')) return { status: 404, contentType: 'application/json', body: '{"code":"404","msg":"path not found"}' };
    const ts = q.get('timestamp') ?? '';
    const expected = app ? md5(`${app.secret}access_token${q.get('access_token')}app_key${q.get('app_key')}method${req.url.pathname}param_json${req.body}timestamp${ts}v${q.get('v')}${app.secret}`) : '';
    if (!app || q.get('access_token') !== app.token || q.get('algorithm') !== 'md5-salt' || q.get('sign') !== expected) {
      stats.badSign++;
      return json({ code: knobs.lopBadSignCode ?? '1004', msg: '签名校验失败' });
    }
    if (knobs.throttleEvery && stats.calls % knobs.throttleEvery === 0) return (stats.throttled++, { status: 429, contentType: 'text/plain', body: 'Too Many Requests', headers: { 'retry-after': '1' } });
    let p: unknown;
    try {
      p = JSON.parse(req.body);
    } catch {
      return json({ code: '1001', msg: '参数格式错误' });
    }
    const param = (Array.isArray(p) ? p[0] : p) as { waybillCode?: string } | undefined;
    const j = byNo.get(param?.waybillCode ?? '');
    const traceDetails = j ? visibleSteps(j, now()).map((s) => ({ operationTime: s.at, operationTitle: TITLE[s.stage], operationRemark: `【${s.city}】${s.facility}`, city: s.city })) : [];
    return json({ code: '0', msg: 'success', data: { waybillCode: param?.waybillCode ?? '', traceDetails } });
  }, () => knobs.latencyMs ?? 0);

  return { host: server.origin, josUrl: `${server.origin}/routerjson`, journeys, knobs, stats, close: server.close };
}
