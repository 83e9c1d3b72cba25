import { useEffect, useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { OrderDetail } from '../../core/contract/orders.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import type { EditOrder } from './editOrder.js';

function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean))];
}

/** Seller remark and tags: the edits customer service makes most. */
export function RemarksForm({ detail, canEdit, edit }: { detail: OrderDetail; canEdit: boolean; edit: EditOrder }) {
  const { t } = useI18n();
  const [remark, setRemark] = useState(detail.sellerRemark);
  const [tags, setTags] = useState(detail.tags.join(', '));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CoreError | null>(null);
  const [saved, setSaved] = useState(false);

  // a newer version from the engine (our save, or someone else's) resets the form
  const savedTags = detail.tags.join(', ');
  useEffect(() => {
    setRemark(detail.sellerRemark);
    setTags(savedTags);
  }, [detail.version, detail.sellerRemark, savedTags]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const nextTags = parseTags(tags);
    const changes: { sellerRemark?: string; tags?: string[] } = {};
    if (remark !== detail.sellerRemark) changes.sellerRemark = remark;
    if (nextTags.join('\u0000') !== detail.tags.join('\u0000')) changes.tags = nextTags;
    if (Object.keys(changes).length === 0) return;
    const failure = await edit(changes, reason);
    setError(failure);
    if (!failure) {
      setReason('');
      setSaved(true);
    }
  }

  return (
    <section className="drawer__section" aria-labelledby="remarks-heading" data-testid="drawer-remarks">
      <h3 id="remarks-heading">{t('drawer.remarks')}</h3>
      {detail.buyerRemark && (
        <p className="buyer-remark">
          <span className="muted">{t('common.labelled', { label: t('drawer.buyerRemark') })}</span>
          {detail.buyerRemark}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('drawer.sellerRemark')}</span>
          <textarea rows={3} value={remark} readOnly={!canEdit} onChange={(e) => setRemark(e.target.value)} data-testid="remark-input" />
        </label>
        <label className="field">
          <span>{t('drawer.tags')}</span>
          <input value={tags} readOnly={!canEdit} onChange={(e) => setTags(e.target.value)} data-testid="tags-input" />
        </label>
        {canEdit && (
          <>
            <div className="row">
              <label className="field field--inline field--grow">
                <span>{t('common.reasonOptional')}</span>
                <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="remark-reason" />
              </label>
              <button type="submit" className="button button--primary" data-testid="remark-save">
                {t('drawer.saveRemarks')}
              </button>
            </div>
            <ErrorMessage error={error} testId="remark-error" />
            {saved && <Notice text={t('common.saved')} testId="remark-saved" />}
          </>
        )}
      </form>
    </section>
  );
}
