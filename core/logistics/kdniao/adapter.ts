/**
 * Kdniao (快递鸟) aggregator (protocols.md §5.5 [S]): form POST `EBusinessID`, `RequestType`,
 * `RequestData` (JSON string), `DataSign`, `DataType=2` to EbusinessOrderHandle.aspx. Query
 * 8001/1002, subscribe 8008/1008. Failures come back as `Success:false` with a `Reason` text only
 * (no documented codes), so the Reason is kept verbatim and the kind decided by its wording.
 */
import { carrierInfo } from '../carriers.js';
import { parseJsonObject, send, str } from '../partner-http.js';
import { CarrierError, type CarrierAdapter, type CarrierErrorKind, type TrackingQuery } from '../types.js';
import type { KdniaoAdapterConfig } from './config.js';
import { kdniaoDataSign } from './sign.js';
import { kdniaoResult } from './traces.js';

export function kdniaoForm(config: KdniaoAdapterConfig, requestType: string, requestData: string): Record<string, string> {
  return { EBusinessID: config.credentials.eBusinessId, RequestType: requestType, RequestData: requestData, DataSign: kdniaoDataSign(requestData, config.credentials.appKey), DataType: '2' };
}

/** Kdniao documents no error codes: throttling and auth failures are recognised by their Reason text [U]. */
export function kindOfReason(reason: string): CarrierErrorKind {
  if (/频繁|限流|超[过出].*(次数|频率|限制)|too many|rate/i.test(reason)) return 'rate-limit';
  if (/签名|DataSign|sign|EBusinessID|商户|用户.*不存在|未授权|权限/i.test(reason)) return 'auth';
  if (/暂无|没有.*(轨迹|物流)|无轨迹|不存在的单号/i.test(reason)) return 'not-found';
  if (/系统.*(繁忙|异常)|稍后/.test(reason)) return 'transient';
  return 'permanent';
}

async function call(config: KdniaoAdapterConfig, requestType: string, data: Record<string, unknown>): Promise<{ body: Record<string, unknown>; text: string }> {
  const who = `Kdniao ${requestType}`;
  const answer = await send(config.env, who, config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(kdniaoForm(config, requestType, JSON.stringify(data))).toString(),
  });
  const body = parseJsonObject(answer.text, who);
  if (body.Success !== true) {
    const reason = str(body.Reason);
    // A query for a number with no trail yet is an answer, not a failure (State 0 暂无轨迹).
    if (str(body.State) === '0' && kindOfReason(reason) === 'not-found' && Array.isArray(body.Traces)) return { body, text: answer.text };
    throw new CarrierError(kindOfReason(reason), `${who}: ${reason || 'Success=false'}`, { message: reason, raw: answer.text.slice(0, 2000) });
  }
  return { body, text: answer.text };
}

function requestData(q: TrackingQuery, shipperCode: string): Record<string, unknown> {
  // CustomerName = phone tail, required for SF (and ZTO / JD in practice), §5.5.
  return { OrderCode: '', ShipperCode: shipperCode, LogisticCode: q.waybillNo, ...(q.phoneTail ? { CustomerName: q.phoneTail } : {}) };
}

function shipperOf(q: TrackingQuery): string {
  const code = carrierInfo(q.carrier)?.kdniao;
  if (!code) throw new CarrierError('permanent', `Kdniao: no ShipperCode known for carrier ${q.carrier}`);
  return code;
}

export function createKdniaoAdapter(config: KdniaoAdapterConfig): CarrierAdapter {
  return {
    partner: 'kdniao',
    serves: (carrier) => Boolean(carrierInfo(carrier)?.kdniao),
    async query(q) {
      const { body, text } = await call(config, config.options.queryRequestType, requestData(q, shipperOf(q)));
      return kdniaoResult(body, text, q.waybillNo);
    },
    async subscribe(q) {
      // The push address is the one configured in the Kdniao console; `Callback` is echoed back in pushes.
      const { body } = await call(config, config.options.subscribeRequestType, { ...requestData(q, shipperOf(q)), Callback: q.callbackUrl });
      return { ok: true, detail: `subscribed ${str(body.UpdateTime)}`.trim() };
    },
  };
}
