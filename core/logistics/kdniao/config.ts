/** Kdniao adapter settings (protocols.md §5.5): EBusinessID + AppKey, request types, [U] push ack. */
import type { CarrierEnv } from '../partner-http.js';
import { logisticsEndpointFor, type LogisticsPartnersConfig } from '../partners-config.js';

export interface KdniaoCredentials {
  eBusinessId: string;
  appKey: string;
}

export interface KdniaoOptions {
  /** §5.5: 8001 在途监控即时查询 (增值, default) or 1002 即时查询 (free tier). */
  queryRequestType: '8001' | '1002';
  /** §5.5: 8008 订阅 (增值, default) or 1008 轨迹订阅. */
  subscribeRequestType: '8008' | '1008';
  /** Push RequestTypes we accept (§5.5: 101 轨迹推送, 102 增值推送). */
  pushRequestTypes: string[];
}

export const KDNIAO_DEFAULT_OPTIONS: KdniaoOptions = { queryRequestType: '8001', subscribeRequestType: '8008', pushRequestTypes: ['101', '102'] };

export interface KdniaoAdapterConfig {
  endpoint: string;
  credentials: KdniaoCredentials;
  options: KdniaoOptions;
  env: CarrierEnv;
}

export function kdniaoConfigFrom(partners: LogisticsPartnersConfig, env: Omit<CarrierEnv, 'timeoutMs'>): KdniaoAdapterConfig {
  const c = partners.credentials?.kdniao ?? {};
  return {
    endpoint: logisticsEndpointFor('kdniao', partners)!,
    credentials: { eBusinessId: c.eBusinessId ?? '', appKey: c.appKey ?? '' },
    options: { ...KDNIAO_DEFAULT_OPTIONS, ...((partners.options?.kdniao ?? {}) as Partial<KdniaoOptions>) },
    env: { ...env, timeoutMs: partners.timeoutMs ?? 15_000 },
  };
}
