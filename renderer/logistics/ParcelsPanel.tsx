import type { ColDef, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { SlaRuleId } from '../../core/contract/logistics-exceptions.js';
import { TRACKING_STATES, type ParcelInfo, type ParcelListResult, type TrackingState } from '../../core/contract/logistics.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { consoleGridTheme } from '../grid/setup.js';
import { useGridLocaleText } from '../grid/useGridLocaleText.js';
import { useI18n } from '../i18n/index.js';
import { on, send } from '../transport/index.js';
import { stateLabel } from './format.js';

const PAGE = 500;

interface Row extends ParcelInfo {
  flags: SlaRuleId[];
}

/** Parcels by taxonomy state: a chip per state with its count, the grid below; a row opens its order. */
export function ParcelsPanel({ onOpenOrder }: { onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const localeText = useGridLocaleText();
  const [state, setState] = useState<TrackingState | null>(null);
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<Row[]>([]);
  const [counts, setCounts] = useState<Record<TrackingState, number> | null>(null);
  const [total, setTotal] = useState(0);
  const [untracked, setUntracked] = useState<ParcelListResult['untracked'] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('logistics/parcels', { ...(state ? { state } : {}), limit: PAGE, offset: page * PAGE });
    if ('error' in result) return setError(result.error);
    setError(null);
    setCounts(result.data.counts);
    setTotal(result.data.total);
    setUntracked(result.data.untracked);
    const ids = result.data.rows.map((p) => p.id);
    const flags = new Map<number, SlaRuleId[]>();
    if (ids.length > 0) {
      const hits = await send('sla/hits', { open: true, parcelIds: ids, limit: 1000 });
      if ('data' in hits) for (const h of hits.data.rows) flags.set(h.parcelId, [...(flags.get(h.parcelId) ?? []), h.rule]);
    }
    setRows(result.data.rows.map((p) => ({ ...p, flags: flags.get(p.id) ?? [] })));
  }, [state, page]);
  const choose = (next: TrackingState | null) => {
    setState(next);
    setPage(0);
  };

  useEffect(() => void load(), [load]);
  useEffect(() => on('logistics/changed', () => void load()), [load]);
  useEffect(() => on('exceptions/changed', () => void load()), [load]);

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      {
        headerName: t('logistics.col.flag'),
        field: 'flags',
        width: 120,
        cellRenderer: (p: { value: SlaRuleId[] }) => (
          <span>
            {p.value.map((r) => (
              <span key={r} className="badge badge--danger" data-testid="parcel-flag" data-rule={r}>
                {t(`logistics.flag.${r}`)}
              </span>
            ))}
          </span>
        ),
      },
      { headerName: t('logistics.col.carrier'), field: 'carrierName', width: 110 },
      { headerName: t('logistics.col.waybill'), field: 'waybillNo', width: 170, cellClass: 'mono' },
      { headerName: t('logistics.col.state'), field: 'state', width: 130, valueFormatter: (p) => stateLabel(t, p.value as TrackingState) },
      { headerName: t('logistics.col.orders'), valueGetter: (p) => p.data?.orders.map((o) => o.platformOrderId).join(' ') ?? '', width: 200, cellClass: 'mono' },
      { headerName: t('logistics.col.shippedAt'), field: 'shippedAt', width: 165, valueFormatter: (p) => formatShanghai(p.value as number) },
      { headerName: t('logistics.col.firstScanAt'), field: 'firstScanAt', width: 165, valueFormatter: (p) => formatShanghai(p.value as number | null) },
      { headerName: t('logistics.col.lastEventAt'), field: 'lastEventAt', width: 165, valueFormatter: (p) => formatShanghai(p.value as number | null) },
      { headerName: t('logistics.col.events'), field: 'eventCount', width: 90, type: 'numericColumn' },
      { headerName: t('logistics.col.channel'), field: 'channel', width: 100 },
      { headerName: t('logistics.col.partner'), valueGetter: (p) => (p.data ? `${p.data.partner ?? '—'} / ${p.data.subscription}` : ''), width: 160 },
    ],
    [t],
  );

  const allCount = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  return (
    <div className="logistics__panel logistics__panel--grid">
      <div className="chips" role="tablist" aria-label={t('logistics.col.state')} data-testid="state-chips">
        <button type="button" role="tab" aria-selected={state === null} className={state === null ? 'chip chip--active' : 'chip'} onClick={() => choose(null)} data-testid="state-chip" data-state="ALL">
          {t('logistics.stateCount', { label: t('logistics.allStates'), count: allCount ?? '…' })}
        </button>
        {TRACKING_STATES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={state === s} className={state === s ? 'chip chip--active' : 'chip'} onClick={() => choose(s)} data-testid="state-chip" data-state={s} data-count={counts?.[s] ?? 0}>
            {t('logistics.stateCount', { label: stateLabel(t, s), count: counts?.[s] ?? 0 })}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
      {untracked && untracked.count > 0 && (
        // The SLA rules wait for a partner's first answer; a silence that is ours must still be seen.
        <div className="message message--warn" role="status" data-testid="parcels-untracked">
          {t('logistics.untracked', { count: untracked.count })}
          {untracked.commonError && <span className="mono" data-testid="parcels-untracked-reason"> {t('logistics.untrackedReason', { reason: untracked.commonError })}</span>}
        </div>
      )}
      <div className="row">
        <span className="toolbar__total" data-testid="parcels-total">
          {t('logistics.total', { total })}
        </span>
        {total > PAGE && (
          <>
            <button type="button" className="button button--small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
              {t('logistics.prevPage')}
            </button>
            <span className="muted">{t('logistics.page', { page: page + 1, pages: Math.ceil(total / PAGE) })}</span>
            <button type="button" className="button button--small" disabled={(page + 1) * PAGE >= total} onClick={() => setPage((p) => p + 1)}>
              {t('logistics.nextPage')}
            </button>
          </>
        )}
      </div>
      <div className="logistics__grid" data-testid="parcels-grid">
        <AgGridReact<Row>
          theme={consoleGridTheme}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => String(p.data.id)}
          getLocaleText={localeText}
          onRowClicked={(e: RowClickedEvent<Row>) => {
            const orderId = e.data?.orders[0]?.orderId;
            if (orderId) onOpenOrder(orderId);
          }}
        />
      </div>
    </div>
  );
}
