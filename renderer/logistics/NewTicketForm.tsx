import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { TICKET_GROUPS, TICKET_TYPES, type TicketGroup, type TicketType } from '../../core/contract/logistics-exceptions.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

/** Opening a ticket by hand (a customer call, a damaged parcel photo), optionally on an order and parcel. */
export function NewTicketForm({ onDone, orderId }: { onDone(id: number | null): void; orderId?: number }) {
  const { t } = useI18n();
  const [type, setType] = useState<TicketType>('lost');
  const [group, setGroup] = useState<TicketGroup>('after_sales');
  const [title, setTitle] = useState('');
  const [order, setOrder] = useState(orderId ? String(orderId) : '');
  const [parcel, setParcel] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<CoreError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await send('tickets/create', {
      type,
      ownerGroup: group,
      title,
      ...(order.trim() ? { orderId: Number(order) } : {}),
      ...(parcel.trim() ? { parcelId: Number(parcel) } : {}),
      ...(comment.trim() ? { comment } : {}),
    });
    if ('error' in result) setError(result.error);
    else onDone(result.data.id);
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="ticket-form">
      <div className="row row--wrap">
        <label className="field">
          {t('tickets.col.type')}
          <select value={type} onChange={(e) => setType(e.target.value as TicketType)}>
            {TICKET_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`tickets.type.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('tickets.col.group')}
          <select value={group} onChange={(e) => setGroup(e.target.value as TicketGroup)}>
            {TICKET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`tickets.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('tickets.form.orderId')}
          <input value={order} onChange={(e) => setOrder(e.target.value.replace(/\D/g, ''))} inputMode="numeric" data-testid="ticket-form-order" />
        </label>
        <label className="field">
          {t('tickets.form.parcelId')}
          <input value={parcel} onChange={(e) => setParcel(e.target.value.replace(/\D/g, ''))} inputMode="numeric" />
        </label>
      </div>
      <label className="field">
        {t('tickets.form.title')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required minLength={2} maxLength={200} data-testid="ticket-form-title" />
      </label>
      <label className="field">
        {t('tickets.form.comment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      </label>
      <ErrorMessage error={error} />
      <div className="row row--end">
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('tickets.form.cancel')}
        </button>
        <button type="submit" className="button button--primary" data-testid="ticket-form-create">
          {t('tickets.form.create')}
        </button>
      </div>
    </form>
  );
}
