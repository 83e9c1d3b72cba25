import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import type { SavedView } from '../../core/contract/orders.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import type { OrdersViewState } from './viewState.js';

const GRID = 'orders';

interface Props {
  viewState(): OrdersViewState | null;
  applyView(state: unknown): void;
  onError(error: CoreError): void;
  onNotice(text: string): void;
}

/** Named views of the orders grid: columns, filters, sort and search, saved in the engine. */
export function SavedViews({ viewState, applyView, onError, onNotice }: Props) {
  const { t } = useI18n();
  const [views, setViews] = useState<SavedView[]>([]);
  const [selected, setSelected] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const load = useCallback(async () => {
    const result = await send('views/list', { grid: GRID });
    if ('data' in result) setViews(result.data);
    else onError(result.error);
  }, [onError]);

  useEffect(() => void load(), [load]);

  function choose(id: string) {
    setSelected(id);
    const view = views.find((v) => String(v.id) === id);
    if (view) applyView(view.state);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const state = viewState();
    if (!state || !name.trim()) return;
    const result = await send('views/save', { grid: GRID, name: name.trim(), state });
    if ('error' in result) return onError(result.error);
    setNaming(false);
    setName('');
    await load();
    setSelected(String(result.data.id));
    onNotice(t('views.saved', { name: result.data.name }));
  }

  async function remove() {
    const id = Number(selected);
    if (!selected || !Number.isFinite(id)) return;
    const result = await send('views/delete', { id });
    if ('error' in result) return onError(result.error);
    setSelected('');
    await load();
  }

  return (
    <div className="saved-views" data-testid="saved-views">
      <select aria-label={t('views.label')} value={selected} onChange={(e) => choose(e.target.value)} data-testid="views-select">
        <option value="">{t('views.choose')}</option>
        {views.map((v) => (
          <option key={v.id} value={String(v.id)}>
            {v.name}
          </option>
        ))}
      </select>
      {selected && (
        <button type="button" className="button button--ghost" onClick={() => void remove()} data-testid="views-delete">
          {t('views.delete')}
        </button>
      )}
      {naming ? (
        <form className="inline-form" onSubmit={(e) => void save(e)}>
          <input
            aria-label={t('views.name')}
            placeholder={t('views.name')}
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
            data-testid="views-name"
          />
          <button type="submit" className="button button--primary" data-testid="views-save-confirm">
            {t('common.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setNaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setNaming(true)} data-testid="views-save">
          {t('views.save')}
        </button>
      )}
    </div>
  );
}
