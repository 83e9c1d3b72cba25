/**
 * The Kuaidi100 aggregator (protocols.md §5.4): real-time query (poll/query.do) and subscription
 * (/poll) over form POSTs. The `param` JSON string is built once and the same bytes are signed and
 * sent (protocols.md §0).
 */
import { carrierInfo, type CarrierCode, type CarrierInfo, CARRIERS } from '../carriers.js';
import { CarrierError, type CarrierAdapter, type TrackingQuery, type TrackingResult } from '../types.js';
import type { Kuaidi100Config } from './config.js';
import { querySign } from './sign.js';
import { envelopeError, parseQueryResponse } from './wire.js';

export class Kuaidi100Adapter implements CarrierAdapter {
  readonly partner = 'kuaidi100' as const;

  constructor(
    private readonly config: Kuaidi100Config,
    private readonly table: readonly CarrierInfo[] = CARRIERS,
  ) {}

  serves(carrier: CarrierCode): boolean {
    return Boolean(carrierInfo(carrier, this.table)?.kuaidi100);
  }

  private com(carrier: CarrierCode): string {
    const com = carrierInfo(carrier, this.table)?.kuaidi100;
    if (!com) throw new CarrierError('permanent', `快递100 has no company code for carrier ${carrier}; set partners.carrierCodes.`);
    return com;
  }

  /** The exact `param` string of a query: built once, signed and sent as is. */
  queryParam(q: TrackingQuery): string {
    const param: Record<string, string> = { com: this.com(q.carrier), num: q.waybillNo };
    if (q.phoneTail) param.phone = q.phoneTail; // required for SF (protocols.md §5.4)
    param.resultv2 = this.config.resultv2;
    param.show = '0';
    param.order = 'asc';
    return JSON.stringify(param);
  }

  async query(q: TrackingQuery): Promise<TrackingResult> {
    const param = this.queryParam(q);
    const form = new URLSearchParams({ customer: this.config.customer, sign: querySign(param, this.config.key, this.config.customer), param });
    const raw = await this.post('/poll/query.do', form);
    return parseQueryResponse(raw, { carrier: q.carrier, waybillNo: q.waybillNo, table: this.table }, this.config.errorKinds);
  }

  subscribeParam(q: TrackingQuery & { callbackUrl: string }): string {
    const parameters: Record<string, string> = { callbackurl: q.callbackUrl, salt: this.config.salt, resultv2: this.config.resultv2, autoCom: '1' };
    if (q.phoneTail) parameters.phone = q.phoneTail;
    return JSON.stringify({ company: this.com(q.carrier), number: q.waybillNo, key: this.config.key, parameters });
  }

  async subscribe(q: TrackingQuery & { callbackUrl: string }): Promise<{ ok: true; detail: string }> {
    const raw = await this.post('/poll', new URLSearchParams({ schema: 'json', param: this.subscribeParam(q) }));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new CarrierError('malformed', `快递100 subscribe answered something that is not JSON: ${raw.slice(0, 120)}`, { raw: raw.slice(0, 2000) });
    }
    // 501 POLL:重复订阅 means it is already subscribed: the goal is reached (protocols.md §5.4 [S]).
    if (String(body.returnCode) === '501') return { ok: true, detail: String(body.message ?? 'already subscribed') };
    const failure = envelopeError(body, this.config.errorKinds, raw);
    if (failure) throw failure;
    if (body.result !== true && body.result !== 'true') throw new CarrierError('malformed', `快递100 subscribe reply has no result: ${raw.slice(0, 120)}`, { raw: raw.slice(0, 2000) });
    return { ok: true, detail: String(body.message ?? 'ok') };
  }

  private async post(path: string, form: URLSearchParams): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.config.baseUrl + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      throw new CarrierError('transient', timeout ? `快递100 did not answer within ${this.config.timeoutMs} ms.` : `快递100 unreachable: ${(err as Error).message}`);
    }
    const raw = await response.text();
    if (response.status === 429) {
      const after = Number(response.headers.get('retry-after'));
      throw new CarrierError('rate-limit', '快递100 is throttling us (HTTP 429).', { code: '429', raw: raw.slice(0, 2000) }, Number.isFinite(after) && after > 0 ? after * 1000 : undefined);
    }
    if (response.status >= 500) throw new CarrierError('transient', `快递100 HTTP ${response.status}.`, { code: String(response.status), raw: raw.slice(0, 2000) });
    if (response.status >= 400) throw new CarrierError('permanent', `快递100 HTTP ${response.status}.`, { code: String(response.status), raw: raw.slice(0, 2000) });
    return raw;
  }
}
