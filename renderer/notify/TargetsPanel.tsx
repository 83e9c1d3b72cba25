import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { NotifyTargetInfo } from '../../core/contract/notify.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { channelLabel } from './labels.js';
import { TargetForm } from './TargetForm.js';

/** Robots and SMS gateways: who they are, how close to their rate limit, a form and a test send. */
export function TargetsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const [targets, setTargets] = useState<NotifyTargetInfo[]>([]);
  const [editing, setEditing] = useState<NotifyTargetInfo | 'new' | null>(null);
  const [phones, setPhones] = useState<Record<string, string>>({});
  const [testing, setTesting] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await send('notify/targets', {});
    if ('error' in result) return setError(result.error);
    setTargets(result.data);
  }, []);
  useEffect(() => void reload(), [reload]);

  async function testSend(target: NotifyTargetInfo) {
    setTesting(target.id);
    setNotice(null);
    setError(null);
    const phone = phones[target.id];
    const result = await send('notify/testSend', { targetId: target.id, ...(target.channel === 'sms' && phone ? { phone } : {}) });
    setTesting(null);
    if ('error' in result) setError(result.error);
    else if (result.data.ok) setNotice(t('notify.target.testOk', { name: target.name }));
    else setError(t('notify.target.testFailed', { detail: result.data.detail }));
    void reload();
  }

  return (
    <div data-testid="notify-targets">
      <div className="toolbar">
        <span className="toolbar__spacer" />
        {canManage && <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="notify-target-new">{t('notify.target.new')}</button>}
      </div>
      <ErrorMessage error={error} testId="notify-targets-error" />
      <Notice text={notice} testId="notify-targets-notice" />
      {editing && (
        <TargetForm
          target={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('notify.target.saved', { name: saved.name }));
            void reload();
          }}
        />
      )}
      {targets.length === 0 ? (
        <p className="muted notify__empty" data-testid="notify-targets-empty">{t('notify.target.empty')}</p>
      ) : (
        <table className="table table--full" data-testid="notify-targets-table">
          <thead>
            <tr>
              <th scope="col">{t('notify.target.id')}</th>
              <th scope="col">{t('notify.target.name')}</th>
              <th scope="col">{t('notify.target.channel')}</th>
              <th scope="col">{t('notify.col.state')}</th>
              <th scope="col">{t('notify.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr key={target.id} data-testid={`target-row-${target.id}`} className={target.enabled ? undefined : 'is-disabled'}>
                <td className="mono">{target.id}</td>
                <td>{target.name}</td>
                <td>{t(channelLabel(target.channel))}</td>
                <td>
                  <span className="muted">{t('notify.target.sentLastMinute', { count: target.sentLastMinute })}</span>
                  {target.pausedUntil && <span className="state-badge state-badge--circuit-open"> {t('notify.target.paused', { time: formatShanghai(target.pausedUntil) })}</span>}
                </td>
                <td>
                  {canManage && (
                    <span className="shops__actions">
                      <button type="button" className="button button--small" onClick={() => setEditing(target)} data-testid={`target-edit-${target.id}`}>{t('notify.target.edit')}</button>
                      {target.channel === 'sms' && (
                        <input className="input--small" placeholder={t('notify.target.phone')} value={phones[target.id] ?? ''} onChange={(e) => setPhones({ ...phones, [target.id]: e.target.value })} data-testid={`target-phone-${target.id}`} />
                      )}
                      <button type="button" className="button button--small" disabled={testing === target.id} onClick={() => void testSend(target)} data-testid={`target-test-${target.id}`}>{t('notify.target.testSend')}</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
