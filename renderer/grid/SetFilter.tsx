import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import { useI18n } from '../i18n/index.js';

/** The filter model this component reads and writes; `query.ts` maps it to `{ kind: 'set' }`. */
export interface SetFilterModel {
  filterType: 'set';
  values: string[];
}

export interface SetFilterParams {
  options: Array<{ value: string; label: string }>;
}

/**
 * A small set-style filter for enumerations (channel, status): ag-grid's own Set Filter is an
 * enterprise feature, so Community gets this checkbox list. Filtering itself happens in the engine.
 */
export function SetFilter(props: CustomFilterProps & SetFilterParams) {
  const { t } = useI18n();
  const model = props.model as SetFilterModel | null;
  const selected = new Set(model?.values ?? []);

  // Rows are filtered server-side (infinite row model), so the grid never asks row by row.
  useGridFilter({ doesFilterPass: () => true });

  function toggle(value: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    const values = props.options.map((o) => o.value).filter((v) => next.has(v));
    props.onModelChange(values.length === 0 ? null : { filterType: 'set', values });
  }

  return (
    <div className="set-filter" data-testid={`set-filter-${props.colDef.colId ?? props.colDef.field}`}>
      <ul>
        {props.options.map((option) => (
          <li key={option.value}>
            <label>
              <input
                type="checkbox"
                value={option.value}
                checked={selected.has(option.value)}
                onChange={(e) => toggle(option.value, e.target.checked)}
              />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small" onClick={() => props.onModelChange(null)}>
        {t('filter.clear')}
      </button>
    </div>
  );
}
