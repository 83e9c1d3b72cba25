import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { ORDER_STATUSES, type OrderDetail, type OrderStatus } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import type { EditOrder } from './editOrder.js';

/** A manual status change; the engine's state machine decides whether the move is allowed. */
export function StatusForm({ detail, edit }: { detail: OrderDetail; edit: EditOrder }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<OrderStatus>(detail.status);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CoreError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (status === detail.status) return;
    const failure = await edit({ status }, reason);
    setError(failure);
    if (!failure) setReason('');
  }

  return (
    <section className="drawer__section" aria-labelledby="status-heading" data-testid="drawer-status-form">
      <h3 id="status-heading">{t('drawer.status')}</h3>
      <form className="row row--wrap" onSubmit={(e) => void submit(e)}>
        <label className="field field--inline">
          <span>{t('drawer.newStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus)} data-testid="status-select">
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orderStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline field--grow">
          <span>{t('common.reasonOptional')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="status-reason" />
        </label>
        <button type="submit" className="button" disabled={status === detail.status} data-testid="status-save">
          {t('drawer.changeStatus')}
        </button>
      </form>
      <ErrorMessage error={error} testId="status-error" />
    </section>
  );
}
