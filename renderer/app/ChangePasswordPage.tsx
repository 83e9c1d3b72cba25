import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';

/** Shown before anything else while the engine says `mustChangePassword`. */
export function ChangePasswordPage({ onChanged }: { onChanged(): void }) {
  const { t } = useI18n();
  const session = useSession();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<CoreError | string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword !== repeat) {
      setError(t('password.mismatch'));
      return;
    }
    const result = await send('auth/changePassword', { oldPassword, newPassword });
    if ('error' in result) setError(result.error);
    else onChanged();
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={(e) => void submit(e)} data-testid="change-password-form">
        <h1>{t('password.title')}</h1>
        <p className="muted">{t('password.hint')}</p>
        <p>
          {t('common.labelled', { label: t('topbar.operator') })}
          <strong>{session.operator.displayName}</strong>
        </p>
        <PasswordField label={t('password.old')} value={oldPassword} onChange={setOld} testId="password-old" auto="current-password" />
        <PasswordField label={t('password.new')} value={newPassword} onChange={setNew} testId="password-new" auto="new-password" />
        <PasswordField label={t('password.repeat')} value={repeat} onChange={setRepeat} testId="password-repeat" auto="new-password" />
        <ErrorMessage error={error} testId="password-error" />
        <div className="row">
          <button className="button button--primary" type="submit" data-testid="password-submit">
            {t('password.submit')}
          </button>
          <button className="button" type="button" onClick={() => void session.signOut()}>
            {t('topbar.logout')}
          </button>
        </div>
      </form>
    </main>
  );
}

function PasswordField(props: { label: string; value: string; onChange(v: string): void; testId: string; auto: string }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="password"
        required
        autoComplete={props.auto}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
