import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { LogisticsPartnerInfo } from '../../core/contract/logistics-partners.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { carrierName } from '../drawer/WaybillRepushCarriers.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { PartnerForm } from './PartnerForm.js';
import { partnerName, partnerState } from './PartnerLabels.js';

const STATE_BADGE = { active: 'state-badge state-badge--ok', inactive: 'state-badge state-badge--circuit-open', none: 'badge badge--muted' } as const;

/**
 * 物流接口 (issue 4): the five tracking partners, whether the poller uses each, where its settings
 * come from and which carriers it follows; an admin edits, tests and saves them here.
 */
export function PartnersPanel() {
  const { t } = useI18n();
  const [partners, setPartners] = useState<LogisticsPartnerInfo[]>([]);
  const [editing, setEditing] = useState<LogisticsPartnerInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('logistics/partners', {});
    if ('error' in result) return setError(result.error);
    setError(null);
    setPartners(result.data);
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <div className="logistics__panel" data-testid="partners-panel">
      <p className="muted">{t('partners.intro')}</p>
      <Notice text={notice} testId="partners-notice" />
      <ErrorMessage error={error} testId="partners-error" />
      <table className="table table--full partners" data-testid="partners-table">
        <thead>
          <tr>
            {(['name', 'kind', 'state', 'source', 'endpoint', 'carriers', 'default', 'updatedAt', 'actions'] as const).map((c) => (
              <th key={c} scope="col">{t(`partners.col.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => {
            const state = partnerState(p);
            return (
              <tr key={p.partner} data-testid={`partner-row-${p.partner}`} data-state={state} data-source={p.source}>
                <td>{partnerName(t, p.partner)}</td>
                <td>{t(`partners.kind.${p.kind}`)}</td>
                <td><span className={STATE_BADGE[state]} data-testid="partner-state">{t(`partners.state.${state}`)}</span></td>
                <td data-testid="partner-source">{t(`partners.source.${p.source}`)}</td>
                <td className="mono partners__endpoint" data-testid="partner-endpoint">
                  {p.endpoint ?? '—'}
                  {p.endpoint && p.endpoint !== p.defaultEndpoint && <span className="badge badge--warn">{t('partners.customEndpoint')}</span>}
                </td>
                <td data-testid="partner-carriers">
                  {p.carriers.map((c) => carrierName(t, c)).join('、') || (p.isDefault ? '' : '—')}
                  {p.isDefault && <span className="muted">{t(p.carriers.length > 0 ? 'partners.restCarriers' : 'partners.allOtherCarriers')}</span>}
                </td>
                <td>{p.isDefault && <span className="badge" data-testid="partner-default">{t('partners.defaultMarker')}</span>}</td>
                <td className="mono">{formatShanghai(p.updatedAt) || '—'}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => setEditing(p)} data-testid={`partner-edit-${p.partner}`}>{t('partners.edit')}</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing && (
        <PartnerForm
          info={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, how) => {
            setEditing(null);
            setNotice(t(how === 'saved' ? 'partners.saved' : 'partners.cleared', { name: partnerName(t, saved.partner) }));
            setPartners((list) => list.map((p) => (p.partner === saved.partner ? saved : p)));
            // makeDefault moves the marker off another aggregator: the whole list changes
            void load();
          }}
        />
      )}
    </div>
  );
}
