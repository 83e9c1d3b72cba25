/**
 * Douyin answer envelope (§3.4) and error codes (§3.5) → PlatformError kinds. The platform's own
 * code, sub_code, message and log_id travel verbatim in `PlatformError.platform`.
 */
import type { FailureCode } from '../../contract/channels.js';
import { PlatformError, type PlatformErrorKind } from '../types.js';
import { OLD_SUCCESS_ERR_NO, SUCCESS_CODE } from './protocol.js';

/** §3.4: new envelope fields, plus the old `err_no`/`message` that ride along without x-open-no-old-err-code. */
export interface DouyinEnvelope {
  code?: number | string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
  log_id?: string;
  err_no?: number | string;
  message?: string;
  data?: unknown;
}

/** §3.5 top-level codes. 20000/20001 service unavailable/timeout, 60000 throttled, 30001/30002 authorisation/IP whitelist. */
const CODE_KINDS: Record<string, PlatformErrorKind> = {
  '10001': 'transient', // 请求部分失败: the same query may succeed whole next time
  '20000': 'transient', // 服务不可用
  '20001': 'transient', // 内部服务超时
  '30001': 'auth', // 操作权限不足 (authorisation closed / not existed / app forbidden)
  '30002': 'auth', // IP 不在白名单: the shop's app configuration must change
  '40001': 'permanent', // 缺少必选参数(平台) — but see SUB_CODE_KINDS for a missing token
  '40002': 'permanent', // 缺少必选参数(业务)
  '40003': 'permanent', // 非法参数(平台) — signature/token sub-codes are auth, below
  '40004': 'permanent', // 非法参数(业务)
  '50001': 'transient', // 平台处理失败
  '50002': 'permanent', // 业务处理失败
  '60000': 'rate-limit', // 触发限流
  '70000': 'permanent', // 接口已下线
  '80000': 'auth', // 安全错误
  '90000': 'transient', // 其他异常
};

/** §3.5 sub-codes that decide the kind whatever the top-level code says. */
const SUB_CODE_KINDS: Array<[RegExp, PlatformErrorKind]> = [
  [/^isv\.(signature-invalid|signature-missing)/, 'auth'],
  [/^isv\.access-token-(expired|no-existed|invalid|missing)/, 'auth'],
  [/^isv\.app-id-(invalid|missing)/, 'auth'],
  [/^dop\.(authorization-no-existed|authorization-closed|app-forbidden)/, 'auth'],
  [/^isv\.app-permissions-insufficient/, 'auth'],
  // §11.7: isp.service-error:10005/10009/20003/99997 = 系统繁忙/超时 → retry.
  [/^(isp|dop)\.service-error/, 'transient'],
];

/** §3.5 sub-codes → stable failure codes (`isv.access-token-expired` is the one a refresh cures). */
const SUB_CODE_FAILURES: Array<[RegExp, FailureCode]> = [
  [/^isv\.signature-(invalid|missing)/, 'auth.invalidSignature'],
  [/^isv\.access-token-expired/, 'auth.tokenExpired'],
  [/^isv\.access-token-missing/, 'auth.tokenMissing'],
  [/^isv\.access-token-(no-existed|invalid)/, 'auth.tokenInvalid'],
  [/^isv\.app-id-(invalid|missing)/, 'auth.appKeyInvalid'],
  [/^(dop\.(authorization-no-existed|authorization-closed|app-forbidden)|isv\.app-permissions-insufficient)/, 'auth.permissionDenied'],
];

export function douyinFailureCode(env: DouyinEnvelope): FailureCode | undefined {
  const sub = env.sub_code ?? '';
  for (const [pattern, code] of SUB_CODE_FAILURES) if (pattern.test(sub)) return code;
  return undefined;
}

export function isSuccess(env: DouyinEnvelope): boolean {
  if (env.code !== undefined && env.code !== null && env.code !== '') return Number(env.code) === SUCCESS_CODE;
  return env.err_no !== undefined && Number(env.err_no) === OLD_SUCCESS_ERR_NO;
}

export function classifyEnvelope(env: DouyinEnvelope): PlatformErrorKind {
  const sub = env.sub_code ?? '';
  for (const [pattern, kind] of SUB_CODE_KINDS) if (pattern.test(sub)) return kind;
  const code = String(env.code ?? env.err_no ?? '');
  return CODE_KINDS[code] ?? 'permanent';
}

export function envelopeError(env: DouyinEnvelope, method: string, rawText: string): PlatformError {
  const kind = classifyEnvelope(env);
  const code = String(env.code ?? env.err_no ?? '');
  const message = [env.msg ?? env.message, env.sub_msg].filter((s) => s !== undefined && s !== '').join(': ');
  return new PlatformError(kind, `抖店 ${method} failed (${code}${env.sub_code ? ` ${env.sub_code}` : ''}): ${message || 'no message'}`, {
    code,
    subCode: env.sub_code || undefined,
    message,
    requestId: env.log_id || undefined,
    raw: clip(rawText),
  }, undefined, douyinFailureCode(env));
}

/** HTTP-level failures with no usable envelope: 429 throttled, 5xx transient, anything else permanent. */
export function httpError(status: number, method: string, rawText: string): PlatformError {
  const kind: PlatformErrorKind = status === 429 ? 'rate-limit' : status >= 500 ? 'transient' : 'permanent';
  return new PlatformError(kind, `抖店 ${method}: HTTP ${status}`, { code: `HTTP ${status}`, raw: clip(rawText) });
}

/** Raw bodies are kept for the shop's health panel; a runaway body is cut, not dropped. */
export function clip(text: string, max = 8192): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
