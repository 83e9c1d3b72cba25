/**
 * TOP `error_response` (HTTP 200, protocols.md §1.6) → PlatformError, by the code table of §1.7 and
 * the `isv.` / `isp.` sub_code convention of §1.6. The platform's code, sub_code, msg, sub_msg and
 * request_id travel verbatim for the shop's health panel.
 */
import type { FailureCode } from '../../contract/channels.js';
import { PlatformError, type PlatformErrorKind } from '../types.js';

export interface TopErrorBody {
  code?: unknown;
  msg?: unknown;
  sub_code?: unknown;
  sub_msg?: unknown;
  request_id?: unknown;
}

/** §1.7: 4 User / 5 Session / 6 Partner / 7 App Call Limited, 8 App Call Exceeds Limited Frequency. */
const RATE_LIMIT_CODES = new Set(['4', '5', '6', '7', '8']);
/**
 * §1.7: credentials and grants — 11–13 insufficient permissions, 24/25 missing/invalid signature,
 * 26/27 missing/invalid session (27 + sub_code `session-expired`, §1.6), 28/29 app key, 53 security level.
 */
const AUTH_CODES = new Set(['11', '12', '13', '24', '25', '26', '27', '28', '29', '53']);
/** §1.7: 10 Service Currently Unavailable. 15 Remote Service Error depends on the sub_code (below). */
const TRANSIENT_CODES = new Set(['10']);

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * §1.7 [U]: the throttling sub_code is not confirmed (`accesscontrol.limited-by-api-access-count` is
 * the fact sheet's suggestion); any sub_code that says "limit" is read as throttling.
 */
function isLimitSubCode(subCode: string | undefined): boolean {
  return subCode !== undefined && /limit/i.test(subCode);
}

export function classifyTopError(code: string | undefined, subCode: string | undefined): PlatformErrorKind {
  if ((code && RATE_LIMIT_CODES.has(code)) || isLimitSubCode(subCode)) return 'rate-limit';
  if (code && AUTH_CODES.has(code)) return 'auth';
  // §1.6: `isp.` = server side → retry later; `isv.` = the caller's fault.
  if (subCode?.startsWith('isp.')) return 'transient';
  if (subCode?.startsWith('isv.')) return 'permanent';
  if (code && TRANSIENT_CODES.has(code)) return 'transient';
  // 15 without a sub_code says only "Remote service error": nothing blames the caller, so retry.
  if (code === '15') return 'transient';
  return 'permanent';
}

/**
 * [U] Seen in TOP throttling answers, not in protocols.md: sub_msg "This ban will last for N more
 * seconds". When present it becomes the retry hint.
 */
export function retryAfterFromTop(...texts: Array<string | undefined>): number | undefined {
  for (const t of texts) {
    const m = t && /(\d+)\s*more\s*seconds?/i.exec(t);
    if (m) return Number(m[1]) * 1000;
  }
  return undefined;
}

/**
 * §1.7 codes → stable failure codes. 27 with sub_code `session-expired` (§1.6 captured payload) is
 * the expired session a refresh can cure; any other 27 is a session the platform does not know.
 */
export function topFailureCode(code: string | undefined, subCode: string | undefined, kind: PlatformErrorKind): FailureCode | undefined {
  if (code === '24' || code === '25') return 'auth.invalidSignature';
  if (code === '27') return subCode === 'session-expired' ? 'auth.tokenExpired' : 'auth.tokenInvalid';
  if (code === '26') return 'auth.tokenMissing';
  if (code === '28' || code === '29') return 'auth.appKeyInvalid';
  if (code === '11' || code === '12' || code === '13' || code === '53') return 'auth.permissionDenied';
  return kind === 'rate-limit' ? 'rateLimited' : undefined;
}

export function platformErrorFromTop(body: TopErrorBody, rawText: string, method: string): PlatformError {
  const code = text(body.code);
  const subCode = text(body.sub_code);
  const msg = text(body.msg);
  const subMsg = text(body.sub_msg);
  const kind = classifyTopError(code, subCode);
  const message = `${method}: TOP error ${code ?? '?'} ${msg ?? ''}${subCode ? ` (${subCode}${subMsg ? `: ${subMsg}` : ''})` : ''}`.trim();
  const retryAfter = kind === 'rate-limit' ? retryAfterFromTop(subMsg, msg) : undefined;
  return new PlatformError(
    kind,
    message,
    { code, subCode, message: [msg, subMsg].filter(Boolean).join(' / ') || undefined, requestId: text(body.request_id), raw: rawText.slice(0, 2000) },
    retryAfter,
    topFailureCode(code, subCode, kind),
  );
}
