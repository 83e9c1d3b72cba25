import type { LogisticsPartnerInfo } from '../../core/contract/logistics-partners.js';
import { carrierName } from '../drawer/WaybillRepushCarriers.js';
import { useI18n } from '../i18n/index.js';
import { carrierOptions, fieldLabel, type PartnerFormValues } from './PartnerLabels.js';

interface PartnerFieldsProps {
  info: LogisticsPartnerInfo;
  values: PartnerFormValues;
  onChange(values: PartnerFormValues): void;
}

/**
 * One input per credential the engine lists, then where to call and what to route. Secrets are
 * password inputs that start empty: a stored one is only said to exist, and blank keeps it.
 */
export function PartnerFields({ info, values, onChange }: PartnerFieldsProps) {
  const { t } = useI18n();
  const set = (patch: Partial<PartnerFormValues>) => onChange({ ...values, ...patch });
  const toggle = (code: string, on: boolean) => set({ carriers: on ? [...values.carriers, code] : values.carriers.filter((c) => c !== code) });
  return (
    <>
      <fieldset className="credentials">
        <legend>{t('partners.credentials')}</legend>
        <div className="grid-2">
          {info.fields.map((field) => {
            const stored = info.configured[field.key] === true;
            return (
              <label key={field.key} className="field">
                <span>
                  {fieldLabel(t, info.partner, field.key)}
                  {field.required && ' *'}
                </span>
                <input
                  type={field.secret ? 'password' : 'text'}
                  required={field.required && !stored}
                  autoComplete={field.secret ? 'new-password' : 'off'}
                  spellCheck={false}
                  className="mono"
                  placeholder={field.secret && stored ? t('partners.secretKept') : undefined}
                  value={values.credentials[field.key] ?? ''}
                  onChange={(e) => set({ credentials: { ...values.credentials, [field.key]: e.target.value } })}
                  data-testid={`partner-field-${field.key}`}
                  data-stored={String(stored)}
                />
              </label>
            );
          })}
        </div>
        <p className="muted">{t('partners.secretsNote')}</p>
      </fieldset>
      <label className="field">
        <span>{t('partners.endpoint')}</span>
        <input type="url" className="mono" spellCheck={false} placeholder={info.defaultEndpoint ?? undefined} value={values.endpoint} onChange={(e) => set({ endpoint: e.target.value })} data-testid="partner-endpoint" />
      </label>
      {info.partner === 'kuaidi100' && (
        <label className="field">
          <span>{t('partners.callbackUrl')}</span>
          <input type="url" className="mono" spellCheck={false} value={values.callbackUrl} onChange={(e) => set({ callbackUrl: e.target.value })} data-testid="partner-callback-url" />
        </label>
      )}
      <fieldset className="credentials partners__carriers">
        <legend>{t('partners.carriers')}</legend>
        <div className="partners__checks">
          {carrierOptions(info).map((code) => (
            <label key={code} className="field field--inline">
              <input type="checkbox" checked={values.carriers.includes(code)} onChange={(e) => toggle(code, e.target.checked)} data-testid={`partner-carrier-${code}`} />
              <span>{carrierName(t, code)}</span>
            </label>
          ))}
        </div>
        <p className="muted">{t('partners.carriersHint')}</p>
      </fieldset>
      {info.kind === 'aggregator' && (
        <label className="field field--inline partners__default">
          <input type="checkbox" checked={values.makeDefault} disabled={info.isDefault} onChange={(e) => set({ makeDefault: e.target.checked })} data-testid="partner-make-default" />
          <span>{t('partners.makeDefault')}</span>
          {info.isDefault && <small className="muted">{t('partners.isDefaultHint')}</small>}
        </label>
      )}
    </>
  );
}
