import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { describeError } from '../common/errors.js';
import { useI18n } from '../i18n/index.js';
import { login } from '../transport/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function LoginPage({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await login(username.trim(), password);
    setBusy(false);
    if ('data' in result) {
      onSignedIn();
      return;
    }
    setPassword('');
    setError(loginErrorText(result.error));
  }

  function loginErrorText(err: CoreError): string {
    if (err.details?.httpStatus === 429) return t('login.tooMany');
    if (['Unauthenticated', 'ValidationError', 'NotFound', 'Forbidden'].includes(err.type)) return t('login.failed');
    return describeError(t, err);
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={(e) => void submit(e)} data-testid="login-form" aria-labelledby="login-title">
        <div className="login__brand">
          <span className="brand-mark" aria-hidden="true">枢</span>
          <div>
            <h1 id="login-title">{t('login.title')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorMessage error={error} testId="login-error" />
        <button className="button button--primary" type="submit" disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </button>
        <div className="login__footer">
          <LanguageSwitch />
        </div>
      </form>
    </main>
  );
}
