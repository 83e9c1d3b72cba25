import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OperatorInfo } from '../../core/contract/api.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ROLES, type Role } from '../../core/contract/roles.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

/** Operators of this engine (admin only): add, reset a password, disable. */
export function UsersWorkspace() {
  const { t } = useI18n();
  const [users, setUsers] = useState<OperatorInfo[]>([]);
  const [error, setError] = useState<CoreError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('cs');

  const load = useCallback(async () => {
    const result = await send('users/list', {});
    if ('error' in result) setError(result.error);
    else setUsers(result.data);
  }, []);
  useEffect(() => void load(), [load]);

  function showPassword(username: string, password: string | null) {
    setOneTime(password ? { username, password } : null);
    setNotice(password ? null : t('common.saved'));
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await send('users/add', { username: username.trim(), displayName: displayName.trim() || undefined, role });
    if ('error' in result) return setError(result.error);
    setError(null);
    setUsername('');
    setDisplayName('');
    showPassword(result.data.operator.username, result.data.oneTimePassword);
    void load();
  }

  async function resetPassword(user: OperatorInfo) {
    const result = await send('users/setPassword', { username: user.username });
    if ('error' in result) setError(result.error);
    else showPassword(user.username, result.data.oneTimePassword);
  }

  async function toggle(user: OperatorInfo) {
    const result = await send('users/setDisabled', { username: user.username, disabled: !user.disabled });
    if ('error' in result) setError(result.error);
    else void load();
  }

  return (
    <section className="users" aria-label={t('users.title')} data-testid="users-workspace">
      <form className="toolbar" onSubmit={(e) => void add(e)}>
        <input
          required
          data-testid="users-username"
          aria-label={t('users.username')}
          placeholder={t('users.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <input
          data-testid="users-display-name"
          aria-label={t('users.displayName')}
          placeholder={t('users.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <select data-testid="users-role" aria-label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t(`role.${r}`)}</option>
          ))}
        </select>
        <button type="submit" className="button button--primary" data-testid="users-add">{t('users.add')}</button>
      </form>
      <ErrorMessage error={error} />
      <Notice text={notice} testId="users-notice" />
      {oneTime && (
        <p className="message message--warn" role="status" data-testid="users-one-time">
          <span className="mono">{oneTime.username}</span> · {t('users.oneTimePassword')}{' '}
          <code className="mono" data-testid="users-one-time-password">{oneTime.password}</code>
        </p>
      )}
      <table className="table table--full">
        <thead>
          <tr>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.displayName')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.createdAt')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
              <td className="mono">{user.username}</td>
              <td>{user.displayName}{user.disabled && <span className="badge badge--muted">{t('users.disabled')}</span>}</td>
              <td>{t(`role.${user.role}`)}</td>
              <td>{formatShanghai(user.createdAt)}</td>
              <td className="row">
                <button type="button" className="link-button" onClick={() => void resetPassword(user)}>{t('users.resetPassword')}</button>
                <button type="button" className="link-button" onClick={() => void toggle(user)}>{user.disabled ? t('users.enable') : t('users.disable')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
