import type { OrderDetail } from '../../core/contract/orders.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';

export function DrawerHeader({ detail, label, onClose }: { detail: OrderDetail | null; label: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <header className="drawer__header">
      <div className="drawer__title">
        <h2 className="mono" data-testid="drawer-order-id">
          {detail?.platformOrderId ?? ''}
        </h2>
        {detail && (
          <div className="drawer__badges">
            <span className={`badge channel-${detail.channel}`} data-testid="drawer-channel">
              {t(`channel.${detail.channel}`)}
            </span>
            <span className={`badge status-badge status-${detail.status}`} data-testid="drawer-status">
              {t(`orderStatus.${detail.status}`)}
            </span>
            {detail.platformStatus && <span className="muted">{detail.platformStatus}</span>}
            <span className="muted">{detail.shopId}</span>
            <span className="muted">{t('drawer.version', { version: detail.version })}</span>
          </div>
        )}
        {detail && (
          <dl className="drawer__times">
            <Time label={t('column.createdAt')} ms={detail.createdAt} />
            <Time label={t('column.paidAt')} ms={detail.paidAt} />
            <Time label={t('column.shipByAt')} ms={detail.shipByAt} />
            <Time label={t('column.platformModifiedAt')} ms={detail.platformModifiedAt} />
          </dl>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={t('drawer.close')} title={label} onClick={onClose} data-testid="drawer-close">
        ×
      </button>
    </header>
  );
}

function Time({ label, ms }: { label: string; ms: number | null }) {
  if (ms === null) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{formatShanghai(ms)}</dd>
    </div>
  );
}
