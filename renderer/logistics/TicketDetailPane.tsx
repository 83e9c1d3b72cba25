import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { TICKET_GROUPS, type TicketDetail, type TicketGroup, type TicketStatus } from '../../core/contract/logistics-exceptions.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { hasMessage, useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';
import { stateLabel } from './format.js';

/** One ticket: status changes (only the allowed ones), hand-over to another group, comments, history. */
export function TicketDetailPane({ id, onClose, onChanged, onOpenOrder }: { id: number; onClose(): void; onChanged(): void; onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const session = useSession();
  const canWork = session.can('exceptions.work');
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('tickets/detail', { id });
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      setTicket(result.data);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  async function apply(result: Awaited<ReturnType<typeof send<'tickets/setStatus'>>>) {
    if ('error' in result) return setError(result.error);
    setError(null);
    setTicket(result.data);
    onChanged();
  }

  const move = async (status: TicketStatus) => {
    await apply(await send('tickets/setStatus', { id, status, ...(note.trim() ? { note: note.trim() } : {}) }));
    setNote('');
  };
  const handOver = async (ownerGroup: TicketGroup) => apply(await send('tickets/setGroup', { id, ownerGroup, ...(note.trim() ? { note: note.trim() } : {}) }));
  async function addComment(event: FormEvent) {
    event.preventDefault();
    if (!comment.trim()) return;
    await apply(await send('tickets/comment', { id, body: comment.trim() }));
    setComment('');
  }

  if (!ticket) return <aside className="logistics__detail">{error ? <ErrorMessage error={error} /> : <p className="muted">{t('common.loading')}</p>}</aside>;
  return (
    <aside className="logistics__detail" aria-label={t('tickets.detail', { number: ticket.number })} data-testid="ticket-detail" data-status={ticket.status}>
      <div className="section-head">
        <h3>
          {t('tickets.detail', { number: ticket.number })} <span className="badge">{t(`tickets.status.${ticket.status}`)}</span>
          {ticket.overdue && <span className="badge badge--danger">{t('tickets.overdue')}</span>}
        </h3>
        <button type="button" className="icon-button" aria-label={t('tickets.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <p data-testid="ticket-title">{ticket.title}</p>
      <dl className="kv kv--wide">
        <dt>{t('tickets.col.type')}</dt>
        <dd>
          {t(`tickets.type.${ticket.type}`)} · {t(`tickets.origin.${ticket.origin}`)}
        </dd>
        <dt>{t('tickets.col.group')}</dt>
        <dd data-testid="ticket-group">{t(`tickets.group.${ticket.ownerGroup}`)}</dd>
        <dt>{t('tickets.col.order')}</dt>
        <dd>
          {ticket.order ? (
            <button type="button" className="link-button mono" onClick={() => onOpenOrder(ticket.order!.orderId)}>
              {ticket.order.platformOrderId}
            </button>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('tickets.col.parcel')}</dt>
        <dd className="mono">{ticket.parcel ? `${ticket.parcel.carrier} ${ticket.parcel.waybillNo} · ${stateLabel(t, ticket.parcel.state)}` : '—'}</dd>
        <dt>{t('tickets.col.due')}</dt>
        <dd>{t('tickets.dueAt', { at: formatShanghai(ticket.dueAt) })}</dd>
      </dl>
      <p className="muted">{t('tickets.createdBy', { by: ticket.createdBy, at: formatShanghai(ticket.createdAt) })}</p>
      {ticket.resolution && <p data-testid="ticket-resolution">{t('tickets.resolution', { text: ticket.resolution })}</p>}
      <ErrorMessage error={error} testId="ticket-error" />
      {canWork && (
        <div className="card">
          <label className="field">
            {t('tickets.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="ticket-note" />
          </label>
          <div className="row row--wrap">
            <span className="muted">{t('tickets.moveTo')}</span>
            {ticket.allowedStatuses.map((s) => (
              <button key={s} type="button" className="button button--small" onClick={() => void move(s)} data-testid="ticket-move" data-status={s}>
                {t(`tickets.status.${s}`)}
              </button>
            ))}
          </div>
          <div className="row row--wrap">
            <span className="muted">{t('tickets.changeGroup')}</span>
            <select value={ticket.ownerGroup} onChange={(e) => void handOver(e.target.value as TicketGroup)} aria-label={t('tickets.changeGroup')} data-testid="ticket-group-select">
              {TICKET_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`tickets.group.${g}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <h4>{t('tickets.comments')}</h4>
      {ticket.comments.length === 0 ? (
        <p className="muted">{t('tickets.noComments')}</p>
      ) : (
        <ul className="comments" data-testid="ticket-comments">
          {ticket.comments.map((c) => (
            <li key={c.id} data-testid="ticket-comment">
              <div className="muted">
                {c.author.name} · {formatShanghai(c.at)}
              </div>
              <div>{c.body}</div>
            </li>
          ))}
        </ul>
      )}
      {canWork && (
        <form onSubmit={(e) => void addComment(e)} className="row">
          <input className="field--grow" value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('tickets.commentPlaceholder')} aria-label={t('tickets.addComment')} data-testid="ticket-comment-input" />
          <button type="submit" className="button button--small" data-testid="ticket-comment-add">
            {t('tickets.addComment')}
          </button>
        </form>
      )}
      <h4>{t('tickets.history')}</h4>
      <ol className="timeline" data-testid="ticket-history">
        {ticket.history.map((h, i) => (
          <li key={i} className="timeline__event">
            <div className="timeline__meta">
              <time>{formatShanghai(h.at)}</time>
              <span className="timeline__actor">{h.actor.name}</span>
              <span>{h.changes.map((c) => `${c.field}: ${historyValue(t, c.field, c.before)} → ${historyValue(t, c.field, c.after)}`).join('；')}</span>
            </div>
            {h.reason && <p className="timeline__reason">{h.reason}</p>}
          </li>
        ))}
      </ol>
    </aside>
  );
}

function historyValue(t: ReturnType<typeof useI18n>['t'], field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  const key = field === 'status' ? `tickets.status.${String(value)}` : field === 'ownerGroup' ? `tickets.group.${String(value)}` : field === 'type' ? `tickets.type.${String(value)}` : '';
  if (key && hasMessage(key)) return t(key);
  if (field === 'dueAt' && typeof value === 'number') return formatShanghai(value);
  return String(value);
}
