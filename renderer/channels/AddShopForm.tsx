import { useState, type FormEvent } from 'react';
import type { ShopHealth } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { CHANNELS, type Channel } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { CredentialsFields, EMPTY_CREDENTIALS, hookPath, isPushChannel, toCredentialsInput, type CredentialsValues } from './CredentialsFields.js';
import { useConnectionTest } from '../common/useConnectionTest.js';
import { TestResult, type ConnectionTestResult } from './PlatformErrorDetail.js';

const DEFAULT_BACKFILL_DAYS = 30;

interface AddShopFormProps {
  onClose(): void;
  onSaved(shop: ShopHealth): void;
}

/**
 * A new shop: channel, our id and name, the platform credentials, how much history to back-fill.
 * A pulled shop is saved only after a successful connection test with exactly these credentials;
 * a push shop (WeChat, POS) has nothing to test: its secret signs the merchant's pushes.
 */
export function AddShopForm({ onClose, onSaved }: AddShopFormProps) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<Channel>('taobao');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState<CredentialsValues>(EMPTY_CREDENTIALS);
  const [backfillDays, setBackfillDays] = useState(String(DEFAULT_BACKFILL_DAYS));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const push = isPushChannel(channel);
  const input = toCredentialsInput(credentials, channel);
  const { testing, outcome, passed, run, clear } = useConnectionTest<ConnectionTestResult>(JSON.stringify({ channel, input }));
  const canSave = push || passed;

  const test = () => run(() => send('channels/testConnection', { channel, credentials: input }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setSaving(true);
    const settings = push ? undefined : { backfillDays: Number(backfillDays) };
    const result = await send('channels/addShop', { id: id.trim(), channel, name: name.trim(), credentials: input, ...(settings ? { settings } : {}) });
    setSaving(false);
    if ('error' in result) return setError(result.error);
    onSaved(result.data);
    onClose();
  }

  function chooseChannel(next: Channel) {
    setChannel(next);
    clear();
  }

  return (
    <Modal title={t('shopForm.title')} onClose={onClose} testId="shop-form" wide>
      <form onSubmit={(e) => void submit(e)} autoComplete="off">
        <div className="grid-2">
          <label className="field">
            <span>{t('shopForm.channel')}</span>
            <select value={channel} onChange={(e) => chooseChannel(e.target.value as Channel)} data-testid="shop-form-channel">
              {CHANNELS.map((c) => (
                <option key={c} value={c}>{t(`channel.${c}`)}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('shopForm.name')}</span>
            <input required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} data-testid="shop-form-name" />
          </label>
          <label className="field">
            <span>{t('shopForm.id')}</span>
            <input
              required
              className="mono"
              pattern="[a-z0-9\-]{2,40}"
              title={t('shopForm.idHint')}
              value={id}
              onChange={(e) => setId(e.target.value.toLowerCase())}
              data-testid="shop-form-id"
            />
            <small className="muted">{t('shopForm.idHint')}</small>
          </label>
          {!push && (
            <label className="field">
              <span>{t('shopForm.backfillDays')}</span>
              <input type="number" required min={0} max={90} step={1} value={backfillDays} onChange={(e) => setBackfillDays(e.target.value)} data-testid="shop-form-backfill-days" />
              <small className="muted">{t('shopForm.backfillHint')}</small>
            </label>
          )}
        </div>
        {push && (
          <p className="message message--warn" data-testid="shop-form-push-hint">
            {t('shopForm.pushHint', { channel: t(`channel.${channel}`), path: hookPath(channel) })}
          </p>
        )}
        <CredentialsFields channel={channel} values={credentials} onChange={setCredentials} />
        <TestResult outcome={outcome} />
        <ErrorMessage error={error} testId="shop-form-error" />
        {!push && !canSave && <p className="muted" data-testid="shop-form-test-first">{t('shopForm.testFirst')}</p>}
        <div className="row row--end">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          {!push && (
            <button type="button" className="button" disabled={testing} onClick={() => void test()} data-testid="shop-form-test">
              {testing ? t('shopForm.testing') : t('shopForm.test')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={!canSave || saving} data-testid="shop-form-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
