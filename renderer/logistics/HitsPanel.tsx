import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { SlaHitInfo, SlaRuleId } from '../../core/contract/logistics-exceptions.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { on, send } from '../transport/index.js';
import { actionText, clearedByLabel, hitWhy } from './format.js';

type Filter = 'open' | 'all' | 'cleared';

/** Every rule hit with why it fired (rule, threshold, the times compared) and what it did. */
export function HitsPanel({ onOpenOrder }: { onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('open');
  const [rule, setRule] = useState<SlaRuleId | ''>('');
  const [rows, setRows] = useState<SlaHitInfo[]>([]);
  const [open, setOpen] = useState<Record<SlaRuleId, number> | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('sla/hits', { ...(filter === 'all' ? {} : { open: filter === 'open' }), ...(rule ? { rule } : {}), limit: 300 });
    if ('error' in result) return setError(result.error);
    setError(null);
    setRows(result.data.rows);
    setOpen(result.data.open);
  }, [filter, rule]);
  useEffect(() => void load(), [load]);
  useEffect(() => on('exceptions/changed', () => void load()), [load]);

  return (
    <div className="logistics__panel" data-testid="hits-panel">
      <div className="toolbar">
        <div className="chips">
          {(['open', 'all', 'cleared'] as const).map((f) => (
            <button key={f} type="button" className={filter === f ? 'chip chip--active' : 'chip'} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`logistics.hits.${f}`)}
            </button>
          ))}
        </div>
        <select value={rule} onChange={(e) => setRule(e.target.value as SlaRuleId | '')} aria-label={t('sla.override.rule')}>
          <option value="">{t('logistics.hits.all')}</option>
          <option value="firstScan">{t('logistics.rule.firstScan')}</option>
          <option value="stall">{t('logistics.rule.stall')}</option>
        </select>
        <span className="toolbar__spacer" />
        {open && <span className="toolbar__total" data-testid="hits-open-count">{t('logistics.hits.openCount', open)}</span>}
      </div>
      <ErrorMessage error={error} />
      {rows.length === 0 ? (
        <p className="muted">{t('logistics.hits.none')}</p>
      ) : (
        <ul className="hits">
          {rows.map((h) => (
            <li key={h.id} className={h.clearedAt ? 'hit hit--cleared' : 'hit'} data-testid="hit" data-rule={h.rule} data-parcel={h.parcelId}>
              <div className="hit__head">
                <span className={h.clearedAt ? 'badge badge--muted' : 'badge badge--danger'}>{t(`logistics.rule.${h.rule}`)}</span>
                <span className="mono">{h.carrier} {h.waybillNo}</span>
                {h.orders.map((o) => (
                  <button key={o.orderId} type="button" className="link-button mono" onClick={() => onOpenOrder(o.orderId)}>
                    {o.platformOrderId}
                  </button>
                ))}
                {h.clearedAt && <span className="muted">{t('logistics.hits.clearedAt', { at: formatShanghai(h.clearedAt), by: clearedByLabel(t, h.clearedBy) })}</span>}
              </div>
              <div className="hit__why" data-testid="hit-why">
                <strong>{t('logistics.hits.why')}：</strong>
                {hitWhy(t, h).join('；')}
              </div>
              <ul className="hit__actions" aria-label={t('logistics.hits.actions')}>
                {h.actions.map((a, i) => (
                  <li key={i} className={a.id === null && a.skipped ? 'muted' : ''} data-testid="hit-action" data-kind={a.kind}>
                    {actionText(t, a)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
