import { useEffect, useMemo, useRef, useState } from 'react';
import type { ShopHealth } from '../../core/contract/channels.js';
import type { CoreError } from '../../core/contract/errors.js';
import type { FieldSources, MappableField, MappingFieldInfo, MappingPreview, MappingScope, MappingView } from '../../core/contract/mapping.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { Modal } from '../common/Modal.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { MappingPreviewPanel, MappingSamplePanel } from './MappingEditorPanels.js';

/** A select's value: '' = inherit (channel / default), NONE = leave empty, else the primary source. */
const NONE = '-';
type Choices = Partial<Record<MappableField, string>>;

function choicesFor(view: MappingView, scope: MappingScope): Choices {
  const out: Choices = {};
  for (const f of view.fields) {
    const list = scope === 'shop' ? f.shop : f.channel;
    out[f.field] = list === null ? '' : list.length === 0 ? NONE : list[0]!;
  }
  return out;
}

/** The chosen source first, then the connector's defaults as fallbacks (first non-empty wins). */
export function definitionOf(view: MappingView, choices: Choices): FieldSources {
  const out: Record<string, string[]> = {};
  for (const f of view.fields) {
    const choice = choices[f.field] ?? '';
    if (choice === '') continue;
    out[f.field] = choice === NONE ? [] : [choice, ...f.defaults.filter((s) => s !== choice)];
  }
  return out as FieldSources;
}

interface MappingEditorProps {
  shop: ShopHealth;
  canManage: boolean;
  onClose(): void;
}

/**
 * The field-mapping editor (issue 3): the shop's real sample payload on the left with the fields
 * in use highlighted, the unified fields on the right with a source per field, and a live preview
 * computed by the engine through the connector's own normalisation and the SKU mapping table.
 */
export function MappingEditor({ shop, canManage, onClose }: MappingEditorProps) {
  const { t } = useI18n();
  const [view, setView] = useState<MappingView | null>(null);
  const [scope, setScope] = useState<MappingScope>('shop');
  const [choices, setChoices] = useState<Choices>({});
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    let alive = true;
    void send('channels/mapping/get', { shopId: shop.id }).then((result) => {
      if (!alive) return;
      if ('error' in result) return setError(result.error);
      setView(result.data);
      setChoices(choicesFor(result.data, 'shop'));
    });
    return () => {
      alive = false;
    };
  }, [shop.id]);

  const fields = useMemo(() => (view ? definitionOf(view, choices) : null), [view, choices]);

  // live preview: every change asks the engine; only the latest answer is shown
  useEffect(() => {
    if (!view || !fields) return;
    const ticket = ++asked.current;
    setPreviewing(true);
    void send('channels/mapping/preview', { shopId: shop.id, scope, fields, rawPayloadId: view.sample.rawPayloadId }).then((result) => {
      if (ticket !== asked.current) return;
      setPreviewing(false);
      if ('error' in result) return setError(result.error);
      setError(null);
      setPreview(result.data);
    });
  }, [view, fields, scope, shop.id]);

  function changeScope(next: MappingScope) {
    if (!view) return;
    setScope(next);
    setChoices(choicesFor(view, next));
    setSaved(false);
  }

  async function save() {
    if (!fields) return;
    setBusy(true);
    const result = await send('channels/mapping/save', { shopId: shop.id, scope, fields });
    setBusy(false);
    if ('error' in result) return setError(result.error);
    setView(result.data);
    setSaved(true);
    setNotice(t('mapping.saved'));
  }

  async function reapply() {
    setBusy(true);
    const result = await send('channels/mapping/reapply', { shopId: shop.id });
    setBusy(false);
    if ('error' in result) return setError(result.error);
    setNotice(t('mapping.reapplied', { ...result.data }));
  }

  const highlighted = useMemo(() => {
    const keys = new Set<string>();
    if (!view || !preview) return keys;
    for (const f of view.fields) {
      const first = preview.effective[f.field]?.[0];
      for (const key of f.sources.find((s) => s.source === first)?.keys ?? []) keys.add(key);
    }
    return keys;
  }, [view, preview]);

  return (
    <Modal title={t('mapping.title', { name: shop.name })} onClose={onClose} testId="mapping-editor" wide>
      <ErrorMessage error={error} testId="mapping-error" />
      {view && view.problems.length > 0 && (
        <div className="message message--warn" data-testid="mapping-problems">
          {t('mapping.problems')} {view.problems.join(' ')}
        </div>
      )}
      {!view ? (
        <p className="muted">{t('mapping.previewing')}</p>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem' }}>
          <MappingSamplePanel sample={view.sample} highlighted={highlighted} />
          <section aria-label={t('mapping.fields')} data-testid="mapping-fields">
            <h3>{t('mapping.fields')}</h3>
            {canManage && (
              <fieldset className="row" data-testid="mapping-scope">
                <legend>{t('mapping.scope')}</legend>
                {(['shop', 'channel'] as const).map((s) => (
                  <label key={s}>
                    <input type="radio" name="mapping-scope" value={s} checked={scope === s} onChange={() => changeScope(s)} data-testid={`mapping-scope-${s}`} />{' '}
                    {t(`mapping.scope.${s}`)}
                  </label>
                ))}
              </fieldset>
            )}
            {view.fields.map((f) => (
              <FieldRow key={f.field} info={f} scope={scope} value={choices[f.field] ?? ''} disabled={!canManage} onChange={(v) => { setChoices({ ...choices, [f.field]: v }); setSaved(false); }} />
            ))}
            <MappingPreviewPanel preview={preview} previewing={previewing} />
            {!canManage && <p className="muted">{t('mapping.readOnly')}</p>}
            <Notice text={notice} testId="mapping-notice" />
            {saved && canManage && <p className="muted" data-testid="mapping-reapply-hint">{t('mapping.reapplyHint')}</p>}
            <div className="row row--end">
              <button type="button" className="button" onClick={onClose} data-testid="mapping-cancel">{t('common.cancel')}</button>
              {saved && canManage && (
                <button type="button" className="button" disabled={busy} onClick={() => void reapply()} data-testid="mapping-reapply">{t('mapping.reapply')}</button>
              )}
              {canManage && (
                <button type="button" className="button button--primary" disabled={busy || !fields} onClick={() => void save()} data-testid="mapping-save">{t('mapping.save')}</button>
              )}
            </div>
          </section>
        </div>
      )}
    </Modal>
  );
}

function FieldRow({ info, scope, value, disabled, onChange }: { info: MappingFieldInfo; scope: MappingScope; value: string; disabled: boolean; onChange(v: string): void }) {
  const { t } = useI18n();
  const inherited = scope === 'shop' ? (info.channel ?? info.defaults) : info.defaults;
  const id = `mapping-field-${info.field.replace('.', '-')}`;
  const chain = value === '' ? inherited : value === NONE ? [] : [value, ...info.defaults.filter((s) => s !== value)];
  return (
    <div className="form-row" data-testid={`${id}-row`}>
      <label htmlFor={id}>
        {t(`mapping.field.${info.field}`)} <small className="muted mono">{info.path}</small>
      </label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        <option value="">{t(`mapping.inherit.${scope}`, { sources: inherited.join(' → ') || '—' })}</option>
        {info.optional && <option value={NONE}>{t('mapping.none')}</option>}
        {info.sources.map((s) => (
          <option key={s.source} value={s.source} title={s.note}>
            {s.source} · {s.note}
          </option>
        ))}
      </select>
      <small className="muted">
        {t('mapping.fallback', { sources: chain.join(' → ') || '—' })} · {t('mapping.origin', { origin: t(`mapping.origin.${info.origin}`) })}
      </small>
    </div>
  );
}
