import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { OrderDrawer } from '../drawer/OrderDrawer.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';
import { FindOrderByPhoto } from './FindOrderByPhoto.js';
import { HitsPanel } from './HitsPanel.js';
import { ParcelsPanel } from './ParcelsPanel.js';
import { PartnersPanel } from './PartnersPanel.js';
import { RulesEditor } from './RulesEditor.js';
import { TicketsPanel } from './TicketsPanel.js';
import './logistics.css';

type Tab = 'parcels' | 'hits' | 'tickets' | 'rules' | 'partners';

/**
 * Logistics (issue 4): every followed parcel by taxonomy state, the SLA rule hits with why they fired,
 * the exception-ticket queue and the SLA rule set. Any order opens in the same drawer as in Orders.
 */
export function LogisticsWorkspace() {
  const { t } = useI18n();
  const session = useSession();
  const [tab, setTab] = useState<Tab>('parcels');
  const [openOrderId, setOpenOrderId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const tabs: Tab[] = session.can('exceptions.read') ? ['parcels', 'hits', 'tickets', 'rules'] : ['parcels'];
  // 物流接口: carrier API credentials, admin only (core/contract/roles.ts logistics.partners)
  if (session.can('logistics.partners')) tabs.push('partners');

  async function evaluateNow() {
    const result = await send('sla/evaluate', {});
    if ('error' in result) return setError(result.error);
    setError(null);
    const d = result.data;
    setNotice(t('logistics.evaluated', { hits: d.fired.firstScan + d.fired.stall, cleared: d.cleared, tickets: d.tickets }));
  }

  return (
    <div className="logistics" data-testid="logistics">
      <div className="toolbar">
        <div className="tabs" role="tablist">
          {tabs.map((id) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab tab--active' : 'tab'} onClick={() => setTab(id)} data-testid={`logistics-tab-${id}`}>
              {t(`logistics.tab.${id}`)}
            </button>
          ))}
        </div>
        <span className="toolbar__spacer" />
        <FindOrderByPhoto onOpenOrder={setOpenOrderId} />
        {session.can('sla.manage') && (
          <button type="button" className="button button--small" onClick={() => void evaluateNow()} data-testid="sla-evaluate">
            {t('logistics.evaluateNow')}
          </button>
        )}
      </div>
      <Notice text={notice} testId="logistics-notice" />
      <ErrorMessage error={error} />
      {tab === 'parcels' && <ParcelsPanel onOpenOrder={setOpenOrderId} />}
      {tab === 'hits' && <HitsPanel onOpenOrder={setOpenOrderId} />}
      {tab === 'tickets' && <TicketsPanel onOpenOrder={setOpenOrderId} />}
      {tab === 'rules' && <RulesEditor />}
      {tab === 'partners' && <PartnersPanel />}
      {openOrderId !== null && <OrderDrawer orderId={openOrderId} onClose={() => setOpenOrderId(null)} />}
    </div>
  );
}
