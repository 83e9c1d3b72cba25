/** Words and form values for the tracking partners of the "物流接口" panel (core/contract/logistics-partners.ts). */
import type { LogisticsPartnerInfo, PartnerSettingsInput, PartnerTestInput } from '../../core/contract/logistics-partners.js';
import { CARRIER_CODES } from '../drawer/WaybillRepushCarriers.js';
import { hasMessage, type Translate } from '../i18n/index.js';

export type PartnerState = 'active' | 'inactive' | 'none';

export function partnerName(t: Translate, partner: string): string {
  const key = `partners.name.${partner}`;
  return hasMessage(key) ? t(key) : partner;
}

/** A credential key the engine names (the adapter's config.ts); the key itself if this console does not know it. */
export function fieldLabel(t: Translate, partner: string, field: string): string {
  const key = `partners.field.${partner}.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** Configured = some credential is stored or given at start-up, yet no adapter was built from it. */
export function partnerState(info: LogisticsPartnerInfo): PartnerState {
  if (info.active) return 'active';
  return info.source !== 'none' || Object.values(info.configured).some(Boolean) ? 'inactive' : 'none';
}

/** The carriers an operator may route here: a courier API's own, else every carrier code this console knows. */
export function carrierOptions(info: LogisticsPartnerInfo): string[] {
  const base: string[] = info.serves.length > 0 ? info.serves : [...CARRIER_CODES];
  return [...base, ...info.carriers.filter((c) => !base.includes(c))];
}

/** What the operator edits; secrets start blank (the engine never returns them) and blank keeps the stored one. */
export interface PartnerFormValues {
  credentials: Record<string, string>;
  endpoint: string;
  callbackUrl: string;
  carriers: string[];
  makeDefault: boolean;
}

export function initialValues(info: LogisticsPartnerInfo): PartnerFormValues {
  return {
    credentials: Object.fromEntries(info.fields.map((f) => [f.key, f.secret ? '' : (info.values[f.key] ?? '')])),
    // the real endpoint stays the placeholder, so saving does not pin it as an override
    endpoint: info.endpoint && info.endpoint !== info.defaultEndpoint ? info.endpoint : '',
    callbackUrl: info.callbackUrl ?? '',
    carriers: [...info.carriers],
    makeDefault: info.isDefault,
  };
}

/** Only the typed credentials go out: a blank field keeps what is stored (the contract's rule). */
function typedCredentials(values: PartnerFormValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values.credentials)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
}

/** The parts a connection test signs and sends with: the credentials and the endpoint. */
export function toTestInput(info: LogisticsPartnerInfo, values: PartnerFormValues): PartnerTestInput {
  return { partner: info.partner, credentials: typedCredentials(values), endpoint: values.endpoint.trim() || null };
}

export function toSettingsInput(info: LogisticsPartnerInfo, values: PartnerFormValues): PartnerSettingsInput {
  return {
    ...toTestInput(info, values),
    ...(info.partner === 'kuaidi100' ? { callbackUrl: values.callbackUrl.trim() || null } : {}),
    carriers: values.carriers,
    ...(info.kind === 'aggregator' && values.makeDefault && !info.isDefault ? { makeDefault: true } : {}),
    // the version this form opened: another admin's save since then makes the engine refuse (Conflict)
    expectedUpdatedAt: info.updatedAt,
  };
}

/** New credentials or another endpoint must pass a connection test before they are saved (as for shops). */
export function connectionChanged(info: LogisticsPartnerInfo, values: PartnerFormValues): boolean {
  if (values.endpoint.trim() !== initialValues(info).endpoint) return true;
  return info.fields.some((f) => (values.credentials[f.key] ?? '').trim() !== (f.secret ? '' : (info.values[f.key] ?? '')));
}
