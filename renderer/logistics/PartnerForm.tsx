import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { LogisticsPartnerInfo, PartnerTestResult as PartnerTestResultInfo } from '../../core/contract/logistics-partners.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { PartnerFields } from './PartnerFields.js';
import { connectionChanged, initialValues, partnerName, toSettingsInput, toTestInput, type PartnerFormValues } from './PartnerLabels.js';
import { useConnectionTest } from '../common/useConnectionTest.js';
import { PartnerTestResult } from './PartnerTestResult.js';

interface PartnerFormProps {
  info: LogisticsPartnerInfo;
  onClose(): void;
  onSaved(info: LogisticsPartnerInfo, how: 'saved' | 'cleared'): void;
}

/**
 * A tracking partner's settings. "测试连接" makes a real signed query with what is typed (blank
 * secrets: the stored ones), saved or not; new credentials or another endpoint are saved only after
 * their own successful test, as a shop's credentials are (renderer/channels/CredentialsForm.tsx).
 */
export function PartnerForm({ info, onClose, onSaved }: PartnerFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<PartnerFormValues>(() => initialValues(info));
  const [saving, setSaving] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const testInput = toTestInput(info, values);
  const { testing, outcome, passed, run } = useConnectionTest<PartnerTestResultInfo>(JSON.stringify(testInput));
  const mustTest = connectionChanged(info, values);
  const canSave = !saving && (!mustTest || passed);

  async function test() {
    setError(null);
    await run(() => send('logistics/testPartner', testInput));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSave) return;
    setSaving(true);
    const result = await send('logistics/setPartner', toSettingsInput(info, values));
    setSaving(false);
    if ('error' in result) return setError(result.error);
    onSaved(result.data, 'saved');
  }

  async function clear() {
    setSaving(true);
    const result = await send('logistics/clearPartner', { partner: info.partner });
    setSaving(false);
    setConfirmClear(false);
    if ('error' in result) return setError(result.error);
    onSaved(result.data, 'cleared');
  }

  return (
    <Modal title={t('partners.formTitle', { name: partnerName(t, info.partner) })} onClose={onClose} testId="partner-form" wide>
      <form onSubmit={(e) => void submit(e)} autoComplete="off">
        <p className="muted">
          {t(`partners.kind.${info.kind}`)} · <span className="mono">{info.partner}</span>
        </p>
        <PartnerFields info={info} values={values} onChange={setValues} />
        <PartnerTestResult outcome={outcome} />
        <ErrorMessage error={error} testId="partner-form-error" />
        {mustTest && !passed && <p className="muted" data-testid="partner-test-first">{t('partners.testFirst')}</p>}
        {confirmClear && (
          <div className="message message--warn" role="alert" data-testid="partner-clear-confirm-text">
            {t('partners.clearConfirmText')}
            <div className="row row--end">
              <button type="button" className="button" onClick={() => setConfirmClear(false)}>{t('common.cancel')}</button>
              <button type="button" className="button partners__danger" disabled={saving} onClick={() => void clear()} data-testid="partner-clear-confirm">{t('partners.clearConfirm')}</button>
            </div>
          </div>
        )}
        <div className="row row--end">
          {info.source === 'stored' && !confirmClear && (
            <button type="button" className="button partners__danger" onClick={() => setConfirmClear(true)} data-testid="partner-clear">{t('partners.clear')}</button>
          )}
          <span className="toolbar__spacer" />
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button" disabled={testing} onClick={() => void test()} data-testid="partner-test">
            {testing ? t('partners.testing') : t('partners.test')}
          </button>
          <button type="submit" className="button button--primary" disabled={!canSave} data-testid="partner-save">{t('partners.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
