/**
 * Kuaidi100's push callback (protocols.md §5.4): a form POST `param=<JSON>&sign=<UPPER(MD5(param+salt))>`.
 * We must answer `{"result":true,"returnCode":"200","message":"成功"}` or Kuaidi100 re-pushes 3 times
 * at 35-minute intervals — which is exactly what we want when the signature is bad or the body
 * unreadable: nothing is ingested and the partner keeps the data for a retry.
 */
import { timingSafeEqual } from 'node:crypto';
import { carrierFromPartnerCode, type CarrierInfo, CARRIERS } from '../carriers.js';
import { CarrierError, type CarrierPushOutcome, type CarrierPushParser, type CarrierPushRequest } from '../types.js';
import { pushSign } from './sign.js';
import { trailToResult } from './wire.js';

/** protocols.md §5.4 [V]: the reply Kuaidi100 requires for a push it should not repeat. */
export const KUAIDI100_PUSH_OK = { result: true, returnCode: '200', message: '成功' } as const;

const reply = (status: number, body: object): CarrierPushOutcome['reply'] => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/** A failure reply: `result:false` makes Kuaidi100 push again later (protocols.md §5.4). */
export function kuaidi100RetryReply(status: number, message: string): CarrierPushOutcome['reply'] {
  return reply(status, { result: false, returnCode: String(status === 401 ? 500 : status), message });
}

export function createKuaidi100PushParser(salt: () => string, table: readonly CarrierInfo[] = CARRIERS): CarrierPushParser {
  return (request: CarrierPushRequest): CarrierPushOutcome => {
    // The kept raw payload is `param` as decoded from the form: the partner's JSON verbatim, readable
    // on the trail (the percent-encoded form is three times larger and unreadable); `sign` is checked.
    const form = formFields(request.body.toString('utf8'));
    const param = form.param ?? null;
    const sign = form.sign ?? null;
    if (param === null) throw new CarrierError('malformed', '快递100 push without `param`.');
    const key = salt();
    if (!key) throw new CarrierError('auth', 'No Kuaidi100 salt is configured, so no push can be verified; set partners.logistics.kuaidi100.salt.');
    if (!sign || !sameText(sign.toUpperCase(), pushSign(param, key))) throw new CarrierError('auth', '快递100 push signature does not match MD5(param + salt).');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(param) as Record<string, unknown>;
    } catch (err) {
      throw new CarrierError('malformed', `快递100 push param is not JSON: ${(err as Error).message}`, { raw: param.slice(0, 2000) });
    }
    const last = body.lastResult as Record<string, unknown> | undefined;
    if (!last || typeof last !== 'object') throw new CarrierError('malformed', '快递100 push has no lastResult.', { raw: param.slice(0, 2000) });
    const status = String(body.status ?? '');
    const comOld = String(body.comOld ?? '');
    const comNew = String(body.comNew ?? '');
    const corrected = String(body.autoCheck ?? '0') === '1' && comOld && comNew && comOld !== comNew;
    const asked = corrected ? carrierFromPartnerCode('kuaidi100', comOld, table) ?? comOld : carrierFromPartnerCode('kuaidi100', String(last.com ?? ''), table) ?? String(last.com ?? '');
    const result = trailToResult(corrected ? { ...last, com: comNew } : last, { carrier: asked, waybillNo: String(last.nu ?? ''), raw: param, table });
    if (!result.waybillNo) throw new CarrierError('malformed', '快递100 push lastResult has no `nu`.', { raw: param.slice(0, 2000) });
    // shutdown = finished (signed); abort = gave up (e.g. "3天查询无记录"); protocols.md §5.4.
    if (status === 'shutdown' || status === 'abort') result.subscriptionEnded = { reason: `${status}${body.message ? `: ${String(body.message)}` : ''}` };
    return { results: [result], reply: reply(200, KUAIDI100_PUSH_OK) };
  };
}

/** application/x-www-form-urlencoded → fields (twice as fast as URLSearchParams on 4 KB pushes; bench/tracking.ts). */
export function formFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = decode(at < 0 ? part : part.slice(0, at));
    if (!(name in out)) out[name] = at < 0 ? '' : decode(part.slice(at + 1));
  }
  return out;
}

function decode(x: string): string {
  const plain = x.includes('+') ? x.replace(/\+/g, ' ') : x;
  try {
    return decodeURIComponent(plain);
  } catch {
    throw new CarrierError('malformed', '快递100 push body is not valid form encoding.');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
