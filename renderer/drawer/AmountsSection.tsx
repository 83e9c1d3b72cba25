import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { AMOUNT_FIELDS, type OrderAmounts, type OrderDetail } from '../../core/contract/orders.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../format/money.js';
import { useI18n } from '../i18n/index.js';
import type { EditOrder } from './editOrder.js';

type Drafts = Record<(typeof AMOUNT_FIELDS)[number], string>;

function draftsOf(detail: OrderDetail): Drafts {
  return Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, fenToYuanInput(detail[f])])) as Drafts;
}

/** The six money fields; editing them (finance, admin) always needs a reason for the timeline. */
export function AmountsSection({ detail, canEdit, edit }: { detail: OrderDetail; canEdit: boolean; edit: EditOrder }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<Drafts>(() => draftsOf(detail));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CoreError | string | null>(null);
  const [saved, setSaved] = useState(false);

  function start() {
    setDrafts(draftsOf(detail));
    setReason('');
    setError(null);
    setSaved(false);
    setEditing(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError(t('drawer.amountsReasonRequired'));
    const amounts: Partial<OrderAmounts> = {};
    for (const field of AMOUNT_FIELDS) {
      const fen = parseYuanToFen(drafts[field]);
      if (fen === null) return setError(t('drawer.amountInvalid', { field: t(`column.${field}`) }));
      if (fen !== detail[field]) amounts[field] = fen;
    }
    if (Object.keys(amounts).length === 0) return setEditing(false);
    const failure = await edit({ amounts }, reason);
    if (failure) return setError(failure);
    setEditing(false);
    setSaved(true);
  }

  return (
    <section className="drawer__section" aria-labelledby="amounts-heading" data-testid="drawer-amounts">
      <div className="section-head">
        <h3 id="amounts-heading">{t('drawer.amounts')}</h3>
        {canEdit && !editing && (
          <button type="button" className="button button--small" onClick={start} data-testid="amounts-edit">
            {t('drawer.editAmounts')}
          </button>
        )}
      </div>
      {editing ? (
        <form className="amounts-form" onSubmit={(e) => void submit(e)} data-testid="amounts-form">
          <div className="grid-2">
            {AMOUNT_FIELDS.map((field) => (
              <label key={field} className="field">
                <span>{t('drawer.amountInYuan', { label: t(`column.${field}`) })}</span>
                <input
                  inputMode="decimal"
                  value={drafts[field]}
                  data-testid={`amount-input-${field}`}
                  onChange={(e) => setDrafts({ ...drafts, [field]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <label className="field">
            <span>{t('common.reason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="amounts-reason" required />
          </label>
          <ErrorMessage error={error} testId="amounts-error" />
          <div className="row">
            <button type="submit" className="button button--primary" data-testid="amounts-save">
              {t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="amounts">
          {AMOUNT_FIELDS.map((field) => (
            <div key={field} className={field === 'paidFen' ? 'amounts__paid' : undefined}>
              <dt>{t(`column.${field}`)}</dt>
              <dd className="num" data-testid={`amount-${field}`}>{formatFen(detail[field])}</dd>
            </div>
          ))}
        </dl>
      )}
      {saved && <Notice text={t('common.saved')} testId="amounts-saved" />}
    </section>
  );
}
