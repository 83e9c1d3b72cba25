/**
 * TOP `error_response` bodies (protocols.md §1.6 shape, §1.7 codes). Where the fact sheet does not
 * give the exact msg/sub_code, the text is marked [U] (an assumption; connectors must not depend on it).
 */
export interface TopErrorSpec {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
}

export const TOP_ERRORS = {
  missingMethod: { code: 21, msg: 'Missing method' },
  invalidMethod: { code: 22, msg: 'Invalid method' },
  invalidFormat: { code: 23, msg: 'Invalid format' },
  missingSignature: { code: 24, msg: 'Missing signature' },
  invalidSignature: { code: 25, msg: 'Invalid signature' },
  missingSession: { code: 26, msg: 'Missing session' },
  // §1.6 captured payload, verbatim.
  sessionExpired: { code: 27, msg: 'Invalid session:session-expired', sub_code: 'session-expired' },
  invalidSession: { code: 27, msg: 'Invalid session', sub_code: 'invalid-sessionkey' }, // sub_code [U]
  missingAppKey: { code: 28, msg: 'Missing app key' },
  invalidAppKey: { code: 29, msg: 'Invalid app Key' },
  missingTimestamp: { code: 30, msg: 'Missing timestamp' },
  invalidTimestamp: { code: 31, msg: 'Invalid timestamp' },
  missingVersion: { code: 32, msg: 'Missing version' },
  invalidVersion: { code: 33, msg: 'Invalid version' },
  // §1.7: 7 App Call Limited; sub_code per the fact sheet's suggestion, sub_msg wording [U].
  appCallLimited: (seconds: number): TopErrorSpec => ({
    code: 7,
    msg: 'App Call Limited',
    sub_code: 'accesscontrol.limited-by-app-access-count',
    sub_msg: `This ban will last for ${seconds} more seconds`,
  }),
  // §1.6/§1.7: 15 Remote service error with an `isp.` sub_code = server side, retry. sub_code [U].
  remoteTimeout: { code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-timeout', sub_msg: '服务超时，请稍后重试' },
  missingArgument: (name: string): TopErrorSpec => ({ code: 40, msg: `Missing required arguments:${name}` }),
  // §1.7: 41 Invalid Arguments; the sub_code/sub_msg of the one-day window rule are [U].
  invalidArgument: (name: string, why: string): TopErrorSpec => ({ code: 41, msg: `Invalid arguments:${name}`, sub_code: 'isv.invalid-parameter', sub_msg: why }),
  // [U]: the not-found sub_code of trade.fullinfo.get is not in the fact sheet.
  tradeNotExist: { code: 15, msg: 'Remote service error', sub_code: 'isv.trade-not-exist', sub_msg: '交易不存在' },
  groupNotExist: { code: 15, msg: 'Remote service error', sub_code: 'isv.group-not-exist', sub_msg: '分组不存在' },
} as const;

export function errorBody(spec: TopErrorSpec, requestId: string): string {
  return JSON.stringify({ error_response: { ...spec, request_id: requestId } });
}

/** Thrown by method handlers; the gateway turns it into an error_response. */
export class TopFault extends Error {
  constructor(readonly spec: TopErrorSpec) {
    super(`${spec.code} ${spec.msg}`);
  }
}
