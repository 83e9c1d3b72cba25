import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { LabelReading, WaybillCandidateInfo } from '../../core/contract/waybill.js';
import { readFileAsBase64 } from '../common/files.js';
import { hasMessage, useI18n, type Translate } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { carrierName } from './WaybillRepushCarriers.js';
import './WaybillRepush.css';

export interface LabelPhoto {
  /** Object URL of the chosen file, for the preview (revoked when replaced or closed). */
  url: string;
  name: string;
  reading: LabelReading;
}

/** The engine's own message for bad input ("not an image", "truncated", "too large", "no label"). */
export function engineMessage(t: Translate, error: CoreError): string {
  const key = `error.${error.type}`;
  const label = hasMessage(key) ? t(key) : error.type;
  return error.message && error.message !== label ? t('common.errorDetail', { label, detail: error.message }) : label;
}

export const sameWaybill = (a: string, b: string) => a.replace(/[\s\-_.·]/g, '').toUpperCase() === b.replace(/[\s\-_.·]/g, '').toUpperCase();

/**
 * A label photo read by the engine's OCR: dropped, picked or pasted (a paste anywhere while the panel is
 * open). A new photo replaces the old only once it has been read; bad input leaves the last one in place.
 */
export function useLabelPhoto(orderId: number | undefined, listenPaste = true) {
  const [photo, setPhoto] = useState<LabelPhoto | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const current = useRef<string | null>(null);

  const read = useCallback(
    async (file: File) => {
      setBusy(file.name || 'clipboard');
      setError(null);
      try {
        const imageBase64 = await readFileAsBase64(file);
        const result = await send('waybill/read', { imageBase64, fileName: file.name || 'clipboard.png', ...(orderId ? { orderId } : {}) });
        if ('error' in result) return setError(result.error);
        const url = URL.createObjectURL(file);
        if (current.current) URL.revokeObjectURL(current.current);
        current.current = url;
        setPhoto({ url, name: file.name || 'clipboard.png', reading: result.data });
      } catch (err) {
        setError({ type: 'ValidationError', message: String(err) });
      } finally {
        setBusy(null);
      }
    },
    [orderId],
  );

  useEffect(() => {
    if (!listenPaste) return;
    function onPaste(event: ClipboardEvent) {
      const file = [...(event.clipboardData?.items ?? [])].find((item) => item.kind === 'file' && item.type.startsWith('image/'))?.getAsFile();
      if (!file) return; // text pastes into the number field go through untouched
      event.preventDefault();
      void read(file);
    }
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [read, listenPaste]);

  useEffect(
    () => () => {
      if (current.current) URL.revokeObjectURL(current.current);
    },
    [],
  );

  return { photo, busy, error, read };
}

export function PhotoDrop({ busy, error, onFile }: { busy: string | null; error: CoreError | null; onFile(file: File): void }) {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  }

  return (
    <div
      className={`waybill__drop${over ? ' waybill__drop--over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="waybill-drop"
    >
      <p className="muted">{t('waybill.dropHint')}</p>
      <button type="button" className="button button--small" disabled={busy !== null} onClick={() => input.current?.click()}>
        {t('waybill.pickFile')}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*,.heic,.heif"
        hidden
        data-testid="waybill-photo-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again must fire again
          if (file) onFile(file);
        }}
      />
      {busy !== null && (
        <p className="waybill__busy" role="status" data-testid="waybill-busy">
          <span className="waybill__spinner" aria-hidden="true" />
          {t('waybill.reading')}
        </p>
      )}
      {error && (
        <div className="message message--error" role="alert" data-testid="waybill-read-error">
          {engineMessage(t, error)}
        </div>
      )}
    </div>
  );
}

/** The photo with what was read on it; boxes in the image's pixels, scaled by the SVG's viewBox. */
export function LabelPhotoView({ photo, chosen }: { photo: LabelPhoto; chosen: string }) {
  const { t } = useI18n();
  const [broken, setBroken] = useState(false);
  const { reading } = photo;
  const isChosen = (kind: string, text: string) => (kind === 'barcode' || kind === 'waybill-text') && chosen !== '' && text.replace(/[\s\-_.·]/g, '').toUpperCase().includes(chosen.replace(/[\s\-_.·]/g, '').toUpperCase());
  return (
    <figure className="waybill__photo" data-testid="waybill-photo" style={{ aspectRatio: `${reading.imageWidth} / ${reading.imageHeight}` }}>
      {!broken && <img src={photo.url} alt={t('waybill.photoAlt', { name: photo.name })} onError={() => setBroken(true)} />}
      <svg viewBox={`0 0 ${reading.imageWidth} ${reading.imageHeight}`} preserveAspectRatio="none" className="waybill__regions" data-testid="waybill-regions">
        {reading.regions.map((r, i) => {
          const emphasised = isChosen(r.kind, r.text);
          return (
            <rect
              key={i}
              x={r.box.x}
              y={r.box.y}
              width={r.box.width}
              height={r.box.height}
              className={`waybill__region waybill__region--${r.kind}${emphasised ? ' waybill__region--chosen' : ''}`}
              vectorEffect="non-scaling-stroke"
              data-testid="waybill-region"
              data-kind={r.kind}
              data-chosen={emphasised ? 'true' : 'false'}
            >
              <title>{`${hasMessage(`waybill.region.${r.kind}`) ? t(`waybill.region.${r.kind}` as 'waybill.region.other') : r.kind}: ${r.text}`}</title>
            </rect>
          );
        })}
      </svg>
      {broken && <figcaption className="muted">{t('waybill.noPreview')}</figcaption>}
    </figure>
  );
}

export function CandidateList({ candidates, chosen, onPick }: { candidates: WaybillCandidateInfo[]; chosen: string; onPick(c: WaybillCandidateInfo): void }) {
  const { t } = useI18n();
  if (candidates.length === 0) return null;
  return (
    <table className="table waybill__candidates" data-testid="waybill-candidates">
      <caption>{t('waybill.candidates')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('waybill.col.number')}</th>
          <th scope="col">{t('waybill.col.carrier')}</th>
          <th scope="col">{t('waybill.col.confidence')}</th>
          <th scope="col">{t('waybill.col.source')}</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {candidates.map((c) => {
          const selected = sameWaybill(c.waybillNo, chosen);
          return (
            <tr key={`${c.waybillNo}-${c.source}`} className={selected ? 'row--selected' : undefined} data-testid="waybill-candidate" data-waybill={c.waybillNo} aria-selected={selected}>
              <td className="mono">{c.waybillNo}</td>
              <td>{c.carrier ? carrierName(t, c.carrier) : '—'}</td>
              <td>{Math.round(c.confidence * 100)}%</td>
              <td>{t(`waybill.source.${c.source}`)}</td>
              <td>
                <button type="button" className="link-button" disabled={selected} onClick={() => onPick(c)} data-testid="waybill-candidate-use">
                  {t('waybill.useCandidate')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What the label says of the receiver, beside what the (masked) order says once checked. */
export function ReceiverFragments({ label, order }: { label: { surname: string | null; phoneTail: string | null }; order: { surname: string | null; phoneTail: string | null } | null }) {
  const { t } = useI18n();
  const show = (v: string | null) => v ?? t('waybill.unreadable');
  return (
    <table className="table waybill__receiver" data-testid="waybill-receiver">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('waybill.surname')}</th>
          <th scope="col">{t('waybill.phoneTail')}</th>
        </tr>
      </thead>
      <tbody>
        <tr data-testid="waybill-receiver-label">
          <th scope="row">{t('waybill.receiverRead')}</th>
          <td>{show(label.surname)}</td>
          <td className="mono">{show(label.phoneTail)}</td>
        </tr>
        {order && (
          <tr data-testid="waybill-receiver-order">
            <th scope="row">{t('waybill.receiverOrder')}</th>
            <td className={label.surname && order.surname && label.surname !== order.surname ? 'text-danger' : undefined}>{show(order.surname)}</td>
            <td className={`mono${label.phoneTail && order.phoneTail && label.phoneTail !== order.phoneTail ? ' text-danger' : ''}`}>{show(order.phoneTail)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
