import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { CHANNELS, type Channel, type SkuMapping } from '../../core/contract/orders.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { downloadText } from '../common/files.js';
import { formatShanghai } from '../format/time.js';
import { consoleGridTheme } from '../grid/setup.js';
import { useGridLocaleText } from '../grid/useGridLocaleText.js';
import { useI18n, type Translate } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';
import { SkuForm } from './SkuForm.js';
import { SkuImport } from './SkuImport.js';

/** Mapping tables stay small (thousands of rows): one page, filtered client-side by the engine's search. */
const PAGE_LIMIT = 1_000; // the engine's maximum page for sku/list

export function SkuWorkspace() {
  const { t, locale } = useI18n();
  const localeText = useGridLocaleText();
  const session = useSession();
  const canEdit = session.can('sku.edit');
  const [rows, setRows] = useState<SkuMapping[]>([]);
  const [total, setTotal] = useState(0);
  const [search, setSearch] = useState('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [error, setError] = useState<CoreError | null>(null);
  const [editing, setEditing] = useState<SkuMapping | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    const result = await send('sku/list', { search: search || undefined, channel: channel || undefined, limit: PAGE_LIMIT });
    if ('error' in result) return setError(result.error);
    setError(null);
    setRows(result.data.rows);
    setTotal(result.data.total);
  }, [search, channel]);

  useEffect(() => {
    const timer = window.setTimeout(() => void load(), 250);
    return () => window.clearTimeout(timer);
  }, [load]);

  const remove = useCallback(
    async (row: SkuMapping) => {
      if (!window.confirm(t('sku.deleteConfirm', { channel: t(`channel.${row.channel}`), platformSku: row.platformSku }))) return;
      const result = await send('sku/delete', { channel: row.channel, platformSku: row.platformSku });
      if ('error' in result) setError(result.error);
      else void load();
    },
    [t, load],
  );

  async function exportCsv() {
    const result = await send('sku/exportCsv', channel ? { channel } : {});
    if ('error' in result) setError(result.error);
    else downloadText(result.data.text, result.data.fileName);
  }

  const columns = useMemo(() => skuColumns(t, canEdit, setEditing, (r) => void remove(r)), [t, canEdit, remove]);

  return (
    <section className="sku" aria-label={t('sku.title')} data-testid="sku-workspace">
      <div className="toolbar" role="toolbar" aria-label={t('sku.title')}>
        <input
          type="search"
          className="toolbar__search"
          aria-label={t('sku.search')}
          placeholder={t('sku.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="sku-search"
        />
        <label className="toolbar__field">
          <span>{t('sku.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')} data-testid="sku-channel">
            <option value="">{t('common.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>{t(`channel.${c}`)}</option>
            ))}
          </select>
        </label>
        <span className="toolbar__total" data-testid="sku-total">{t('sku.total', { total: total.toLocaleString(locale) })}</span>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={() => void exportCsv()} data-testid="sku-export">{t('sku.export')}</button>
        {canEdit && (
          <>
            <button type="button" className="button" onClick={() => setImporting(true)} data-testid="sku-import">{t('sku.import')}</button>
            <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="sku-add">{t('sku.add')}</button>
          </>
        )}
      </div>
      <ErrorMessage error={error} testId="sku-error" />
      <div className="orders__grid" data-testid="sku-grid">
        <AgGridReact<SkuMapping>
          theme={consoleGridTheme}
          rowData={rows}
          columnDefs={columns}
          getLocaleText={localeText}
          getRowId={(p) => `${p.data.channel}:${p.data.platformSku}`}
          rowHeight={34}
          headerHeight={36}
        />
      </div>
      {editing && <SkuForm initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => void load()} />}
      {importing && <SkuImport onClose={() => setImporting(false)} onImported={() => void load()} />}
    </section>
  );
}

function skuColumns(t: Translate, canEdit: boolean, onEdit: (r: SkuMapping) => void, onDelete: (r: SkuMapping) => void): ColDef<SkuMapping>[] {
  const columns: ColDef<SkuMapping>[] = [
    { field: 'channel', headerName: t('sku.channel'), width: 120, valueFormatter: (p) => (p.value ? t(`channel.${p.value as Channel}`) : '') },
    { field: 'platformSku', headerName: t('sku.platformSku'), flex: 1, cellClass: 'mono' },
    { field: 'standardSku', headerName: t('sku.standardSku'), flex: 1, cellClass: 'mono' },
    { field: 'note', headerName: t('sku.note'), flex: 1 },
    { field: 'updatedAt', headerName: t('sku.updatedAt'), width: 170, valueFormatter: (p) => formatShanghai(p.value as number) },
  ];
  if (canEdit) {
    columns.push({
      headerName: t('sku.actions'),
      width: 150,
      sortable: false,
      cellRenderer: (p: ICellRendererParams<SkuMapping>) =>
        p.data ? (
          <span className="row">
            <button type="button" className="link-button" onClick={() => p.data && onEdit(p.data)}>{t('common.edit')}</button>
            <button type="button" className="link-button link-button--danger" onClick={() => p.data && onDelete(p.data)}>{t('common.delete')}</button>
          </span>
        ) : null,
    });
  }
  return columns;
}
