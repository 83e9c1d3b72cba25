import type { UnknownStatusInfo } from '../../core/contract/channels.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';

/**
 * Platform statuses no mapping knows. The orders that carried them were recorded but NOT applied
 * (architecture.md: never guess a status), so this stays on screen until someone adds the mapping or
 * acknowledges it; an acknowledged status comes back when the platform sends it again.
 */
export function UnknownStatuses({ statuses, canManage = false, onAcknowledge }: { statuses: UnknownStatusInfo[]; canManage?: boolean; onAcknowledge?(status: UnknownStatusInfo): void }) {
  const { t, locale } = useI18n();
  if (statuses.length === 0) return null;
  return (
    <section className="unknown-statuses" aria-label={t('unknown.title')} data-testid="unknown-statuses">
      <h3>{t('unknown.title')}</h3>
      <p>{t('unknown.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('unknown.col.channel')}</th>
            <th scope="col">{t('unknown.col.status')}</th>
            <th scope="col" className="num">{t('unknown.col.occurrences')}</th>
            <th scope="col">{t('unknown.col.sample')}</th>
            <th scope="col">{t('unknown.col.firstSeen')}</th>
            <th scope="col">{t('unknown.col.lastSeen')}</th>
            {canManage && <th scope="col"><span className="visually-hidden">{t('unknown.acknowledge')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <tr key={`${s.channel}:${s.status}`} data-testid="unknown-status-row">
              <td>{t(`channel.${s.channel}`)}</td>
              <td className="mono">{s.status}</td>
              <td className="num">{s.occurrences.toLocaleString(locale)}</td>
              <td className="mono">{s.sampleOrderId}</td>
              <td>{formatShanghai(s.firstSeenAt)}</td>
              <td>{formatShanghai(s.lastSeenAt)}</td>
              {canManage && (
                <td>
                  <button type="button" className="button button--small" onClick={() => onAcknowledge?.(s)} data-testid="unknown-status-ack">
                    {t('unknown.acknowledge')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
