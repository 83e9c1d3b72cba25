/**
 * Carrier API settings (issue 4): which tracking partners the engine calls — the Kuaidi100 and Kdniao
 * aggregators, the SF / ZTO / JD courier APIs (protocols.md §5.1–§5.5) — with what credentials, at
 * which endpoint, and which carriers each follows. An admin sets them in the Logistics workspace;
 * credentials are stored encrypted by the secrets module and never returned, only whether each is set.
 */
import type { LOGISTICS_PARTNERS } from './logistics.js';

export type TrackingPartner = (typeof LOGISTICS_PARTNERS)[number];

/** One credential a partner signs with, named as its adapter's config.ts documents it. */
export interface PartnerFieldInfo {
  key: string;
  /** Secrets are write-only: the engine says whether one is stored, never what it is. */
  secret: boolean;
  /** Without it the partner cannot be called. */
  required: boolean;
}

export interface LogisticsPartnerInfo {
  partner: TrackingPartner;
  /** Aggregators follow every carrier they know; a courier API follows only its own parcels. */
  kind: 'aggregator' | 'courier';
  fields: PartnerFieldInfo[];
  /** Per field: is a value stored (or given at start-up)? */
  configured: Record<string, boolean>;
  /** The non-secret fields' values (customer number, app key, partner id…), for the form. */
  values: Record<string, string>;
  /** The endpoint in use: the stored override, else the start-up setting, else the real one. */
  endpoint: string | null;
  /** The partner's real production endpoint (protocols.md §5). */
  defaultEndpoint: string | null;
  /** Kuaidi100 only: our /hooks/kuaidi100 as the partner reaches it (push subscriptions); null = poll only. */
  callbackUrl: string | null;
  /** Carriers routed to this partner. The default partner also follows every carrier not routed elsewhere. */
  carriers: string[];
  /** The carriers this partner can follow at all (a courier API: its own). Empty = any. */
  serves: string[];
  isDefault: boolean;
  /** An adapter is built from these settings and the poller uses it. */
  active: boolean;
  /** Where the credentials come from: saved in the console, the engine's start-up options, or nowhere. */
  source: 'stored' | 'startup' | 'none';
  updatedAt: number | null;
}

export interface PartnerSettingsInput {
  partner: TrackingPartner;
  /** Credential values; a blank or missing field keeps what is stored. */
  credentials?: Record<string, string>;
  /** Override of the endpoint; null or '' goes back to the real one. */
  endpoint?: string | null;
  callbackUrl?: string | null;
  carriers?: string[];
  /** Make this aggregator the partner for every carrier not routed elsewhere. */
  makeDefault?: boolean;
  /** Saves only: the `updatedAt` the form loaded (null: nothing saved then); a newer save is a Conflict. */
  expectedUpdatedAt?: number | null;
}

/** A real signed query with the given (or stored) settings, saved or not. */
export interface PartnerTestInput extends PartnerSettingsInput {
  /** A waybill to query; by default a number of the partner's own carrier (or SF) that will not exist. */
  waybillNo?: string;
  carrier?: string;
}

export interface PartnerTestResult {
  /** connected: the partner accepted our signature (a "no such waybill" answer counts); refused: it did not. */
  outcome: 'connected' | 'refused' | 'unreachable' | 'error';
  ok: boolean;
  /** The partner's own code and words, verbatim. */
  partnerCode: string | null;
  message: string;
  /** Trail events the query returned (a real waybill). */
  events: number;
  elapsedMs: number;
}

export interface LogisticsPartnerHandlers {
  'logistics/partners': { args: Record<string, never>; result: LogisticsPartnerInfo[] };
  'logistics/setPartner': { args: PartnerSettingsInput; result: LogisticsPartnerInfo };
  /** Forget the saved settings (credentials included); start-up settings, if any, apply again. */
  'logistics/clearPartner': { args: { partner: TrackingPartner }; result: LogisticsPartnerInfo };
  'logistics/testPartner': { args: PartnerTestInput; result: PartnerTestResult };
}
