/**
 * POP error envelope → PlatformError (protocols.md §2.6 [V]):
 * `{"error_response":{"error_code":20004,"error_msg":"…","sub_code":"20004"|null,"sub_msg":"…","request_id":"…"}}`.
 * `error_code` is a number, `sub_code` a string or JSON null, `request_id` a string (fixture
 * pdd-error-response-doc-example.json). The platform's words are kept verbatim for the shop's panel.
 */
import { PlatformError, type PlatformErrorKind } from '../types.js';
import type { FailureCode } from '../../contract/channels.js';
import { PDD_SIGNATURE_CODE, type PddErrorCodes } from './protocol.js';

interface ErrorEnvelope {
  error_code?: unknown;
  error_msg?: unknown;
  sub_code?: unknown;
  sub_msg?: unknown;
  request_id?: unknown;
}

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

export function errorEnvelope(body: unknown): ErrorEnvelope | null {
  if (typeof body !== 'object' || body === null || !('error_response' in body)) return null;
  const envelope = (body as { error_response: unknown }).error_response;
  return typeof envelope === 'object' && envelope !== null ? (envelope as ErrorEnvelope) : {};
}

export function classifyPddCode(code: string | undefined, subCode: string | undefined, codes: PddErrorCodes): PlatformErrorKind {
  const has = (list: string[]) => (code !== undefined && list.includes(code)) || (subCode !== undefined && list.includes(subCode));
  if (has(codes.auth)) return 'auth';
  if (has(codes.rateLimit)) return 'rate-limit';
  if (has(codes.transient)) return 'transient';
  return 'permanent';
}

export function pddError(api: string, envelope: ErrorEnvelope, raw: string, codes: PddErrorCodes, httpStatus?: number): PlatformError {
  const code = text(envelope.error_code);
  const subCode = text(envelope.sub_code);
  const errorMsg = text(envelope.error_msg);
  const subMsg = text(envelope.sub_msg);
  let kind = classifyPddCode(code, subCode, codes);
  // An enveloped error on an HTTP 5xx/429 is still the gateway saying "not now".
  if (kind === 'permanent' && httpStatus !== undefined && httpStatus >= 500) kind = 'transient';
  if (kind === 'permanent' && httpStatus === 429) kind = 'rate-limit';
  const failure: FailureCode | undefined =
    code === PDD_SIGNATURE_CODE ? 'auth.invalidSignature'
    : code !== undefined && codes.tokenExpired.includes(code) ? 'auth.tokenExpired'
    : undefined;
  if (failure === 'auth.tokenExpired') kind = 'auth';
  const detail = subMsg && subMsg !== errorMsg ? `${errorMsg ?? ''} (${subMsg})` : (errorMsg ?? 'no error_msg');
  const message = `Pinduoduo ${api}: error_code ${code ?? '?'}${subCode ? ` sub_code ${subCode}` : ''}: ${detail}`;
  return new PlatformError(kind, message, { code, subCode, message: errorMsg ?? subMsg, requestId: text(envelope.request_id), raw }, undefined, failure);
}

/** A body we could not read as POP JSON at all. */
export function malformedError(api: string, reason: string, raw: string): PlatformError {
  return new PlatformError('malformed', `Pinduoduo ${api}: ${reason}`, { raw: raw.slice(0, 2000) });
}
