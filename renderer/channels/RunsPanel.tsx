import { useEffect, useState } from 'react';
import type { ShopHealth, SyncRunInfo } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { dataLabel, PlatformErrorDetail } from './PlatformErrorDetail.js';

const RUNS_LIMIT = 50;
const COUNTS = ['pages', 'pulled', 'inserted', 'updated', 'unchanged', 'stale', 'rejected'] as const;

/** The selected shop's last syncs, newest first; re-read whenever the shops are (`version`). */
export function RunsPanel({ shop, version }: { shop: ShopHealth | null; version: number }) {
  const { t, locale } = useI18n();
  const [runs, setRuns] = useState<SyncRunInfo[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const shopId = shop?.id ?? null;

  useEffect(() => {
    if (shopId === null) return setRuns(null);
    let alive = true;
    void send('channels/runs', { shopId, limit: RUNS_LIMIT }).then((result) => {
      if (!alive) return;
      if ('error' in result) return setError(result.error);
      setError(null);
      setRuns(result.data);
    });
    return () => {
      alive = false;
    };
  }, [shopId, version]);

  if (!shop) {
    return <p className="muted runs-pick" data-testid="runs-pick">{t('runs.pick')}</p>;
  }
  return (
    <section className="runs" aria-label={t('runs.title', { name: shop.name })} data-testid="runs-panel">
      <h3>{t('runs.title', { name: shop.name })}</h3>
      <ErrorMessage error={error} testId="runs-error" />
      {runs && runs.length === 0 && <p className="muted" data-testid="runs-empty">{t('runs.empty')}</p>}
      {runs && runs.length > 0 && (
        <div className="runs__scroll">
          <table className="table table--full" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col">{t('runs.col.startedAt')}</th>
                <th scope="col">{t('runs.col.kind')}</th>
                <th scope="col">{t('runs.col.trigger')}</th>
                <th scope="col">{t('runs.col.status')}</th>
                <th scope="col">{t('runs.col.window')}</th>
                {COUNTS.map((c) => (
                  <th key={c} scope="col" className="num">{t(`runs.col.${c}`)}</th>
                ))}
                <th scope="col">{t('runs.col.error')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="runs-row" data-status={run.status}>
                  <td className="mono">{formatShanghai(run.startedAt)}</td>
                  <td>{dataLabel(t, 'syncKind', run.kind)}</td>
                  <td>{dataLabel(t, 'syncTrigger', run.trigger)}</td>
                  <td>
                    <span className={`run-status run-status--${run.status}`}>{dataLabel(t, 'runStatus', run.status)}</span>
                  </td>
                  <td className="mono runs__window">
                    {formatShanghai(run.windowFrom)}
                    <br />→ {formatShanghai(run.windowTo)}
                  </td>
                  {COUNTS.map((c) => (
                    <td key={c} className="num" data-testid={`runs-${c}`}>{run[c].toLocaleString(locale)}</td>
                  ))}
                  <td className="runs__error">
                    {run.errorKind && (
                      <PlatformErrorDetail error={{ kind: run.errorKind, message: run.errorMessage ?? '', raw: run.errorRaw }} testId="runs-error-detail" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
