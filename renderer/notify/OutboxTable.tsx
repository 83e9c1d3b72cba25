import type { NotificationInfo } from '../../core/contract/notify.js';
import { formatShanghai } from '../format/time.js';
import { hasMessage, useI18n } from '../i18n/index.js';
import { channelLabel, STATE_BADGE, stateLabel } from './labels.js';

interface OutboxTableProps {
  rows: NotificationInfo[];
  /** Shown on dead letters when the operator may retry them. */
  onRetry?: (row: NotificationInfo) => void;
  testId: string;
  empty: string;
}

export function OutboxTable({ rows, onRetry, testId, empty }: OutboxTableProps) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted notify__empty" data-testid={`${testId}-empty`}>{empty}</p>;
  return (
    <table className="table table--full" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" className="num">{t('notify.col.id')}</th>
          <th scope="col">{t('notify.col.created')}</th>
          <th scope="col">{t('notify.col.channel')}</th>
          <th scope="col">{t('notify.col.target')}</th>
          <th scope="col">{t('notify.col.message')}</th>
          <th scope="col">{t('notify.col.state')}</th>
          <th scope="col" className="num">{t('notify.col.attempts')}</th>
          <th scope="col">{t('notify.col.next')}</th>
          <th scope="col">{t('notify.col.error')}</th>
          {onRetry && <th scope="col">{t('notify.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid={`notification-${row.id}`}>
            <td className="num mono">{row.id}</td>
            <td className="shops__time">{formatShanghai(row.createdAt)}</td>
            <td>{t(channelLabel(row.channel))}</td>
            <td className="mono">{row.recipient ? `${row.targetId} → ${row.recipient}` : row.targetId}</td>
            <td className="notify__message" title={row.template}>{row.body}</td>
            <td><span className={`state-badge state-badge--${STATE_BADGE[row.state]}`} data-testid={`notification-state-${row.id}`}>{t(stateLabel(row.state))}</span></td>
            <td className="num">{row.attempts}</td>
            <td className="shops__time">{row.state === 'pending' ? formatShanghai(row.nextAttemptAt) : t('common.dash')}</td>
            <td className="notify__error" data-testid={`notification-error-${row.id}`}>
              {row.lastError && (
                <>
                  {/* the kind in the operator's language; the robot's or gateway's own words as they came */}
                  {hasMessage(`notify.errorKind.${row.lastError.kind}`) && <span className="notify__error-kind">{t(`notify.errorKind.${row.lastError.kind}` as 'notify.errorKind.transient')}</span>}
                  {row.lastError.message}
                </>
              )}
            </td>
            {onRetry && (
              <td>
                {row.state === 'dead' && (
                  <button type="button" className="button button--small" onClick={() => onRetry(row)} data-testid={`notification-retry-${row.id}`}>{t('notify.retry')}</button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
