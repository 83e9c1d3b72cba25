import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { ImportPreview, ImportResult } from '../../core/contract/orders.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { readFileAsBase64 } from '../common/files.js';
import { Modal } from '../common/Modal.js';
import { formatFen } from '../format/money.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

interface Props {
  onClose(): void;
  onImported(): void;
}

/** Orders from a CSV/XLSX export: always a preview first (what is new, changed, wrong), then confirm. */
export function ImportDialog({ onClose, onImported }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(chosen: File | undefined) {
    setPreview(null);
    setDone(null);
    setError(null);
    if (!chosen) return;
    const next = { fileName: chosen.name, base64: await readFileAsBase64(chosen) };
    setFile(next);
    setBusy(true);
    const result = await send('orders/importPreview', next);
    setBusy(false);
    if ('error' in result) setError(result.error);
    else setPreview(result.data);
  }

  async function confirm() {
    if (!file) return;
    setBusy(true);
    const result = await send('orders/import', file);
    setBusy(false);
    if ('error' in result) return setError(result.error);
    setDone(result.data);
    onImported();
  }

  return (
    <Modal title={t('import.title')} onClose={onClose} testId="import-dialog" wide>
      <label className="field">
        <span>{t('import.file')}</span>
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {busy && <p className="muted">{t('common.loading')}</p>}
      <ErrorMessage error={error} testId="import-error" />
      {preview && <PreviewSummary preview={preview} />}
      {done && (
        <Notice
          testId="import-done"
          text={t('import.done', { inserted: done.inserted, updated: done.updated, skipped: done.skipped })}
        />
      )}
      <div className="row row--end">
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!preview || busy || done !== null}
          onClick={() => void confirm()}
          data-testid="import-confirm"
        >
          {t('import.confirm')}
        </button>
      </div>
    </Modal>
  );
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const figures: Array<[string, number]> = [
    [t('import.rowsRead'), preview.rowsRead],
    [t('import.ordersRead'), preview.ordersRead],
    [t('import.new'), preview.newOrders],
    [t('import.changed'), preview.changedOrders],
    [t('import.unchanged'), preview.unchangedOrders],
    [t('import.errors'), preview.errors.length],
  ];
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="muted">
        {preview.fileName} · {t('import.encoding', { encoding: preview.encoding })}
      </p>
      {preview.alreadyImported && <p className="message message--warn">{t('import.already')}</p>}
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {preview.errors.length > 0 && (
        <ul className="import-errors" data-testid="import-errors">
          {preview.errors.map((e, i) => (
            <li key={i}>
              {t('import.errorRow', { row: e.row })}
              {e.field ? ` · ${e.field}` : ''}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {preview.sample.length > 0 && (
        <table className="table">
          <caption>{t('import.sample')}</caption>
          <tbody>
            {preview.sample.map((s) => (
              <tr key={s.platformOrderId}>
                <td className="mono">{s.platformOrderId}</td>
                <td>{t(`orderStatus.${s.status}`)}</td>
                <td className="num">{formatFen(s.paidFen)}</td>
                <td>{s.receiverName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
