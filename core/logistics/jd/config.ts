/**
 * JD Logistics adapter settings (protocols.md §5.3). Two generations: LOP (api.jdl.com, current,
 * default) and JOS (api.jd.com routerjson, legacy). The LOP trace path and answer schema were not
 * found in public material [U]: every name below is a setting with a best-guess default, and the
 * sandbox/jd simulator speaks exactly these defaults.
 */
import type { CarrierErrorKind } from '../types.js';
import type { TrackingState } from '../taxonomy.js';
import type { CarrierEnv } from '../partner-http.js';
import { logisticsEndpointFor, type LogisticsPartnersConfig } from '../partners-config.js';

export interface JdCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** 商家编码 (JOS `customerCode`, also sent to LOP). */
  customerCode: string;
}

export interface JdOptions {
  api: 'lop' | 'jos';
  /** LOP `LOP-DN` query parameter (§5.3: e.g. `ECAP`). */
  lopDn: string;
  /** [U] LOP trace path and field names (dot paths into the answer). */
  lopPath: string;
  lopBodyAsArray: boolean;
  lopFields: { code: string; okCodes: string[]; message: string; list: string; time: string; title: string; remark: string; location: string };
  /** JOS router (§5.3 [S]) and trace method. */
  josUrl: string;
  josMethod: string;
  /** Error codes (LOP `code`, JOS `error_response.code`, querytrace_result.code) → kind; unlisted → 'permanent'. */
  errorKinds: Record<string, CarrierErrorKind>;
  titleStates: Record<string, TrackingState>;
}

export const JD_DEFAULT_OPTIONS: JdOptions = {
  api: 'lop',
  lopDn: 'ECAP',
  lopPath: '/ecap/v1/orders/trace/query', // [U]
  lopBodyAsArray: true, // [U] LOP bodies are the SDK's argument list serialised as a JSON array
  lopFields: { code: 'code', okCodes: ['0'], message: 'msg', list: 'data.traceDetails', time: 'operationTime', title: 'operationTitle', remark: 'operationRemark', location: 'city' }, // [U]
  josUrl: 'https://api.jd.com/routerjson',
  josMethod: 'jingdong.ldop.receive.trace.get',
  errorKinds: {},
  titleStates: {},
};

export interface JdAdapterConfig {
  host: string;
  credentials: JdCredentials;
  options: JdOptions;
  env: CarrierEnv;
}

export function jdConfigFrom(partners: LogisticsPartnersConfig, env: Omit<CarrierEnv, 'timeoutMs'>): JdAdapterConfig {
  const c = partners.credentials?.jd ?? {};
  const o = (partners.options?.jd ?? {}) as Partial<JdOptions>;
  return {
    host: logisticsEndpointFor('jd', partners)!,
    credentials: { appKey: c.appKey ?? '', appSecret: c.appSecret ?? '', accessToken: c.accessToken ?? '', customerCode: c.customerCode ?? '' },
    options: { ...JD_DEFAULT_OPTIONS, ...o, lopFields: { ...JD_DEFAULT_OPTIONS.lopFields, ...(o.lopFields ?? {}) } },
    env: { ...env, timeoutMs: partners.timeoutMs ?? 15_000 },
  };
}
