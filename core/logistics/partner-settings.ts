/**
 * Carrier API settings saved in the console (issue 4): an admin gives each tracking partner its
 * credentials, endpoint and carriers, and they are laid over the engine's start-up `partners.logistics`
 * option. Non-secret settings are JSON in `settings` (`logistics.partner.<partner>`); the credentials
 * are one encrypted secret of the same name (core/secrets). Saved settings of a partner replace its
 * start-up credentials and routes as a whole; the start-up [U] knobs (`options`) stay.
 */
import type { FieldChange } from '../contract/audit.js';
import type { PartnerSettingsInput, TrackingPartner } from '../contract/logistics-partners.js';
import { LOGISTICS_PARTNERS } from '../contract/logistics.js';
import { fail } from '../kernel/errors.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import type { Db } from '../store/db.js';
import { carrierInfo } from './carriers.js';
import { readLogisticsConfig, type LogisticsConfig } from './config.js';
import { PARTNER_DESCRIPTORS } from './partner-fields.js';

export interface StoredPartner {
  endpoint: string | null;
  callbackUrl: string | null;
  carriers: string[];
  updatedAt: number;
}

type Raw = Record<string, unknown>;
const DEFAULT_KEY = 'logistics.defaultPartner';
export const partnerKey = (partner: TrackingPartner) => `logistics.partner.${partner}`;

const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A partner's credentials as a `partners.logistics` object holds them (Kuaidi100 flat, the others nested). */
export function rawCredentials(logistics: Raw, partner: TrackingPartner): Record<string, string> {
  const own = obj(logistics[partner]);
  const source = partner === 'kuaidi100' ? own : { ...obj(own.credentials), ...(partner === 'sf' ? { pushToken: obj(own.options).pushToken } : {}) };
  const out: Record<string, string> = {};
  for (const { key } of PARTNER_DESCRIPTORS[partner].fields) {
    const value = text(source[key]);
    if (value) out[key] = value;
  }
  return out;
}

export function rawEndpoint(logistics: Raw, partner: TrackingPartner): string | null {
  const own = obj(logistics[partner]);
  return text(partner === 'kuaidi100' ? (own.baseUrl ?? own.endpoint) : own.endpoint);
}

export class CarrierApiSettings {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    /** createCore's `partners` option as given (demo, tests and deployments set it in code). */
    private readonly startup: Raw | undefined,
  ) {}

  startupLogistics(): Raw {
    return obj(this.startup?.logistics);
  }

  stored(partner: TrackingPartner): { settings: StoredPartner; credentials: Record<string, string> } | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(partnerKey(partner)) as { value: string } | undefined;
    if (!row) return null;
    const secret = this.secrets.get(partnerKey(partner));
    return { settings: JSON.parse(row.value) as StoredPartner, credentials: secret ? (JSON.parse(secret) as Record<string, string>) : {} };
  }

  storedDefault(): TrackingPartner | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(DEFAULT_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as TrackingPartner) : null;
  }

  /** The `partners.logistics` object the engine runs with: start-up settings, saved ones laid over. */
  effectiveLogistics(): Raw {
    const out: Raw = { ...this.startupLogistics() };
    const routes: Record<string, string> = { ...(obj(out.routes) as Record<string, string>) };
    for (const partner of LOGISTICS_PARTNERS) {
      const saved = this.stored(partner);
      if (!saved) continue;
      out[partner] = layOver(obj(out[partner]), partner, saved);
      for (const [carrier, to] of Object.entries(routes)) if (to === partner) delete routes[carrier];
      for (const carrier of saved.settings.carriers) routes[carrier] = partner;
    }
    out.routes = routes;
    const preferred = this.storedDefault();
    if (preferred) out.defaultPartner = preferred;
    return out;
  }

  effectiveConfig(): LogisticsConfig {
    return readLogisticsConfig({ ...this.startup, logistics: this.effectiveLogistics() });
  }

  /** The config a candidate save would give (connection tests use it before anything is stored). */
  candidateConfig(input: PartnerSettingsInput): LogisticsConfig {
    const next = this.merge(input);
    const logistics = this.effectiveLogistics();
    logistics[input.partner] = layOver(obj(logistics[input.partner]), input.partner, { settings: { ...next.settings, updatedAt: 0 }, credentials: next.credentials });
    return readLogisticsConfig({ ...this.startup, logistics });
  }

  /** What a save would store: blank credential fields keep the values in use; checked against the descriptor. */
  merge(input: PartnerSettingsInput): { settings: Omit<StoredPartner, 'updatedAt'>; credentials: Record<string, string> } {
    const { partner } = input;
    const descriptor = PARTNER_DESCRIPTORS[partner];
    const logistics = this.effectiveLogistics();
    const credentials = { ...rawCredentials(logistics, partner) };
    const problems: Record<string, string> = {};
    for (const [key, value] of Object.entries(input.credentials ?? {})) {
      if (!descriptor.fields.some((f) => f.key === key)) problems[key] = `not a ${partner} credential`;
      else if (value.trim() !== '') credentials[key] = value.trim();
    }
    for (const field of descriptor.fields) if (field.required && !credentials[field.key]) problems[field.key] = 'required';
    const saved = this.stored(partner)?.settings;
    const endpoint = input.endpoint === undefined ? (saved?.endpoint ?? null) : text(input.endpoint?.trim());
    const callbackUrl = input.callbackUrl === undefined ? (saved?.callbackUrl ?? null) : text(input.callbackUrl?.trim());
    for (const [field, url] of [['endpoint', endpoint], ['callbackUrl', callbackUrl]] as const) if (url !== null && !isHttpUrl(url)) problems[field] = 'not an http(s) URL';
    if (callbackUrl !== null && partner !== 'kuaidi100') problems.callbackUrl = 'only Kuaidi100 subscriptions take a callback URL here';
    const currentCarriers = Object.entries(obj(logistics.routes)).filter(([, to]) => to === partner).map(([c]) => c);
    const carriers = [...new Set((input.carriers ?? currentCarriers).map((c) => c.trim().toUpperCase()))].sort();
    for (const carrier of carriers) {
      if (!carrierInfo(carrier)) problems.carriers = `unknown carrier ${carrier}`;
      else if (descriptor.serves.length > 0 && !descriptor.serves.includes(carrier)) problems.carriers = `${partner} follows only ${descriptor.serves.join(', ')} parcels, not ${carrier}`;
    }
    if (input.makeDefault && descriptor.kind !== 'aggregator') problems.makeDefault = 'only an aggregator can follow every carrier';
    if (Object.keys(problems).length > 0) throw fail.validation(`The ${partner} settings are incomplete or wrong: ${Object.entries(problems).map(([k, v]) => `${k} ${v}`).join('; ')}.`, problems);
    return { settings: { endpoint, callbackUrl, carriers }, credentials };
  }

  /** Inside one audited write; the secret store audits the credential itself (never its value). */
  save(w: WriteContext, input: PartnerSettingsInput): void {
    const { partner } = input;
    const before = this.stored(partner);
    const current = before?.settings.updatedAt ?? null;
    // Two admins in the same dialog: the second save must not silently undo the first.
    if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== current) {
      throw fail.conflict(`The ${partner} settings were changed by someone else${current ? ` at ${new Date(current).toISOString()}` : ''}; reopen them and apply your change again.`, { updatedAt: current });
    }
    const next = this.merge(input);
    // updatedAt is also the version forms send back (expectedUpdatedAt): it must move on every save.
    const settings: StoredPartner = { ...next.settings, updatedAt: Math.max(w.at, (current ?? 0) + 1) };
    w.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(partnerKey(partner), JSON.stringify(settings));
    this.secrets.put(w, partnerKey(partner), JSON.stringify(next.credentials));
    const changedFields = PARTNER_DESCRIPTORS[partner].fields.filter((f) => (before?.credentials[f.key] ?? null) !== (next.credentials[f.key] ?? null)).map((f) => f.key);
    const changes: FieldChange[] = (['endpoint', 'callbackUrl', 'carriers'] as const)
      .filter((k) => JSON.stringify(before?.settings[k] ?? null) !== JSON.stringify(settings[k]))
      .map((field) => ({ field, before: before?.settings[field] ?? null, after: settings[field] }));
    if (input.makeDefault && this.storedDefault() !== partner) {
      changes.push({ field: 'defaultPartner', before: this.storedDefault() ?? text(this.startupLogistics().defaultPartner) ?? 'kuaidi100', after: partner });
      w.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DEFAULT_KEY, JSON.stringify(partner));
    }
    w.audit({ entityType: 'logistics-partner', entityId: partner, action: before ? 'update' : 'configure', changes, reason: changedFields.length > 0 ? `credentials changed: ${changedFields.join(', ')}` : 'credentials unchanged' });
  }

  clear(w: WriteContext, partner: TrackingPartner): boolean {
    const existed = w.db.prepare('DELETE FROM settings WHERE key = ?').run(partnerKey(partner)).changes > 0;
    if (!existed) return false;
    this.secrets.delete(w, partnerKey(partner));
    if (this.storedDefault() === partner) w.db.prepare('DELETE FROM settings WHERE key = ?').run(DEFAULT_KEY);
    w.audit({ entityType: 'logistics-partner', entityId: partner, action: 'clear', reason: 'saved carrier API settings removed; start-up settings apply again' });
    return true;
  }
}

/** One partner's saved settings over its start-up object, in the shape its config reader takes. */
function layOver(startup: Raw, partner: TrackingPartner, saved: { settings: Omit<StoredPartner, 'updatedAt'> | StoredPartner; credentials: Record<string, string> }): Raw {
  const { endpoint, callbackUrl } = saved.settings;
  const c = saved.credentials;
  if (partner === 'kuaidi100') {
    const base: Raw = { ...startup, customer: c.customer ?? '', key: c.key ?? '', salt: c.salt ?? '' };
    if (endpoint) base.baseUrl = endpoint;
    if (callbackUrl) base.callbackUrl = callbackUrl;
    return base;
  }
  const { pushToken, ...credentials } = c;
  const options = { ...obj(startup.options), ...(partner === 'sf' ? { pushToken: pushToken ?? null } : {}) };
  return { ...startup, credentials, options, ...(endpoint ? { endpoint } : {}) };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
