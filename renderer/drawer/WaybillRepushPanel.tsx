import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { Shipment } from '../../core/contract/orders.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { WaybillRepushConfirm } from './WaybillRepushConfirm.js';
import { engineMessage, LabelPhotoView, PhotoDrop, useLabelPhoto, type LabelPhoto } from './WaybillRepushPhoto.js';

/**
 * Re-push a waybill onto one order (issue 5, journey 小王 step 3–4): the photo with what was read on
 * the left, the number, the check and the result on the right. `initial` carries a photo already read
 * (the Logistics workspace's "find order by photo"), so it is not read twice.
 */
export function WaybillRepushPanel({ orderId, onChanged, initial }: { orderId: number; onChanged(): void; initial?: LabelPhoto }) {
  const { photo: fresh, busy, error, read } = useLabelPhoto(orderId);
  const photo = fresh ?? initial ?? null;
  const [chosen, setChosen] = useState('');
  return (
    <div className="waybill" data-testid="waybill-repush">
      <div>
        <PhotoDrop busy={busy} error={error} onFile={(file) => void read(file)} />
        {photo && <LabelPhotoView photo={photo} chosen={chosen} />}
        {photo && <ReadIn ms={photo.reading.ms} />}
      </div>
      <div>
        <WaybillRepushConfirm orderId={orderId} reading={photo?.reading ?? null} onChanged={onChanged} onNumber={setChosen} />
      </div>
    </div>
  );
}

function ReadIn({ ms }: { ms: number }) {
  const { t } = useI18n();
  return (
    <p className="muted" data-testid="waybill-read-ms">
      {t('waybill.readIn', { ms })}
    </p>
  );
}

/** The drawer's "re-push waybill" button and its panel. */
export function WaybillRepushAction({ orderId, platformOrderId, onChanged }: { orderId: number; platformOrderId: string; onChanged(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="waybill-repush-open">
        {t('waybill.repush')}
      </button>
      {open && (
        <Modal title={t('waybill.repushTitle', { id: platformOrderId })} onClose={() => setOpen(false)} testId="waybill-repush-dialog" wide>
          <WaybillRepushPanel orderId={orderId} onChanged={onChanged} />
        </Modal>
      )}
    </>
  );
}

/** Detach a wrongly attached waybill from the order, with the reason the timeline keeps. */
export function WaybillRepushDetach({ orderId, shipment, onChanged }: { orderId: number; shipment: Shipment; onChanged(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | string | null>(null);

  async function detach() {
    if (!reason.trim()) return setError(t('waybill.detachReasonRequired'));
    setBusy(true);
    setError(null);
    const r = await send('waybill/detach', { orderId, waybillNo: shipment.waybillNo, reason: reason.trim() });
    setBusy(false);
    if ('error' in r) return setError(r.error);
    setOpen(false);
    onChanged();
  }

  if (!open)
    return (
      <button type="button" className="link-button link-button--danger" onClick={() => setOpen(true)} data-testid="waybill-detach-open" data-waybill={shipment.waybillNo}>
        {t('waybill.detach')}
      </button>
    );
  return (
    <form
      className="waybill__form"
      aria-label={t('waybill.detachTitle', { waybill: shipment.waybillNo })}
      data-testid="waybill-detach-form"
      onSubmit={(e) => {
        e.preventDefault();
        void detach();
      }}
    >
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('waybill.detachReason')} aria-label={t('waybill.detachReason')} maxLength={500} data-testid="waybill-detach-reason" />
      <button type="submit" className="button button--small" disabled={busy} data-testid="waybill-detach-confirm">
        {t('waybill.detachConfirm')}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {error && (
        <div className="message message--error" role="alert" data-testid="waybill-detach-error">
          {typeof error === 'string' ? error : engineMessage(t, error)}
        </div>
      )}
    </form>
  );
}
