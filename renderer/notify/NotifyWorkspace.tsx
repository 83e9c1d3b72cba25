import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { NOTIFICATION_STATES, type NotificationInfo, type NotificationState, type NotifyTargetInfo } from '../../core/contract/notify.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { on, send } from '../transport/index.js';
import { DeliverySettingsPanel } from './DeliverySettingsPanel.js';
import { InboxPanel } from './InboxPanel.js';
import { stateLabel } from './labels.js';
import { OutboxTable } from './OutboxTable.js';
import { TargetsPanel } from './TargetsPanel.js';
import './notify.css';

type Tab = 'outbox' | 'dead' | 'targets' | 'settings' | 'inbox';
/** The outbox changes under the worker: re-read it every few seconds while open. */
export const OUTBOX_POLL_MS = 3_000;

/**
 * Notifications (issue 4): the outbox with a state filter, the dead letters with "retry", the robots
 * and SMS gateways with a test send, the delivery settings (retries, rate limits, quiet hours, partner
 * error codes), and the operator's own in-app inbox (the only tab for roles without `notify.read`).
 */
export function NotifyWorkspace() {
  const { t } = useI18n();
  const session = useSession();
  const canRead = session.can('notify.read');
  const canManage = session.can('notify.manage');
  const [tab, setTab] = useState<Tab>(canRead ? 'outbox' : 'inbox');
  const [state, setState] = useState<NotificationState | ''>('');
  // One target filter for the outbox and the dead letters: a supervisor chasing one robot's failures
  // should not have to find them among hundreds of customer SMS and in-app messages.
  const [targetId, setTargetId] = useState('');
  const [targets, setTargets] = useState<NotifyTargetInfo[]>([]);
  const [rows, setRows] = useState<NotificationInfo[]>([]);
  const [dead, setDead] = useState<NotificationInfo[]>([]);
  const [deadTotal, setDeadTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<CoreError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!canRead) return;
    const byTarget = targetId ? { targetId } : {};
    const [outbox, letters, configured] = await Promise.all([send('notify/outbox', { ...(state ? { state } : {}), ...byTarget }), send('notify/deadLetters', byTarget), send('notify/targets', {})]);
    if ('error' in outbox) return setError(outbox.error);
    if ('error' in letters) return setError(letters.error);
    if ('error' in configured) return setError(configured.error);
    setError(null);
    setRows(outbox.data.rows);
    setDead(letters.data);
    // The list stops at 200; the badge counts them all.
    setDeadTotal(outbox.data.counts.dead);
    setTargets(configured.data);
  }, [canRead, state, targetId]);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => void reload(), OUTBOX_POLL_MS);
    const off = on('notify/deadLettered', () => void reload());
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, [reload]);

  async function retry(row: NotificationInfo) {
    const result = await send('notify/retry', { id: row.id });
    if ('error' in result) return setError(result.error);
    setNotice(t('notify.retried', { id: row.id }));
    void reload();
  }

  const tabs: Tab[] = canRead ? ['outbox', 'dead', 'targets', 'settings', 'inbox'] : ['inbox'];
  return (
    <section className="notify" aria-label={t('notify.title')} data-testid="notify-workspace">
      <div className="notify__tabs" role="tablist">
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" className="notify__tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`notify-tab-${id}`}>
            {t(`notify.tab.${id}`)}
            {id === 'dead' && deadTotal > 0 && <span className="notify__count" data-testid="notify-dead-count">{deadTotal}</span>}
            {id === 'inbox' && unread > 0 && <span className="notify__count">{unread}</span>}
          </button>
        ))}
        <span className="toolbar__spacer" />
        {canRead && <button type="button" className="button button--small" onClick={() => void reload()} data-testid="notify-refresh">{t('notify.refresh')}</button>}
      </div>
      <ErrorMessage error={error} testId="notify-error" />
      <Notice text={notice} testId="notify-notice" />
      {(tab === 'outbox' || tab === 'dead') && (
        <div className="toolbar">
          <label className="field field--inline">
            <span>{t('notify.filter.target')}</span>
            <select value={targetId} onChange={(e) => setTargetId(e.target.value)} data-testid="notify-target-filter">
              <option value="">{t('notify.filter.allTargets')}</option>
              {targets.map((target) => <option key={target.id} value={target.id}>{`${target.name} (${target.id})`}</option>)}
              <option value="inbox">{t('notify.channel.inapp')}</option>
            </select>
          </label>
          {tab === 'outbox' && (
            <label className="field field--inline">
              <span>{t('notify.filter.state')}</span>
              <select value={state} onChange={(e) => setState(e.target.value as NotificationState | '')} data-testid="notify-state-filter">
                <option value="">{t('notify.filter.all')}</option>
                {NOTIFICATION_STATES.map((s) => <option key={s} value={s}>{t(stateLabel(s))}</option>)}
              </select>
            </label>
          )}
        </div>
      )}
      {tab === 'outbox' && <OutboxTable rows={rows} testId="notify-outbox" empty={t('notify.empty')} />}
      {tab === 'dead' && <OutboxTable rows={dead} testId="notify-dead" empty={t('notify.deadEmpty')} {...(canManage ? { onRetry: (row: NotificationInfo) => void retry(row) } : {})} />}
      {tab === 'targets' && <TargetsPanel canManage={canManage} />}
      {tab === 'settings' && <DeliverySettingsPanel canManage={canManage} />}
      {/* mounted while hidden too, so the tab shows the unread count */}
      <div hidden={tab !== 'inbox'}><InboxPanel onUnread={setUnread} /></div>
    </section>
  );
}
