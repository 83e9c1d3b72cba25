/**
 * Logistics partner settings, read from createCore's `partners.logistics` (like core/channels/gateways.ts):
 * which partner follows which carrier, each partner's endpoint and credentials, polling cadence and
 * per-partner rate limits. Every [U] value of protocols.md §5 lives here, not in code.
 */
import { withCarrierOverrides, type CarrierCodeOverrides, type CarrierInfo } from './carriers.js';
import { readKuaidi100Config, type Kuaidi100Config } from './kuaidi100/config.js';
import type { LogisticsPartner } from './types.js';

export interface PollSettings {
  /** How often a parcel is queried while no push subscription covers it. */
  intervalMs: number;
  /** Safety-net query while subscribed (Kuaidi100 itself polls carriers every ~4 h, §5.4). */
  subscribedIntervalMs: number;
  /** Failure backoff per parcel (jittered, core/kernel/backoff.ts). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** After Kuaidi100 `abort` (e.g. 3天查询无记录) re-subscribe after ~30 min (§5.4). */
  resubscribeAfterMs: number;
  /** Parcels taken per tick. */
  batch: number;
  /** Concurrent requests per partner. */
  concurrency: number;
  /** Calls a minute allowed to each partner [U]; a rate-limit answer also pauses the partner. */
  perMinute: Partial<Record<LogisticsPartner, number>>;
  /** Pause after a rate-limit answer without Retry-After. */
  rateLimitPauseMs: number;
}

export interface LogisticsConfig {
  /** Partner for carriers not listed in `routes`: the aggregator follows everything by default. */
  defaultPartner: LogisticsPartner;
  /** Carrier → partner, e.g. { SF: 'sf' } once the direct SF adapter is configured. */
  routes: Record<string, LogisticsPartner>;
  kuaidi100: Kuaidi100Config | null;
  /** The other partners' raw settings, read by their own adapters (core/logistics/sf|zto|jd|kdniao). */
  partners: Partial<Record<Exclude<LogisticsPartner, 'kuaidi100'>, Record<string, unknown>>>;
  carriers: CarrierInfo[];
  poll: PollSettings;
}

export const DEFAULT_POLL: PollSettings = {
  intervalMs: 60 * 60_000,
  subscribedIntervalMs: 6 * 60 * 60_000,
  backoffBaseMs: 5 * 60_000,
  backoffMaxMs: 6 * 60 * 60_000,
  resubscribeAfterMs: 30 * 60_000,
  batch: 200,
  concurrency: 4,
  perMinute: { kuaidi100: 120, kdniao: 120, sf: 60, zto: 60, jd: 60 },
  rateLimitPauseMs: 60_000,
};

export function readLogisticsConfig(partners: Record<string, unknown> | undefined): LogisticsConfig {
  const v = (partners?.logistics ?? {}) as Record<string, unknown>;
  const poll = (v.poll ?? {}) as Partial<PollSettings>;
  const others: LogisticsConfig['partners'] = {};
  for (const p of ['kdniao', 'sf', 'zto', 'jd'] as const) if (v[p] && typeof v[p] === 'object') others[p] = v[p] as Record<string, unknown>;
  return {
    defaultPartner: (v.defaultPartner as LogisticsPartner | undefined) ?? 'kuaidi100',
    routes: (v.routes ?? {}) as Record<string, LogisticsPartner>,
    kuaidi100: readKuaidi100Config(v.kuaidi100),
    partners: others,
    carriers: withCarrierOverrides((partners?.carrierCodes ?? v.carrierCodes ?? {}) as CarrierCodeOverrides),
    poll: { ...DEFAULT_POLL, ...poll, perMinute: { ...DEFAULT_POLL.perMinute, ...(poll.perMinute ?? {}) } },
  };
}

export function partnerFor(config: LogisticsConfig, carrier: string): LogisticsPartner {
  return config.routes[carrier] ?? config.defaultPartner;
}
