import { useCallback, useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { TICKET_GROUPS, TICKET_STATUSES, TICKET_TYPES, type TicketGroup, type TicketInfo, type TicketListResult, type TicketStatus, type TicketType } from '../../core/contract/logistics-exceptions.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { on, send } from '../transport/index.js';
import { NewTicketForm } from './NewTicketForm.js';
import { TicketDetailPane } from './TicketDetailPane.js';

/** The exception-ticket queue: filters, counts per status, the most urgent first; a row opens its detail. */
export function TicketsPanel({ onOpenOrder }: { onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<TicketStatus[]>(['open', 'in_progress', 'waiting_carrier']);
  const [group, setGroup] = useState<TicketGroup | ''>('');
  const [type, setType] = useState<TicketType | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [list, setList] = useState<TicketListResult | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('tickets/list', { status, ...(group ? { ownerGroup: group } : {}), ...(type ? { type } : {}), ...(overdue ? { overdue: true } : {}), limit: 200 });
    if ('error' in result) return setError(result.error);
    setError(null);
    setList(result.data);
  }, [status, group, type, overdue]);
  useEffect(() => void load(), [load]);
  useEffect(() => on('exceptions/changed', () => void load()), [load]);

  const toggleStatus = (s: TicketStatus) => setStatus((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <div className="logistics__panel logistics__split" data-testid="tickets-panel">
      <div className="logistics__queue">
        <div className="toolbar">
          <div className="chips">
            {TICKET_STATUSES.map((s) => (
              <button key={s} type="button" className={status.includes(s) ? 'chip chip--active' : 'chip'} aria-pressed={status.includes(s)} onClick={() => toggleStatus(s)} data-testid="ticket-status-chip" data-status={s}>
                {t(`tickets.status.${s}`)} {list?.counts[s] ?? 0}
              </button>
            ))}
            <button type="button" className={overdue ? 'chip chip--active chip--danger' : 'chip chip--danger'} aria-pressed={overdue} onClick={() => setOverdue((v) => !v)} data-testid="ticket-overdue-chip">
              {t('tickets.overdueCount', { count: list?.counts.overdue ?? 0 })}
            </button>
          </div>
          <select value={group} onChange={(e) => setGroup(e.target.value as TicketGroup | '')} aria-label={t('tickets.col.group')}>
            <option value="">{t('tickets.allGroups')}</option>
            {TICKET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`tickets.group.${g}`)}
              </option>
            ))}
          </select>
          <select value={type} onChange={(e) => setType(e.target.value as TicketType | '')} aria-label={t('tickets.col.type')}>
            <option value="">{t('tickets.allTypes')}</option>
            {TICKET_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`tickets.type.${ty}`)}
              </option>
            ))}
          </select>
          <span className="toolbar__spacer" />
          {session.can('exceptions.work') && (
            <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)} data-testid="ticket-new">
              {t('tickets.new')}
            </button>
          )}
        </div>
        <ErrorMessage error={error} />
        {creating && (
          <NewTicketForm
            onDone={(id) => {
              setCreating(false);
              if (id !== null) {
                setSelected(id);
                void load();
              }
            }}
          />
        )}
        {list && list.rows.length === 0 ? (
          <p className="muted">{t('tickets.none')}</p>
        ) : (
          <table className="table table--full" data-testid="tickets-table">
            <thead>
              <tr>
                <th scope="col">{t('tickets.col.number')}</th>
                <th scope="col">{t('tickets.col.type')}</th>
                <th scope="col">{t('tickets.col.title')}</th>
                <th scope="col">{t('tickets.col.group')}</th>
                <th scope="col">{t('tickets.col.status')}</th>
                <th scope="col">{t('tickets.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {list?.rows.map((r: TicketInfo) => (
                <tr key={r.id} className={selected === r.id ? 'row--selected' : ''} onClick={() => setSelected(r.id)} data-testid="ticket-row" data-ticket={r.id} data-status={r.status}>
                  <td className="mono">
                    <button type="button" className="link-button mono" onClick={() => setSelected(r.id)}>
                      {r.number}
                    </button>
                  </td>
                  <td>{t(`tickets.type.${r.type}`)}</td>
                  <td>{r.title}</td>
                  <td>{t(`tickets.group.${r.ownerGroup}`)}</td>
                  <td>{t(`tickets.status.${r.status}`)}</td>
                  <td className={r.overdue ? 'text-danger' : ''}>
                    {formatShanghai(r.dueAt)}
                    {r.overdue && <span className="badge badge--danger">{t('tickets.overdue')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {selected !== null && <TicketDetailPane id={selected} onClose={() => setSelected(null)} onChanged={() => void load()} onOpenOrder={onOpenOrder} />}
    </div>
  );
}
