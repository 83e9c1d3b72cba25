import { useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { CHANNELS, type Channel, type SkuMapping } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

/** Add a mapping, or edit one's standard SKU and note (channel + platform SKU are its key). */
export function SkuForm({ initial, onClose, onSaved }: { initial: SkuMapping | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<Channel>(initial?.channel ?? 'douyin');
  const [platformSku, setPlatformSku] = useState(initial?.platformSku ?? '');
  const [standardSku, setStandardSku] = useState(initial?.standardSku ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  const [error, setError] = useState<CoreError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await send('sku/upsert', { channel, platformSku: platformSku.trim(), standardSku: standardSku.trim(), note });
    if ('error' in result) return setError(result.error);
    onSaved();
    onClose();
  }

  return (
    <Modal title={initial ? t('sku.edit') : t('sku.add')} onClose={onClose} testId="sku-form">
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('sku.channel')}</span>
          <select value={channel} disabled={initial !== null} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>{t(`channel.${c}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sku.platformSku')}</span>
          <input required readOnly={initial !== null} value={platformSku} onChange={(e) => setPlatformSku(e.target.value)} data-testid="sku-platform" />
        </label>
        <label className="field">
          <span>{t('sku.standardSku')}</span>
          <input required value={standardSku} onChange={(e) => setStandardSku(e.target.value)} data-testid="sku-standard" />
        </label>
        <label className="field">
          <span>{t('sku.note')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <div className="row row--end">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" data-testid="sku-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
