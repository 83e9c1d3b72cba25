import type { ShopCredentialsInput } from '../../core/contract/channels.js';
import type { Channel } from '../../core/contract/orders.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** What an operator types; token expiries come from authorisation, not from this form. */
export type CredentialsValues = Required<Omit<ShopCredentialsInput, 'accessTokenExpiresAt' | 'refreshTokenExpiresAt'>>;

export const EMPTY_CREDENTIALS: CredentialsValues = { appKey: '', appSecret: '', accessToken: '', refreshToken: '', platformShopId: '' };

/** Orders of these channels are pushed by the merchant's own backend (core/channels/merchant-push.ts). */
export const PUSH_CHANNELS: readonly Channel[] = ['wechat', 'pos'];

export function isPushChannel(channel: Channel): boolean {
  return PUSH_CHANNELS.includes(channel);
}

/** Where a push shop's merchant backend sends its orders. */
export function hookPath(channel: Channel): string {
  return `/hooks/${channel}`;
}

/**
 * Trimmed, with the optional fields left out when empty (the engine treats "" as a value), and left
 * out altogether for a push shop (typed before the channel was switched, they are not shown).
 */
export function toCredentialsInput(values: CredentialsValues, channel: Channel): ShopCredentialsInput {
  const input: ShopCredentialsInput = { appKey: values.appKey.trim(), appSecret: values.appSecret.trim() };
  if (isPushChannel(channel)) return input;
  for (const field of ['accessToken', 'refreshToken', 'platformShopId'] as const) {
    const value = values[field].trim();
    if (value) input[field] = value;
  }
  return input;
}

interface FieldSpec {
  field: keyof CredentialsValues;
  label: MessageKey;
  testId: string;
  secret?: boolean;
  required?: boolean;
  hint?: MessageKey;
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'appKey', label: 'shopForm.appKey', testId: 'shop-form-app-key', required: true },
  { field: 'appSecret', label: 'shopForm.appSecret', testId: 'shop-form-app-secret', secret: true, required: true },
  { field: 'accessToken', label: 'shopForm.accessToken', testId: 'shop-form-access-token', secret: true },
  { field: 'refreshToken', label: 'shopForm.refreshToken', testId: 'shop-form-refresh-token', secret: true },
  { field: 'platformShopId', label: 'shopForm.platformShopId', testId: 'shop-form-platform-shop-id', hint: 'shopForm.platformShopIdHint' },
];

/** A push shop only needs the key pair whose secret signs the merchant's pushes. */
const PUSH_FIELDS = new Set<keyof CredentialsValues>(['appKey', 'appSecret']);

interface CredentialsFieldsProps {
  channel: Channel;
  values: CredentialsValues;
  onChange(values: CredentialsValues): void;
}

/** Secrets are password inputs and start empty: stored secrets never come back from the engine. */
export function CredentialsFields({ channel, values, onChange }: CredentialsFieldsProps) {
  const { t } = useI18n();
  const push = isPushChannel(channel);
  return (
    <fieldset className="credentials">
      <legend>{t('channels.credentials')}</legend>
      <div className="grid-2">
        {FIELDS.filter((f) => !push || PUSH_FIELDS.has(f.field)).map((spec) => (
          <label key={spec.field} className="field">
            <span>{t(spec.label)}</span>
            <input
              type={spec.secret ? 'password' : 'text'}
              required={spec.required}
              autoComplete={spec.secret ? 'new-password' : 'off'}
              spellCheck={false}
              className="mono"
              value={values[spec.field]}
              onChange={(e) => onChange({ ...values, [spec.field]: e.target.value })}
              data-testid={spec.testId}
            />
            {spec.hint && <small className="muted">{t(spec.hint)}</small>}
          </label>
        ))}
      </div>
      <p className="muted">{t('shopForm.secretsNote')}</p>
    </fieldset>
  );
}
