/**
 * The gateway's error answers, in the envelope of protocols.md §2.6 [V]:
 * `{"error_response":{"error_msg","sub_msg","sub_code","error_code","request_id"}}` — error_code a
 * number, sub_code a string or JSON null, request_id a string. Codes not in §2.6 are marked [U].
 */
export interface PddFailure {
  errorCode: number;
  errorMsg: string;
  subCode: string | null;
  subMsg: string;
}

export function pddFailure(errorCode: number, errorMsg: string, subCode: string | null, subMsg = errorMsg): PddFailure {
  return { errorCode, errorMsg, subCode, subMsg };
}

export const FAILURES = {
  /** 20004 签名验证失败, sub_code "20004" (§2.6 captured payload). */
  badSign: pddFailure(20004, '签名验证失败', '20004'),
  /** 10001 公共参数错误:<name>, sub_msg "", sub_code null (fixture pdd-error-response-doc-example.json). */
  commonParam: (name: string) => pddFailure(10001, `公共参数错误:${name}`, null, ''),
  /** access_token expired/invalid: 10019 is commonly cited, unverified [U] (§2.6); configurable. */
  badToken: (code: number, expired: boolean) => pddFailure(code, expired ? 'access_token已过期' : 'access_token不存在或已失效', String(code)),
  /** Throttling: 70031 is commonly cited, unverified [U] (§2.6); configurable. */
  throttled: (code: number) => pddFailure(code, '调用过于频繁', String(code), '调用过于频繁,请稍后重试'),
};

export function errorBody(failure: PddFailure, requestId: string): string {
  // Key order as in the §2.6 captures.
  return JSON.stringify({
    error_response: { error_msg: failure.errorMsg, sub_msg: failure.subMsg, sub_code: failure.subCode, error_code: failure.errorCode, request_id: requestId },
  });
}
