/**
 * Where each platform's open API lives. Real gateways by default; the demo, the browser tests and
 * the benchmarks point these at the sandbox simulators (createCore's `partners`).
 */
import type { Channel } from '../contract/orders.js';

export const DEFAULT_GATEWAYS: Partial<Record<Channel, string>> = {
  taobao: 'https://gw.api.taobao.com/router/rest', // protocols.md §1.1 [V]
  pinduoduo: 'https://gw-api.pinduoduo.com/api/router', // protocols.md §2.1 [V]
  douyin: 'https://openapi-fxg.jinritemai.com', // protocols.md §3.1 [V]
};

export interface PartnersConfig {
  gateways?: Partial<Record<Channel, string>>;
  /** Per-request timeout for platform calls. */
  timeoutMs?: number;
  /** Refresh a shop's access token when less than this is left (default 30 min). */
  tokenRefreshMarginMs?: number;
  /** Each platform's authorise page, where it differs from the connector's default (sandbox, [U] pages). */
  authoriseUrls?: Partial<Record<Channel, string>>;
  /** The redirect URI registered with the platforms' apps, when the caller names none. */
  oauthRedirectUri?: string;
}

export function gatewayFor(channel: Channel, partners: PartnersConfig | undefined): string | null {
  return partners?.gateways?.[channel] ?? DEFAULT_GATEWAYS[channel] ?? null;
}

export function readPartners(value: Record<string, unknown> | undefined): PartnersConfig {
  const gateways = (value?.gateways ?? {}) as Partial<Record<Channel, string>>;
  const timeoutMs = typeof value?.timeoutMs === 'number' ? value.timeoutMs : 15_000;
  const config: PartnersConfig = { gateways, timeoutMs, authoriseUrls: (value?.authoriseUrls ?? {}) as Partial<Record<Channel, string>> };
  if (typeof value?.tokenRefreshMarginMs === 'number') config.tokenRefreshMarginMs = value.tokenRefreshMarginMs;
  if (typeof value?.oauthRedirectUri === 'string') config.oauthRedirectUri = value.oauthRedirectUri;
  return config;
}
