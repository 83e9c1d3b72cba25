import { useState, type FormEvent } from 'react';
import type { ShopHealth } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { AuthoriseSection } from './AuthoriseSection.js';
import { CredentialsFields, EMPTY_CREDENTIALS, hookPath, isPushChannel, toCredentialsInput, type CredentialsValues } from './CredentialsFields.js';
import { useConnectionTest } from '../common/useConnectionTest.js';
import { TestResult, type ConnectionTestResult } from './PlatformErrorDetail.js';

interface CredentialsFormProps {
  shop: ShopHealth;
  onClose(): void;
  onSaved(shop: ShopHealth): void;
  /** Authorised or refreshed from this form: the form stays open. */
  onAuthorised?(shop: ShopHealth, message: string): void;
}

/**
 * Renew a shop's credentials (an expired token, a rotated secret). The stored ones can be tested
 * as they are; new ones replace them only after their own successful test (pulled shops).
 */
export function CredentialsForm({ shop: initial, onClose, onSaved, onAuthorised }: CredentialsFormProps) {
  const [shop, setShop] = useState(initial);
  const { t } = useI18n();
  const [credentials, setCredentials] = useState<CredentialsValues>(EMPTY_CREDENTIALS);
  const [error, setError] = useState<CoreError | null>(null);

  const push = isPushChannel(shop.channel);
  const input = toCredentialsInput(credentials, shop.channel);
  const { testing, outcome, passed, run } = useConnectionTest<ConnectionTestResult>(JSON.stringify(input));
  const canSave = push || passed;

  // A test of the stored credentials shows their state; it unlocks no save.
  const test = (stored: boolean) => run(() => send('channels/testConnection', stored ? { shopId: shop.id } : { channel: shop.channel, credentials: input }), !stored);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    const result = await send('channels/updateShop', { shopId: shop.id, credentials: input });
    if ('error' in result) return setError(result.error);
    onSaved(result.data);
    onClose();
  }

  return (
    <Modal title={t('shopForm.credentialsTitle', { name: shop.name })} onClose={onClose} testId="shop-credentials-form" wide>
      <form onSubmit={(e) => void submit(e)} autoComplete="off">
        <p className="muted">
          {t(`channel.${shop.channel}`)} · <span className="mono">{shop.id}</span>
        </p>
        {push ? (
          <p className="message message--warn" data-testid="shop-form-push-hint">
            {t('shopForm.pushHint', { channel: t(`channel.${shop.channel}`), path: hookPath(shop.channel) })}
          </p>
        ) : (
          <div className="row">
            <button type="button" className="button" disabled={testing} onClick={() => void test(true)} data-testid="shop-form-test-stored">
              {t('shopForm.testStored')}
            </button>
          </div>
        )}
        {!push && shop.canAuthorise && (
          <AuthoriseSection
            shop={shop}
            onChanged={(next, message) => {
              setShop(next);
              onAuthorised?.(next, message);
            }}
          />
        )}
        <p className="muted">{t('shopForm.credentialsHint')}</p>
        <CredentialsFields channel={shop.channel} values={credentials} onChange={setCredentials} />
        <TestResult outcome={outcome} />
        <ErrorMessage error={error} testId="shop-form-error" />
        {!push && !canSave && <p className="muted" data-testid="shop-form-test-first">{t('shopForm.testFirst')}</p>}
        <div className="row row--end">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          {!push && (
            <button type="button" className="button" disabled={testing} onClick={() => void test(false)} data-testid="shop-form-test">
              {testing ? t('shopForm.testing') : t('shopForm.test')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={!canSave} data-testid="shop-form-save">{t('shopForm.saveCredentials')}</button>
        </div>
      </form>
    </Modal>
  );
}
