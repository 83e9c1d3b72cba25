import { useEffect, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { OrderMatch } from '../../core/contract/waybill.js';
import { Modal } from '../common/Modal.js';
import { WaybillRepushPanel } from '../drawer/WaybillRepushPanel.js';
import { CandidateList, engineMessage, LabelPhotoView, PhotoDrop, ReceiverFragments, useLabelPhoto } from '../drawer/WaybillRepushPhoto.js';
import { formatShanghai } from '../format/time.js';
import { hasMessage, useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';
import '../drawer/WaybillRepush.css';

/**
 * A label photo that came without an order (issue 5): read it, search the orders by the receiver's
 * surname and phone tail read from it (editable: platforms mask, OCR slips), choose one, and continue
 * with the same re-push flow for that order.
 */
export function FindOrderByPhoto({ onOpenOrder }: { onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!session.can('waybill.repush')) return null;
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="find-order-by-photo">
        {t('waybill.findByPhoto')}
      </button>
      {open && (
        <Modal title={t('waybill.findTitle')} onClose={() => setOpen(false)} testId="find-order-dialog" wide>
          <FindOrderPanel onOpenOrder={onOpenOrder} />
        </Modal>
      )}
    </>
  );
}

function FindOrderPanel({ onOpenOrder }: { onOpenOrder(orderId: number): void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<OrderMatch | null>(null);
  // Once an order is chosen, the re-push panel takes pastes (a new photo for that order).
  const { photo, busy, error, read } = useLabelPhoto(undefined, chosen === null);
  const [surname, setSurname] = useState('');
  const [phoneTail, setPhoneTail] = useState('');
  const [matches, setMatches] = useState<OrderMatch[] | null>(null);
  const [searchError, setSearchError] = useState<CoreError | string | null>(null);

  async function search(name: string, tail: string) {
    const s = name.trim().charAt(0);
    const p = tail.replace(/\D/g, '').slice(-4);
    if (!s && p.length !== 4) return setSearchError(t('waybill.findNeedFragment'));
    setSearchError(null);
    const r = await send('waybill/findOrders', { ...(s ? { surname: s } : {}), ...(p.length === 4 ? { phoneTail: p } : {}), limit: 20 });
    if ('error' in r) return setSearchError(r.error);
    setMatches(r.data);
  }

  // A new photo: its fragments fill the search, which runs at once.
  useEffect(() => {
    if (!photo) return;
    const name = photo.reading.receiver.nameFragment?.replace(/[*＊×xX]/g, '') ?? '';
    const tail = photo.reading.receiver.phoneTail ?? '';
    setSurname(name.charAt(0));
    setPhoneTail(tail);
    setChosen(null);
    setMatches(null);
    if (name || tail) void search(name, tail);
    // search is re-created each render; the photo alone decides when to run it
  }, [photo]);

  if (chosen && photo)
    return (
      <div>
        <p>
          <button type="button" className="link-button" onClick={() => setChosen(null)} data-testid="find-order-back">
            {t('waybill.backToSearch')}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => onOpenOrder(chosen.id)} data-testid="find-order-open">
            {chosen.platformOrderId}
          </button>
        </p>
        <WaybillRepushPanel orderId={chosen.id} initial={photo} onChanged={() => undefined} />
      </div>
    );

  return (
    <div className="waybill" data-testid="find-order">
      <div>
        <PhotoDrop busy={busy} error={error} onFile={(file) => void read(file)} />
        {photo && <LabelPhotoView photo={photo} chosen={photo.reading.waybillNo ?? ''} />}
      </div>
      <div>
        {photo && <CandidateList candidates={photo.reading.candidates} chosen={photo.reading.waybillNo ?? ''} onPick={() => undefined} />}
        {photo && <ReceiverFragments label={{ surname: photo.reading.receiver.nameFragment, phoneTail: photo.reading.receiver.phoneTail }} order={null} />}
        <form
          className="waybill__fields"
          onSubmit={(e) => {
            e.preventDefault();
            void search(surname, phoneTail);
          }}
        >
          <label>
            {t('waybill.surname')}
            <input value={surname} onChange={(e) => setSurname(e.target.value)} maxLength={4} data-testid="find-order-surname" />
          </label>
          <label>
            {t('waybill.phoneTail')}
            <input className="mono" value={phoneTail} onChange={(e) => setPhoneTail(e.target.value)} maxLength={11} data-testid="find-order-phone" />
          </label>
          <button type="submit" className="button" data-testid="find-order-search">
            {t('waybill.findSearch')}
          </button>
        </form>
        {searchError && (
          <div className="message message--error" role="alert" data-testid="find-order-error">
            {typeof searchError === 'string' ? searchError : engineMessage(t, searchError)}
          </div>
        )}
        {matches && <MatchList matches={matches} onChoose={setChosen} />}
      </div>
    </div>
  );
}

function MatchList({ matches, onChoose }: { matches: OrderMatch[]; onChoose(m: OrderMatch): void }) {
  const { t } = useI18n();
  if (matches.length === 0) return <p className="muted" data-testid="find-order-none">{t('waybill.findNone')}</p>;
  const label = (prefix: string, value: string) => (hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}` as 'waybill.findNone') : value);
  return (
    <table className="table waybill__matches" data-testid="find-order-matches">
      <caption>{t('waybill.findCount', { count: matches.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('waybill.col.order')}</th>
          <th scope="col">{t('waybill.col.channel')}</th>
          <th scope="col">{t('waybill.col.status')}</th>
          <th scope="col">{t('waybill.col.receiver')}</th>
          <th scope="col">{t('waybill.col.createdAt')}</th>
          <th scope="col">{t('waybill.col.waybills')}</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => (
          <tr key={m.id} data-testid="find-order-match" data-order={m.platformOrderId}>
            <td className="mono">{m.platformOrderId}</td>
            <td>{label('channel', m.channel)}</td>
            <td>{label('orderStatus', m.status)}</td>
            <td>
              {m.receiverName} <span className="mono">{m.phoneTail}</span>
            </td>
            <td>{formatShanghai(m.createdAt)}</td>
            <td className="mono">{m.waybillNos || '—'}</td>
            <td>
              <button type="button" className="button button--small" onClick={() => onChoose(m)} data-testid="find-order-choose">
                {t('waybill.chooseOrder')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
