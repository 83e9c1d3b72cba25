/**
 * Handlers of the carrier API settings (core/contract/logistics-partners.ts): list, save, clear, and a
 * real signed test query with unsaved values. A save rebuilds the running adapters and push parsers,
 * so the next poll or push uses the new credentials without a restart.
 */
import { z } from 'zod';
import type { LogisticsPartnerHandlers, LogisticsPartnerInfo, PartnerTestResult, TrackingPartner } from '../contract/logistics-partners.js';
import { LOGISTICS_PARTNERS } from '../contract/logistics.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { partnerFor } from './config.js';
import { PARTNER_DESCRIPTORS } from './partner-fields.js';
import { rawCredentials, rawEndpoint, type CarrierApiSettings } from './partner-settings.js';
import { ADAPTER_FACTORIES, type LogisticsService } from './service.js';
import { CarrierError } from './types.js';

const partner = z.enum(LOGISTICS_PARTNERS);
const settingsArgs = {
  partner,
  credentials: z.record(z.string().max(64), z.string().max(512)).optional(),
  endpoint: z.string().max(500).nullable().optional(),
  callbackUrl: z.string().max(500).nullable().optional(),
  carriers: z.array(z.string().max(16)).max(40).optional(),
  makeDefault: z.boolean().optional(),
  expectedUpdatedAt: z.number().int().nullable().optional(),
};

export function logisticsPartnerHandlers(service: LogisticsService, settings: CarrierApiSettings): ModuleHandlers<keyof LogisticsPartnerHandlers> {
  const { mutations } = service.deps;
  const reload = () => service.reconfigure(settings.effectiveConfig());
  return {
    'logistics/partners': { permission: 'logistics.partners', args: z.object({}).default({}), run: () => LOGISTICS_PARTNERS.map((p) => describePartner(service, settings, p)) },
    'logistics/setPartner': {
      permission: 'logistics.partners',
      args: z.object(settingsArgs),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => settings.save(w, args));
        reload();
        return describePartner(service, settings, args.partner);
      },
    },
    'logistics/clearPartner': {
      permission: 'logistics.partners',
      args: z.object({ partner }),
      run: async (ctx, args) => {
        await mutations.run(ctx.actor, ctx.source, (w) => settings.clear(w, args.partner));
        reload();
        return describePartner(service, settings, args.partner);
      },
    },
    'logistics/testPartner': {
      permission: 'logistics.partners',
      args: z.object({ ...settingsArgs, waybillNo: z.string().trim().min(4).max(64).optional(), carrier: z.string().trim().max(16).optional() }),
      run: async (_ctx, args) => {
        const adapter = ADAPTER_FACTORIES[args.partner]?.(settings.candidateConfig(args));
        const probe = PARTNER_DESCRIPTORS[args.partner].probe;
        const query = { carrier: args.carrier?.toUpperCase() ?? probe.carrier, waybillNo: args.waybillNo ?? probe.waybillNo, phoneTail: '0000' };
        const started = performance.now();
        const elapsed = () => Math.round(performance.now() - started);
        if (!adapter) return { outcome: 'error', ok: false, partnerCode: null, message: 'These settings do not build an adapter.', events: 0, elapsedMs: 0 } satisfies PartnerTestResult;
        try {
          const result = await adapter.query(query);
          return { outcome: 'connected', ok: true, partnerCode: null, message: query.waybillNo, events: result.events.length, elapsedMs: elapsed() } satisfies PartnerTestResult;
        } catch (err) {
          return { ...classify(err), elapsedMs: elapsed() };
        }
      },
    },
  };
}

/** A "no such waybill" answer proves the partner accepted our signature; an auth error proves it did not. */
function classify(err: unknown): Omit<PartnerTestResult, 'elapsedMs'> {
  if (!(err instanceof CarrierError)) return { outcome: 'error', ok: false, partnerCode: null, message: err instanceof Error ? err.message : String(err), events: 0 };
  const partnerCode = err.partner.code ?? null;
  const message = err.partner.message ? `${err.partner.message} (${err.message})` : err.message;
  if (err.kind === 'not-found') return { outcome: 'connected', ok: true, partnerCode, message, events: 0 };
  if (err.kind === 'auth') return { outcome: 'refused', ok: false, partnerCode, message, events: 0 };
  // A transient error with no partner code never got an answer: refused connection, DNS, timeout.
  if (err.kind === 'transient' && partnerCode === null) return { outcome: 'unreachable', ok: false, partnerCode, message, events: 0 };
  return { outcome: 'error', ok: false, partnerCode, message, events: 0 };
}

export function describePartner(service: LogisticsService, settings: CarrierApiSettings, partner: TrackingPartner): LogisticsPartnerInfo {
  const descriptor = PARTNER_DESCRIPTORS[partner];
  const logistics = settings.effectiveLogistics();
  const credentials = rawCredentials(logistics, partner);
  const saved = settings.stored(partner);
  const config = service.deps.config;
  const routes = config.routes;
  return {
    partner,
    kind: descriptor.kind,
    fields: descriptor.fields,
    configured: Object.fromEntries(descriptor.fields.map((f) => [f.key, Boolean(credentials[f.key])])),
    values: Object.fromEntries(descriptor.fields.filter((f) => !f.secret && credentials[f.key]).map((f) => [f.key, credentials[f.key]!])),
    endpoint: rawEndpoint(logistics, partner) ?? descriptor.defaultEndpoint,
    defaultEndpoint: descriptor.defaultEndpoint,
    callbackUrl: partner === 'kuaidi100' ? (config.kuaidi100?.callbackUrl ?? null) : null,
    carriers: Object.keys(routes).filter((c) => partnerFor(config, c) === partner).sort(),
    serves: descriptor.serves,
    isDefault: config.defaultPartner === partner,
    active: service.adapters.has(partner),
    source: saved ? 'stored' : Object.keys(rawCredentials(settings.startupLogistics(), partner)).length > 0 ? 'startup' : 'none',
    updatedAt: saved?.settings.updatedAt ?? null,
  };
}
