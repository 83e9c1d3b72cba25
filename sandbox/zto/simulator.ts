/**
 * ZTO ZOP gateway on loopback HTTP (protocols.md §5.2): `POST /{api}` JSON with x-appKey and
 * x-dataDigest checked by its own code, track query + subscribe ("subsrcibe"), the common error codes
 * (S211 签名错误, S206 api qos limit / S221 流控, E416 bad waybill), and trace pushes as form fields
 * data/data_digest/company_id/msg_type=Traces, one trace per push like the captured log. The track-
 * query schema is [U]: rows carry the push fields. Never imports core/.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../common/rng.js';
import { type FaultKnobs, postForm, serve, type SimAnswer } from '../sf/http.js';
import { beijingText, generateJourneys, type Journey, type JourneyKind, type JourneyStep, pushOrder, type Stage, visibleSteps } from '../sf/journey.js';

export interface ZtoKnobs extends FaultKnobs {
  throttleCode?: 'S206' | 'S221';
  duplicateEvery?: number;
  reorder?: boolean;
}

export interface ZtoSimulator {
  host: string;
  journeys: Journey[];
  knobs: ZtoKnobs;
  subscribed: Set<string>;
  stats: { calls: number; badSign: number; throttled: number; pushes: number };
  push(callbackUrl: string, waybillNo?: string): Promise<{ status: number; text: string }[]>;
  close(): Promise<void>;
}

const digest = (body: string, secret: string): string => createHash('md5').update(Buffer.from(body + secret, 'utf8')).digest().toString('base64');

const ACTION: Record<Stage, string> = {
  picked_up: 'GOT', departed: 'DEPARTURE', arrived: 'ARRIVAL', dest_city: 'ARRIVAL', out_for_delivery: 'DISPATCH', locker: 'INBOUND',
  delivered: 'SIGNED', failed: 'PROBLEM', refused: 'RETURN_BILL', returning: 'RETURN_BILL', returned: '退件签收', exception: 'PROBLEM',
};

export function ztoTrace(j: Journey, s: JourneyStep, lockerSeen: boolean): Record<string, string> {
  const action = s.stage === 'delivered' && lockerSeen ? 'DEPARTURE_SIGNED' : ACTION[s.stage];
  return { billCode: j.waybillNo, action, actionTime: beijingText(s.at), city: s.city, facilityName: s.facility, desc: `【${s.city}】${s.facility} ${action}` };
}

export async function startZtoSimulator(options: { seed: number; parcels: number; start: number; apps: Record<string, string>; now?: () => number; knobs?: ZtoKnobs; kinds?: readonly JourneyKind[] }): Promise<ZtoSimulator> {
  const now = options.now ?? Date.now;
  const knobs: ZtoKnobs = { ...(options.knobs ?? {}) };
  const hiccups = new Rng(options.seed ^ 0x2702);
  const journeys = generateJourneys({ seed: options.seed, count: options.parcels, start: options.start, waybillNo: (rng) => `73${rng.digits(12)}`, kinds: options.kinds });
  const byNo = new Map(journeys.map((j) => [j.waybillNo, j]));
  const subscribed = new Set<string>();
  const pushed = new Map<string, number>();
  const stats = { calls: 0, badSign: 0, throttled: 0, pushes: 0 };
  const answer = (status: boolean, statusCode: string, message: string, result: unknown = null): SimAnswer => ({ status: 200, contentType: 'application/json;charset=UTF-8', body: JSON.stringify({ result, message, statusCode, status }) });
  const traces = (j: Journey): Record<string, string>[] => {
    const steps = visibleSteps(j, now());
    return steps.map((s) => ztoTrace(j, s, steps.some((x) => x.stage === 'locker' && x.seq < s.seq)));
  };

  const server = await serve((req) => {
    stats.calls++;
    if (knobs.malformedEvery && stats.calls % knobs.malformedEvery === 0) return { status: 200, contentType: 'application/json', body: '{"result":[{"billCode":"73' };
    if (knobs.errorRate && hiccups.next() < knobs.errorRate) return { status: 502, contentType: 'text/html', body: '<html>502 Bad Gateway</html>' };
    const api = req.url.pathname.slice(1);
    const appKey = String(req.headers['x-appkey'] ?? '');
    const secret = options.apps[appKey];
    if (secret === undefined || req.headers['x-datadigest'] !== digest(req.body, secret)) {
      stats.badSign++;
      return answer(false, 'S211', '签名错误');
    }
    if (knobs.throttleEvery && stats.calls % knobs.throttleEvery === 0) {
      stats.throttled++;
      return knobs.throttleCode === 'S206' ? answer(false, 'S206', 'api qos limit') : answer(false, 'S221', 'api qps flow limit');
    }
    let body: { billCode?: unknown; mobilePhone?: unknown };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return answer(false, 'S208', 'body不能为空');
    }
    if (typeof body.billCode !== 'string' || body.billCode === '') return answer(false, 'S208', 'billCode不能为空');
    if (!/^\d{12,15}$/.test(body.billCode)) return answer(false, 'E416', '不符合中通运单号规则校验');
    const j = byNo.get(body.billCode);
    if (j && body.mobilePhone !== undefined && body.mobilePhone !== j.phoneTail) return answer(false, 'E409', '鉴权失败,收寄人电话号码校验不一致');
    if (api === 'zto.merchant.waybill.track.query') return answer(true, 'SYS000', '操作成功', j ? traces(j) : []);
    if (api === 'zto.merchant.waybill.track.subsrcibe') {
      subscribed.add(body.billCode);
      return answer(true, 'SYS000', '操作成功');
    }
    return answer(false, 'S207', 'API不存在');
  }, () => knobs.latencyMs ?? 0);

  async function push(callbackUrl: string, waybillNo?: string): Promise<{ status: number; text: string }[]> {
    const [appKey, secret] = Object.entries(options.apps)[0]!;
    const replies: { status: number; text: string }[] = [];
    for (const j of waybillNo ? [byNo.get(waybillNo)!] : journeys.filter((x) => subscribed.has(x.waybillNo))) {
      const all = traces(j);
      const fresh = all.map((t, i) => ({ t, seq: i + 1 })).filter((x) => x.seq > (pushed.get(j.waybillNo) ?? 0));
      for (const { t, seq } of pushOrder(fresh, knobs)) {
        const data = JSON.stringify(t);
        const reply = await postForm(callbackUrl, { data_digest: digest(data, secret), company_id: appKey, data, msg_type: 'Traces' });
        stats.pushes++;
        replies.push(reply);
        if (reply.status === 200 && reply.text.includes('true')) pushed.set(j.waybillNo, Math.max(pushed.get(j.waybillNo) ?? 0, seq));
      }
    }
    return replies;
  }

  return { host: server.origin, journeys, knobs, subscribed, stats, push, close: server.close };
}
