import type { ShopHealth } from '../../core/contract/channels.js';
import { formatDuration } from '../format/duration.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { hookPath, isPushChannel } from './CredentialsFields.js';
import { dataLabel, PlatformErrorDetail } from './PlatformErrorDetail.js';

export interface ShopActions {
  select(shop: ShopHealth): void;
  sync(shop: ShopHealth, kind: 'modified' | 'rescan'): void;
  toggle(shop: ShopHealth): void;
  editCredentials(shop: ShopHealth): void;
}

interface ShopsTableProps {
  shops: ShopHealth[];
  selectedId: string | null;
  /** Shops with a sync started from this desk that has not answered yet. */
  busy: ReadonlySet<string>;
  canManage: boolean;
  actions: ShopActions;
}

const COLUMNS = 7;
const HEALTHY = new Set<ShopHealth['state']>(['ok', 'syncing', 'never-synced', 'disabled']);

export function ShopsTable({ shops, selectedId, busy, canManage, actions }: ShopsTableProps) {
  const { t } = useI18n();
  return (
    <table className="table table--full shops" data-testid="channels-table">
      <thead>
        <tr>
          <th scope="col">{t('channels.col.channel')}</th>
          <th scope="col">{t('channels.col.name')}</th>
          <th scope="col">{t('channels.col.id')}</th>
          <th scope="col">{t('channels.col.state')}</th>
          <th scope="col">{t('channels.col.lastSuccess')}</th>
          <th scope="col" className="num">{t('channels.col.lag')}</th>
          <th scope="col">{t('channels.col.actions')}</th>
        </tr>
      </thead>
      {shops.map((shop) => (
        <tbody key={shop.id} className={shop.id === selectedId ? 'is-selected' : undefined} data-testid={`shop-row-${shop.id}`}>
          <tr className={shop.enabled ? undefined : 'is-disabled'}>
            <td>{t(`channel.${shop.channel}`)}</td>
            <td>{shop.name}</td>
            <td className="mono">{shop.id}</td>
            <td><ShopState shop={shop} canManage={canManage} onRenew={() => actions.editCredentials(shop)} /></td>
            <td className="shops__time" data-testid={`shop-last-success-${shop.id}`}>{shop.lastSuccessAt ? formatShanghai(shop.lastSuccessAt) : t('common.dash')}</td>
            <td className="num" data-testid={`shop-lag-${shop.id}`}>{shop.lagMs === null ? t('common.dash') : formatDuration(t, shop.lagMs)}</td>
            <td>
              <span className="shops__actions">
                <button type="button" className="button button--small" aria-pressed={shop.id === selectedId} onClick={() => actions.select(shop)} data-testid={`shop-history-${shop.id}`}>
                  {t('channels.history')}
                </button>
                {canManage && <ManageButtons shop={shop} busy={busy.has(shop.id)} actions={actions} />}
              </span>
            </td>
          </tr>
          {shop.lastError && (
            <tr className={`shop-error${HEALTHY.has(shop.state) ? ' shop-error--past' : ''}`}>
              <td colSpan={COLUMNS}>
                <span className="shop-error__label">{t('channels.lastError', { time: formatShanghai(shop.lastError.at) })}</span>
                <PlatformErrorDetail error={shop.lastError} testId={`shop-error-${shop.id}`} />
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}

function ShopState({ shop, canManage, onRenew }: { shop: ShopHealth; canManage: boolean; onRenew(): void }) {
  const { t } = useI18n();
  const push = isPushChannel(shop.channel) && shop.state === 'never-synced';
  const hint =
    push ? t('channels.stateHint.push', { path: hookPath(shop.channel) })
    : shop.state === 'auth-failed' ? t('channels.stateHint.auth-failed')
    : shop.state === 'circuit-open' ? t('channels.stateHint.circuit-open')
    : undefined;
  const { progress } = shop;
  const percent = progress && progress.windowsTotal > 0 ? Math.round((100 * progress.windowsDone) / progress.windowsTotal) : 0;
  return (
    <div className="shop-state">
      <span className={`state-badge state-badge--${push ? 'push' : shop.state}`} title={hint} data-testid={`shop-state-${shop.id}`} data-state={shop.state}>
        {push ? t('channels.state.push') : t(`channels.state.${shop.state}`)}
      </span>
      {shop.state === 'auth-failed' && canManage && (
        <button type="button" className="link-button" onClick={onRenew}>{shop.canAuthorise ? t('channels.authorise') : t('channels.renewCredentials')}</button>
      )}
      {shop.canAuthorise && <TokenLine shop={shop} />}
      {hint && shop.state !== 'never-synced' && <small className="shop-state__hint">{hint}</small>}
      {progress && (
        <div className="shop-progress" data-testid={`shop-progress-${shop.id}`}>
          <div
            className="progress"
            role="progressbar"
            aria-label={t('channels.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={progress.windowsTotal}
            aria-valuenow={progress.windowsDone}
          >
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <small>
            {t('channels.progress', { kind: dataLabel(t, 'syncKind', progress.kind), done: progress.windowsDone, total: progress.windowsTotal, pulled: progress.pulled })}
          </small>
        </div>
      )}
    </div>
  );
}

/** The access token's expiry: fine, expiring (refreshed automatically), expired, or unknown. */
function TokenLine({ shop }: { shop: ShopHealth }) {
  const { t } = useI18n();
  const time = shop.tokenExpiresAt ? formatShanghai(shop.tokenExpiresAt) : '';
  return (
    <small className={`shop-token shop-token--${shop.token}`} data-testid={`shop-token-${shop.id}`} data-token={shop.token}>
      {t(`channels.token.${shop.token}`, { time })}
    </small>
  );
}

function ManageButtons({ shop, busy, actions }: { shop: ShopHealth; busy: boolean; actions: ShopActions }) {
  const { t } = useI18n();
  const pulled = !isPushChannel(shop.channel);
  const syncBlocked = busy || !shop.enabled || shop.state === 'syncing';
  return (
    <>
      {pulled && (
        <>
          <button type="button" className="button button--small" disabled={syncBlocked} onClick={() => actions.sync(shop, 'modified')} data-testid={`shop-sync-${shop.id}`}>
            {t('channels.syncNow')}
          </button>
          <button type="button" className="button button--small" disabled={syncBlocked} onClick={() => actions.sync(shop, 'rescan')} data-testid={`shop-rescan-${shop.id}`}>
            {t('channels.rescan')}
          </button>
        </>
      )}
      <button type="button" className="button button--small" onClick={() => actions.editCredentials(shop)} data-testid={`shop-credentials-${shop.id}`}>
        {t('channels.credentials')}
      </button>
      <button type="button" className="link-button" onClick={() => actions.toggle(shop)} data-testid={`shop-toggle-${shop.id}`}>
        {shop.enabled ? t('channels.disable') : t('channels.enable')}
      </button>
    </>
  );
}
