/**
 * SF adapter settings: credentials (顾客编码 partnerID + 校验码 checkWord, protocols.md §5.1) and the
 * [U] values of §5.1/§9 as overridable options.
 */
import type { CarrierErrorKind } from '../types.js';
import type { TrackingState } from '../taxonomy.js';
import { type CarrierEnv } from '../partner-http.js';
import { logisticsEndpointFor, type LogisticsPartnersConfig } from '../partners-config.js';

export interface SfCredentials {
  partnerId: string;
  checkWord: string;
}

export interface SfOptions {
  /** §5.1: the official Python SDK sends seconds, Java samples milliseconds; both are accepted. */
  timestampUnit: 'ms' | 's';
  /** msgData `language` ("0" = Chinese) and `methodType` ("1" = standard), §5.1 [V] sample. */
  language: string;
  methodType: string;
  /** Gateway codes other than A1000 are [U] (§5.1): their meaning is a setting. Unlisted → 'permanent'. */
  gatewayErrorKinds: Record<string, CarrierErrorKind>;
  /** Business errorCode (apiResultData.errorCode) → kind; unlisted → 'permanent'. */
  businessErrorKinds: Record<string, CarrierErrorKind>;
  /** Extra SF status names (firstStatusName/secondaryStatusName) → state. */
  statusNames: Record<string, TrackingState>;
  /**
   * SF documents no signature on RoutePushService (丰桥 路由推送 doc, showdoc mirror). The push URL
   * we register can carry our own secret (`?token=…`); when set, a push without it is refused.
   */
  pushToken: string | null;
}

export const SF_DEFAULT_OPTIONS: SfOptions = {
  timestampUnit: 'ms',
  language: '0',
  methodType: '1',
  // Commonly cited, unconfirmed [U] (§5.1): A1001 missing params, A1002 expired request, A1006 bad signature.
  gatewayErrorKinds: { A1001: 'permanent', A1002: 'transient', A1006: 'auth' },
  businessErrorKinds: {},
  statusNames: {},
  pushToken: null,
};

export interface SfAdapterConfig {
  endpoint: string;
  credentials: SfCredentials;
  options: SfOptions;
  env: CarrierEnv;
}

export function sfConfigFrom(partners: LogisticsPartnersConfig, env: Omit<CarrierEnv, 'timeoutMs'>): SfAdapterConfig {
  const c = partners.credentials?.sf ?? {};
  return {
    endpoint: logisticsEndpointFor('sf', partners)!,
    credentials: { partnerId: c.partnerId ?? '', checkWord: c.checkWord ?? '' },
    options: { ...SF_DEFAULT_OPTIONS, ...((partners.options?.sf ?? {}) as Partial<SfOptions>) },
    env: { ...env, timeoutMs: partners.timeoutMs ?? 15_000 },
  };
}
