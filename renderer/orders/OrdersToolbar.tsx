import { useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { CHANNELS, type OrderQuery } from '../../core/contract/orders.js';
import { Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { exportOrders } from './exportOrders.js';
import { ImportDialog } from './ImportDialog.js';
import { SavedViews } from './SavedViews.js';
import type { OrdersViewState } from './viewState.js';

interface Props {
  search: string;
  onSearch(value: string): void;
  channel: string;
  onChannel(value: string): void;
  total: number | null;
  onClearFilters(): void;
  onRefresh(): void;
  currentQuery(): OrderQuery;
  viewState(): OrdersViewState | null;
  applyView(state: unknown): void;
  onError(error: CoreError): void;
}

/** Typing settles for this long before the grid asks the engine. */
const SEARCH_DEBOUNCE_MS = 350;
/** How long a confirmation ("exported 84 rows") stays up. */
const NOTICE_MS = 6_000;

export function OrdersToolbar(props: Props) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [draft, setDraft] = useState(props.search);
  const [notice, setNotice] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const { onSearch } = props;

  useEffect(() => setDraft(props.search), [props.search]);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);
  useEffect(() => {
    const timer = window.setTimeout(() => onSearch(draft.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, onSearch]);

  async function runExport(format: 'csv' | 'xlsx') {
    setNotice(t('orders.exporting'));
    const outcome = await exportOrders(props.currentQuery(), format);
    if ('error' in outcome) {
      setNotice(null);
      props.onError(outcome.error);
    } else setNotice(t('orders.exported', { rows: outcome.rows }));
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('orders.title')} data-testid="orders-toolbar">
      <input
        type="search"
        className="toolbar__search"
        aria-label={t('orders.searchLabel')}
        placeholder={t('orders.search')}
        title={t('orders.search')}
        data-testid="orders-search"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onSearch(draft.trim())}
      />
      <label className="toolbar__field">
        <span>{t('orders.channelFilter')}</span>
        <select data-testid="orders-channel" value={props.channel} onChange={(e) => props.onChannel(e.target.value)}>
          <option value="">{t('common.all')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--ghost" onClick={props.onClearFilters} data-testid="orders-clear-filters">
        {t('orders.clearFilters')}
      </button>
      <span className="toolbar__total" data-testid="orders-total" aria-live="polite">
        {props.total === null ? '' : t('orders.total', { total: props.total.toLocaleString(locale) })}
      </span>
      <span className="toolbar__spacer" />
      <SavedViews viewState={props.viewState} applyView={props.applyView} onError={props.onError} onNotice={setNotice} />
      <button type="button" className="button" onClick={props.onRefresh} data-testid="orders-refresh">
        {t('orders.refresh')}
      </button>
      {session.can('orders.export') && (
        <span className="button-group" role="group" aria-label={t('orders.export')}>
          <span className="button-group__label" aria-hidden="true">
            {t('orders.export')}
          </span>
          <button
            type="button"
            className="button"
            aria-label={t('orders.exportCsv')}
            onClick={() => void runExport('csv')}
            data-testid="orders-export-csv"
          >
            CSV
          </button>
          <button
            type="button"
            className="button"
            aria-label={t('orders.exportXlsx')}
            onClick={() => void runExport('xlsx')}
            data-testid="orders-export-xlsx"
          >
            Excel
          </button>
        </span>
      )}
      {session.can('orders.import') && (
        <button type="button" className="button button--primary" onClick={() => setImporting(true)} data-testid="orders-import">
          {t('import.open')}
        </button>
      )}
      <Notice text={notice} testId="orders-notice" />
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={props.onRefresh} />}
    </div>
  );
}
