/**
 * Where each logistics partner's API lives and which credentials sign the calls, read the same way
 * as the platform gateways (core/channels/gateways.ts): real endpoints by default, overridden per
 * partner from settings (the demo, tests and benchmarks point them at the sandbox simulators).
 * Per-partner [U] knobs (protocols.md §9) travel as `options.<partner>` and are read by each
 * adapter's own `config.ts`, so a wrong guess about an unconfirmed value is a setting, not a release.
 */
import type { LogisticsPartner } from './types.js';

export const DEFAULT_LOGISTICS_ENDPOINTS: Partial<Record<LogisticsPartner, string>> = {
  sf: 'https://sfapi.sf-express.com/std/service', // protocols.md §5.1 [V] (sandbox: https://sfapi-sbox.sf-express.com/std/service)
  zto: 'https://japi.zto.com', // protocols.md §5.2 [S] (test: https://japi-test.zto.com)
  jd: 'https://api.jdl.com', // protocols.md §5.3 LOP [S] (UAT: https://uat-api.jdl.com)
  kdniao: 'https://api.kdniao.com/Ebusiness/EbusinessOrderHandle.aspx', // protocols.md §5.5 [S]
};

export interface LogisticsPartnersConfig {
  endpoints?: Partial<Record<LogisticsPartner, string>>;
  /** Credentials per partner, field names as each adapter's config.ts documents them. */
  credentials?: Partial<Record<LogisticsPartner, Record<string, string>>>;
  /** [U] knobs per partner (each adapter's `Options` type, partially). */
  options?: Partial<Record<LogisticsPartner, Record<string, unknown>>>;
  timeoutMs?: number;
}

export function logisticsEndpointFor(partner: LogisticsPartner, config: LogisticsPartnersConfig | undefined): string | null {
  return config?.endpoints?.[partner] ?? DEFAULT_LOGISTICS_ENDPOINTS[partner] ?? null;
}

export function readLogisticsPartners(value: Record<string, unknown> | undefined): LogisticsPartnersConfig {
  const obj = (v: unknown): Record<string, never> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, never>) : {});
  return {
    endpoints: obj(value?.endpoints),
    credentials: obj(value?.credentials),
    options: obj(value?.options),
    timeoutMs: typeof value?.timeoutMs === 'number' ? value.timeoutMs : 15_000,
  };
}
