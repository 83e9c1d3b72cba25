/**
 * Stable failure codes (core/contract/channels.ts FAILURE_CODES) and how they relate to the
 * PlatformError kinds the runner acts on. Each connector's error mapping names the precise code
 * (signature, expired token …); anything it leaves open gets its kind's default code here.
 */
import { FAILURE_CODES, type FailureCode } from '../contract/channels.js';

/** How a platform failure behaves (core/channels/types.ts PlatformError carries it). */
export type PlatformErrorKind =
  | 'auth' // bad signature, expired/invalid token: retrying will not help; shown on the shop
  | 'rate-limit' // throttled: back off and retry
  | 'transient' // network, timeout, 5xx, platform "service unavailable": retry with jitter
  | 'malformed' // the platform answered something we cannot parse
  | 'permanent'; // invalid parameters and the like: a bug or a configuration problem

const DEFAULT_CODE: Record<PlatformErrorKind, FailureCode> = {
  auth: 'auth.rejected',
  'rate-limit': 'rateLimited',
  transient: 'platform.unavailable',
  malformed: 'payload.malformed',
  permanent: 'request.invalid',
};

const KIND_OF: Record<FailureCode, PlatformErrorKind | 'internal'> = {
  'auth.invalidSignature': 'auth',
  'auth.tokenExpired': 'auth',
  'auth.tokenInvalid': 'auth',
  'auth.tokenMissing': 'auth',
  'auth.refreshFailed': 'auth',
  'auth.appKeyInvalid': 'auth',
  'auth.permissionDenied': 'auth',
  'auth.rejected': 'auth',
  rateLimited: 'rate-limit',
  'platform.unavailable': 'transient',
  'network.timeout': 'transient',
  'network.unreachable': 'transient',
  'payload.malformed': 'malformed',
  'request.invalid': 'permanent',
  internal: 'internal',
};

export function defaultFailureCode(kind: PlatformErrorKind): FailureCode {
  return DEFAULT_CODE[kind];
}

export function isFailureCode(value: string): value is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(value);
}

export function kindOfFailureCode(code: FailureCode): PlatformErrorKind | 'internal' {
  return KIND_OF[code];
}

/**
 * `sync_runs.error_kind` holds the failure code since codes existed (a code is a finer kind, and
 * migration 0002 cannot change); rows written before hold a bare kind. Both read back as kind + code.
 */
export function readStoredFailure(stored: string | null): { kind: string; code: FailureCode } | null {
  if (stored === null) return null;
  if (isFailureCode(stored)) return { kind: KIND_OF[stored], code: stored };
  const legacy = DEFAULT_CODE[stored as PlatformErrorKind];
  return { kind: stored, code: legacy ?? 'internal' };
}
