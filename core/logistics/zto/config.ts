/**
 * ZTO adapter settings (protocols.md §5.2): appKey / appSecret of the ZOP app, and the [U] values
 * (§9: track-query schema, push digest and ack) as overridable options.
 */
import type { CarrierErrorKind } from '../types.js';
import type { TrackingState } from '../taxonomy.js';
import type { CarrierEnv } from '../partner-http.js';
import { logisticsEndpointFor, type LogisticsPartnersConfig } from '../partners-config.js';

export interface ZtoCredentials {
  appKey: string;
  appSecret: string;
}

export interface ZtoOptions {
  /** API names appended to the host (§5.2 [S]; "subsrcibe" is ZTO's spelling). */
  queryApi: string;
  subscribeApi: string;
  /** Track-query request/response field names — the schema is [U] (§5.2); defaults follow the push fields. */
  query: { billCode: string; phone: string; list: string; status: string[]; time: string[]; desc: string[]; location: string[] };
  /** statusCode → kind (§5.2 [S] common codes); unlisted → 'permanent'. */
  errorKinds: Record<string, CarrierErrorKind>;
  /** Extra action / scanType values → state. */
  statuses: Record<string, TrackingState>;
  /** Push: which msg_type carries traces, and the ack body ZTO expects ([U], not captured). */
  pushMsgType: string;
  pushAck: string;
}

export const ZTO_DEFAULT_OPTIONS: ZtoOptions = {
  queryApi: 'zto.merchant.waybill.track.query',
  subscribeApi: 'zto.merchant.waybill.track.subsrcibe',
  query: { billCode: 'billCode', phone: 'mobilePhone', list: 'result', status: ['action', 'scanType'], time: ['actionTime', 'scanDate'], desc: ['desc'], location: ['city', 'facilityName'] },
  errorKinds: {
    S200: 'transient', S202: 'transient', S203: 'transient', S206: 'rate-limit', S207: 'permanent', S208: 'permanent',
    S210: 'auth', S211: 'auth', S212: 'auth', S214: 'auth', S221: 'rate-limit',
    E404: 'auth', E409: 'permanent', E413: 'permanent', E416: 'not-found', E418: 'auth',
  },
  statuses: {},
  pushMsgType: 'Traces',
  pushAck: '{"status":true,"statusCode":"SYS000","message":"成功","result":null}',
};

export interface ZtoAdapterConfig {
  host: string;
  credentials: ZtoCredentials;
  options: ZtoOptions;
  env: CarrierEnv;
}

export function ztoConfigFrom(partners: LogisticsPartnersConfig, env: Omit<CarrierEnv, 'timeoutMs'>): ZtoAdapterConfig {
  const c = partners.credentials?.zto ?? {};
  const o = (partners.options?.zto ?? {}) as Partial<ZtoOptions>;
  return {
    host: logisticsEndpointFor('zto', partners)!,
    credentials: { appKey: c.appKey ?? '', appSecret: c.appSecret ?? '' },
    options: { ...ZTO_DEFAULT_OPTIONS, ...o, query: { ...ZTO_DEFAULT_OPTIONS.query, ...(o.query ?? {}) }, errorKinds: { ...ZTO_DEFAULT_OPTIONS.errorKinds, ...(o.errorKinds ?? {}) } },
    env: { ...env, timeoutMs: partners.timeoutMs ?? 15_000 },
  };
}
