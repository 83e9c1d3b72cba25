import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { NotifyTargetCredentials, NotifyTargetInfo, NotifyTargetSettings, TargetChannel } from '../../core/contract/notify.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { formatTemplateCodes, parseTemplateCodes } from './labels.js';

/** Blank fields are left out: the engine then keeps what it has (secrets are never sent back to the form). */
function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

interface TargetFormProps {
  /** null = a new target. */
  target: NotifyTargetInfo | null;
  onSaved(target: NotifyTargetInfo): void;
  onCancel(): void;
}

/** One robot or SMS gateway. Secrets are write-only: the form shows whether one is stored, never its value. */
export function TargetForm({ target, onSaved, onCancel }: TargetFormProps) {
  const { t } = useI18n();
  const [id, setId] = useState(target?.id ?? '');
  const [name, setName] = useState(target?.name ?? '');
  const [channel, setChannel] = useState<TargetChannel>(target?.channel ?? 'wecom');
  const [enabled, setEnabled] = useState(target?.enabled ?? true);
  const [format, setFormat] = useState<'text' | 'markdown'>(target?.settings.format ?? 'text');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [signSecret, setSignSecret] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [accessKeySecret, setAccessKeySecret] = useState('');
  const [endpoint, setEndpoint] = useState(target?.settings.endpoint ?? '');
  const [signName, setSignName] = useState(target?.settings.signName ?? '');
  const [templateCodes, setTemplateCodes] = useState(formatTemplateCodes(target?.settings.templateCodes));
  const [error, setError] = useState<CoreError | string | null>(null);
  const [saving, setSaving] = useState(false);
  const kept = (stored: boolean | undefined) => (stored ? t('notify.target.secretKept') : t('notify.target.secretMissing'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const codes = channel === 'sms' ? parseTemplateCodes(templateCodes) : {};
    if (!codes) return setError(t('notify.target.badTemplateCodes'));
    const settings = channel === 'sms' ? { signName: signName || undefined, endpoint: endpoint || undefined, templateCodes: codes } : { format };
    const credentials = channel === 'sms' ? { accessKeyId: accessKeyId || undefined, accessKeySecret: accessKeySecret || undefined } : { webhookUrl: webhookUrl || undefined, ...(channel === 'dingtalk' ? { signSecret: signSecret || undefined } : {}) };
    setSaving(true);
    const result = await send('notify/setTarget', { id: id.trim(), channel, name: name.trim(), enabled, settings: compact(settings) as NotifyTargetSettings, credentials: compact(credentials) as NotifyTargetCredentials });
    setSaving(false);
    if ('error' in result) return setError(result.error);
    setError(null);
    onSaved(result.data);
  }

  return (
    <form className="notify-target-form" onSubmit={(e) => void submit(e)} data-testid="notify-target-form">
      <label className="field"><span>{t('notify.target.id')}</span><input value={id} onChange={(e) => setId(e.target.value)} disabled={target !== null} required data-testid="target-id" /></label>
      <label className="field"><span>{t('notify.target.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} required data-testid="target-name" /></label>
      <label className="field">
        <span>{t('notify.target.channel')}</span>
        <select value={channel} onChange={(e) => setChannel(e.target.value as TargetChannel)} disabled={target !== null} data-testid="target-channel">
          {(['wecom', 'dingtalk', 'sms'] as const).map((c) => <option key={c} value={c}>{t(`notify.channel.${c}`)}</option>)}
        </select>
      </label>
      <label className="field field--inline"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="target-enabled" /><span>{t('notify.target.enabled')}</span></label>
      {channel !== 'sms' && (
        <>
          <label className="field">
            <span>{t('notify.target.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'text' | 'markdown')} data-testid="target-format">
              <option value="text">{t('notify.target.format.text')}</option>
              <option value="markdown">{t('notify.target.format.markdown')}</option>
            </select>
          </label>
          <label className="field"><span>{t('notify.target.webhookUrl')}</span><input type="password" autoComplete="off" value={webhookUrl} placeholder={kept(target?.configured.webhookUrl)} onChange={(e) => setWebhookUrl(e.target.value)} data-testid="target-webhook" /></label>
        </>
      )}
      {channel === 'dingtalk' && (
        <label className="field"><span>{t('notify.target.signSecret')}</span><input type="password" autoComplete="off" value={signSecret} placeholder={kept(target?.configured.signSecret)} onChange={(e) => setSignSecret(e.target.value)} data-testid="target-sign-secret" /></label>
      )}
      {channel === 'sms' && (
        <>
          <label className="field"><span>{t('notify.target.accessKeyId')}</span><input type="password" autoComplete="off" value={accessKeyId} placeholder={kept(target?.configured.accessKey)} onChange={(e) => setAccessKeyId(e.target.value)} data-testid="target-access-key-id" /></label>
          <label className="field"><span>{t('notify.target.accessKeySecret')}</span><input type="password" autoComplete="off" value={accessKeySecret} placeholder={kept(target?.configured.accessKey)} onChange={(e) => setAccessKeySecret(e.target.value)} data-testid="target-access-key-secret" /></label>
          <label className="field"><span>{t('notify.target.signName')}</span><input value={signName} onChange={(e) => setSignName(e.target.value)} data-testid="target-sign-name" /></label>
          <label className="field"><span>{t('notify.target.endpoint')}</span><input value={endpoint} placeholder="https://dysmsapi.aliyuncs.com/" onChange={(e) => setEndpoint(e.target.value)} data-testid="target-endpoint" /></label>
          <label className="field"><span>{t('notify.target.templateCodes')}</span><textarea rows={3} value={templateCodes} onChange={(e) => setTemplateCodes(e.target.value)} data-testid="target-template-codes" /></label>
        </>
      )}
      <div className="notify-target-form__actions">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="target-save">{t('notify.target.save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
      <div className="notify-target-form__actions"><ErrorMessage error={error} testId="target-form-error" /></div>
    </form>
  );
}
