import { useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { SkuHandlers } from '../../core/contract/api.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { readFileAsText } from '../common/files.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';

type ImportOutcome = SkuHandlers['sku/importCsv']['result'];

/** CSV of mappings: a dry run shows what would change and which rows are wrong, then apply. */
export function SkuImport({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  async function choose(file: File | undefined) {
    setPreview(null);
    setDone(null);
    setError(null);
    if (!file) return;
    const content = await readFileAsText(file);
    setText(content);
    const result = await send('sku/importCsv', { text: content, dryRun: true });
    if ('error' in result) setError(result.error);
    else setPreview(result.data);
  }

  async function apply() {
    if (text === null) return;
    const result = await send('sku/importCsv', { text, dryRun: false });
    if ('error' in result) return setError(result.error);
    setDone(result.data);
    onImported();
  }

  return (
    <Modal title={t('sku.import')} onClose={onClose} testId="sku-import-dialog">
      <input type="file" accept=".csv,text/csv" aria-label={t('sku.import')} onChange={(e) => void choose(e.target.files?.[0])} data-testid="sku-import-file" />
      <ErrorMessage error={error} />
      {preview && (
        <div data-testid="sku-import-preview">
          <p>{t('sku.importPreview', { upserted: preview.upserted, unchanged: preview.unchanged, errors: preview.errors.length })}</p>
          <ul className="import-errors">
            {preview.errors.map((e, i) => (
              <li key={i}>{t('import.errorRow', { row: e.row })}: {e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {done && <Notice text={t('sku.importDone', { upserted: done.upserted })} />}
      <div className="row row--end">
        <button type="button" className="button" onClick={onClose}>{t('common.close')}</button>
        <button type="button" className="button button--primary" disabled={!preview || done !== null} onClick={() => void apply()} data-testid="sku-import-apply">
          {t('sku.importApply')}
        </button>
      </div>
    </Modal>
  );
}
