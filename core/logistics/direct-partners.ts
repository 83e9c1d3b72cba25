/**
 * The direct courier APIs and the second aggregator (SF, ZTO, JD, Kdniao — protocols.md §5.1–§5.3,
 * §5.5) joined to the engine: an adapter for the poller and a push parser for /hooks/<partner>, each
 * built only when its credentials are configured under `partners.logistics.<partner>`:
 *
 *   { endpoint?, credentials: {…}, options?: {…}, timeoutMs? }
 *
 * (credential field names as each adapter's config.ts documents them). Route carriers to them with
 * `partners.logistics.routes`, e.g. `{ SF: 'sf' }`; everything else stays with Kuaidi100.
 */
import type { LogisticsConfig } from './config.js';
import { createJdAdapter } from './jd/adapter.js';
import { jdConfigFrom } from './jd/config.js';
import { createKdniaoAdapter } from './kdniao/adapter.js';
import { kdniaoConfigFrom } from './kdniao/config.js';
import { createKdniaoPushParser } from './kdniao/push.js';
import type { LogisticsPartnersConfig } from './partners-config.js';
import { createSfAdapter } from './sf/adapter.js';
import { sfConfigFrom } from './sf/config.js';
import { createSfPushParser, sfPushFailureReply } from './sf/push.js';
import type { CarrierAdapter, CarrierPushRegistration, LogisticsPartner } from './types.js';
import { createZtoAdapter } from './zto/adapter.js';
import { ztoConfigFrom } from './zto/config.js';
import { createZtoPushParser } from './zto/push.js';

type Direct = Exclude<LogisticsPartner, 'kuaidi100'>;

/** The per-partner settings in the shape the adapters' config readers take. */
function partnersConfig(config: LogisticsConfig, partner: Direct): LogisticsPartnersConfig | null {
  const raw = config.partners[partner];
  const credentials = raw?.credentials;
  if (!raw || !credentials || typeof credentials !== 'object' || Object.keys(credentials).length === 0) return null;
  return {
    endpoints: typeof raw.endpoint === 'string' ? { [partner]: raw.endpoint } : {},
    credentials: { [partner]: credentials as Record<string, string> },
    options: raw.options && typeof raw.options === 'object' ? { [partner]: raw.options as Record<string, unknown> } : {},
    ...(typeof raw.timeoutMs === 'number' ? { timeoutMs: raw.timeoutMs } : {}),
  };
}

const env = { fetch: (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => fetch(input, init), now: () => Date.now() };

export const DIRECT_ADAPTERS: Record<Direct, (config: LogisticsConfig) => CarrierAdapter | null> = {
  sf: (config) => {
    const p = partnersConfig(config, 'sf');
    return p ? createSfAdapter(sfConfigFrom(p, env)) : null;
  },
  zto: (config) => {
    const p = partnersConfig(config, 'zto');
    return p ? createZtoAdapter(ztoConfigFrom(p, env)) : null;
  },
  jd: (config) => {
    const p = partnersConfig(config, 'jd');
    return p ? createJdAdapter(jdConfigFrom(p, env)) : null;
  },
  kdniao: (config) => {
    const p = partnersConfig(config, 'kdniao');
    return p ? createKdniaoAdapter(kdniaoConfigFrom(p, env)) : null;
  },
};

/** JD offers no push here (poll only); SF signs nothing, so its URL token authenticates (sf/push.ts). */
export const DIRECT_PUSH_PARSERS: Partial<Record<Direct, (config: LogisticsConfig) => CarrierPushRegistration | null>> = {
  sf: (config) => {
    const p = partnersConfig(config, 'sf');
    if (!p) return null;
    const sf = sfConfigFrom(p, env);
    return { parse: createSfPushParser(sf.options), failureReply: (_status, message) => sfPushFailureReply('json', message) };
  },
  zto: (config) => {
    const p = partnersConfig(config, 'zto');
    if (!p) return null;
    const zto = ztoConfigFrom(p, env);
    return { parse: createZtoPushParser(zto.credentials, zto.options) };
  },
  kdniao: (config) => {
    const p = partnersConfig(config, 'kdniao');
    if (!p) return null;
    const kd = kdniaoConfigFrom(p, env);
    return { parse: createKdniaoPushParser(kd.credentials, kd.options, () => Date.now()) };
  },
};
