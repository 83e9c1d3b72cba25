import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { NotifySettings } from '../../core/contract/notify.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { CODE_KEYS, engineProblems, readDraft, SettingField, toDraft, type Draft, type DraftKey, type FieldProblems } from './DeliverySettingsFields.js';

const utcOffset = (minutes: number) => `UTC${minutes < 0 ? '−' : '+'}${Math.floor(Math.abs(minutes) / 60)}${Math.abs(minutes) % 60 ? `:${String(Math.abs(minutes) % 60).padStart(2, '0')}` : ''}`;

/**
 * The outbox's delivery settings (retries, partner rate limits, customer quiet hours, partner error
 * codes) in operator units. Everyone with notify.read sees them; notify.manage edits. The engine
 * judges the whole (e.g. the longest retry not shorter than the first) and its refusal is shown as is.
 */
export function DeliverySettingsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<NotifySettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [advanced, setAdvanced] = useState(false);
  const [error, setError] = useState<CoreError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((settings: NotifySettings) => {
    setLoaded(settings);
    setDraft(toDraft(settings));
    setProblems({});
    setError(null);
  }, []);

  const load = useCallback(async () => {
    setNotice(null);
    const result = await send('notify/settings', {});
    if ('error' in result) return setError(result.error);
    show(result.data);
  }, [show]);
  useEffect(() => void load(), [load]);

  if (!draft || !loaded) return <div data-testid="notify-settings">{error ? <ErrorMessage error={error} testId="notify-settings-error" /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const edit = (name: DraftKey, value: string) => setDraft({ ...draft, [name]: value });
  const field = (name: DraftKey, help?: string) => <SettingField name={name} draft={draft} problems={problems} onChange={edit} {...(help ? { help } : {})} />;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || !loaded) return;
    setNotice(null);
    const { patch, problems: refused } = readDraft(draft, loaded);
    setProblems(refused);
    if (Object.keys(refused).length > 0) {
      if (CODE_KEYS.some((k) => refused[k])) setAdvanced(true);
      return setError(t('notify.settings.fixFields'));
    }
    if (Object.keys(patch).length === 0) return setNotice(t('notify.settings.unchanged'));
    setBusy(true);
    const result = await send('notify/setSettings', patch);
    setBusy(false);
    if ('error' in result) {
      // What the operator typed stays on screen to correct; nothing was stored.
      setProblems(engineProblems(result.error.details));
      return setError(result.error);
    }
    show(result.data);
    setNotice(t('notify.settings.saved'));
  }

  return (
    <form className="notify-settings" onSubmit={(e) => void save(e)} noValidate data-testid="notify-settings">
      {!canManage && <p className="message message--warn" data-testid="notify-settings-readonly">{t('notify.settings.readOnly')}</p>}
      <fieldset disabled={!canManage}>
        <legend>{t('notify.settings.retries')}</legend>
        <p className="muted">{t('notify.settings.retriesHelp')}</p>
        <div className="notify-settings__grid">
          {field('maxAttempts')}
          {field('baseDelayMs')}
          {field('maxDelayMs')}
        </div>
      </fieldset>
      <fieldset disabled={!canManage}>
        <legend>{t('notify.settings.rateLimits')}</legend>
        <div className="notify-settings__grid">
          {field('robotPerMinute', t('notify.settings.help.robotPerMinute'))}
          {field('dingtalkBlockMs', t('notify.settings.help.dingtalkBlockMs'))}
          {field('wecomRateLimitPauseMs', t('notify.settings.help.wecomRateLimitPauseMs'))}
          {field('smsThrottleDelayMs', t('notify.settings.help.smsThrottleDelayMs'))}
          {field('maxRateLimited', t('notify.settings.help.maxRateLimited'))}
        </div>
      </fieldset>
      <fieldset disabled={!canManage}>
        <legend>{t('notify.settings.quietHours')}</legend>
        <p className="muted">{t('notify.settings.quietHelp', { zone: utcOffset(loaded.quietHours.utcOffsetMinutes) })}</p>
        <div className="notify-settings__grid">
          {field('quietStart')}
          {field('quietEnd')}
        </div>
      </fieldset>
      <details className="notify-settings__advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)} data-testid="notify-settings-codes">
        <summary>{t('notify.settings.codes')}</summary>
        <fieldset disabled={!canManage}>
          <p className="muted">{t('notify.settings.codesHelp')}</p>
          <div className="notify-settings__grid notify-settings__grid--codes">{CODE_KEYS.map((key) => <SettingField key={key} name={key} draft={draft} problems={problems} onChange={edit} />)}</div>
        </fieldset>
      </details>
      {canManage && (
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="notify-settings-save">{t('notify.settings.save')}</button>
          <button type="button" className="button" disabled={busy} onClick={() => void load()} data-testid="notify-settings-restore">{t('notify.settings.restore')}</button>
        </div>
      )}
      <ErrorMessage error={error} testId="notify-settings-error" />
      <Notice text={notice} testId="notify-settings-notice" />
    </form>
  );
}
