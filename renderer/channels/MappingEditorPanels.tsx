import type { MappingPreview, MappingSample } from '../../core/contract/mapping.js';
import { useI18n } from '../i18n/index.js';

const KEY = /^\s*"([^"]+)":/;
const HIT = { background: 'rgba(255, 200, 0, 0.35)', fontWeight: 600 } as const;

/** The sample as formatted JSON; lines whose key feeds a unified field are highlighted. */
export function MappingSamplePanel({ sample, highlighted }: { sample: MappingSample; highlighted: ReadonlySet<string> }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('mapping.sample')} data-testid="mapping-sample" data-origin={sample.origin}>
      <h3>{t('mapping.sample')}</h3>
      <p className="muted" data-testid="mapping-sample-label">
        {sample.origin === 'stored' ? t('mapping.sampleStored', { label: sample.label }) : t('mapping.sampleFixture', { label: sample.label })}
      </p>
      <pre className="mono" style={{ maxHeight: '60vh', overflow: 'auto', fontSize: '12px' }}>
        {sample.text.split('\n').map((line, i) => {
          const key = KEY.exec(line)?.[1];
          const hit = key !== undefined && highlighted.has(key);
          return (
            <div key={i} style={hit ? HIT : undefined} data-highlight={hit ? key : undefined}>
              {line}
            </div>
          );
        })}
      </pre>
    </section>
  );
}

/** What the engine says the proposed mapping makes of the sample. */
export function MappingPreviewPanel({ preview, previewing }: { preview: MappingPreview | null; previewing: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('mapping.preview')} data-testid="mapping-preview" data-busy={previewing}>
      <h4>{t('mapping.preview')}</h4>
      {!preview ? (
        <p className="muted">{t('mapping.previewing')}</p>
      ) : preview.kind !== 'order' ? (
        <p className="message message--warn" data-testid="mapping-preview-problem">
          {t(preview.kind === 'rejected' ? 'mapping.preview.rejected' : 'mapping.preview.unknown', { message: preview.message ?? '' })}
        </p>
      ) : (
        <>
          <dl className="mapping-preview__order" data-testid="mapping-preview-order">
            <dt>{t('mapping.field.receiver.name')}</dt>
            <dd data-testid="mapping-preview-receiver-name">{preview.order!.receiver.name}</dd>
            <dt>{t('mapping.field.receiver.phone')}</dt>
            <dd data-testid="mapping-preview-receiver-phone">{preview.order!.receiver.phone}</dd>
            <dt>{t('mapping.field.receiver.address')}</dt>
            <dd>{`${preview.order!.receiver.province}${preview.order!.receiver.city}${preview.order!.receiver.district} ${preview.order!.receiver.address}`}</dd>
            <dt>{t('mapping.field.order.buyerRemark')}</dt>
            <dd data-testid="mapping-preview-buyer-remark">{preview.order!.buyerRemark}</dd>
            <dt>{t('mapping.field.order.sellerRemark')}</dt>
            <dd data-testid="mapping-preview-seller-remark">{preview.order!.sellerRemark}</dd>
          </dl>
          <table className="table" data-testid="mapping-preview-lines">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('mapping.line.platformSku')}</th>
                <th scope="col">{t('mapping.line.standardSku')}</th>
                <th scope="col">{t('mapping.line.title')}</th>
                <th scope="col" className="num">{t('mapping.line.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((l) => (
                <tr key={l.lineNo} data-testid="mapping-preview-line" data-unmapped={l.standardSku === null}>
                  <td>{l.lineNo}</td>
                  <td className="mono" data-testid="mapping-preview-platform-sku">{l.platformSku}</td>
                  <td className="mono" data-testid="mapping-preview-standard-sku">
                    {l.standardSku ?? <span className="state-badge state-badge--failing">{t('mapping.line.unmapped')}</span>}
                  </td>
                  <td>{l.title}</td>
                  <td className="num">{l.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.unmappedLines > 0 && (
            <p className="message message--warn" data-testid="mapping-preview-unmapped">{t('mapping.preview.unmapped', { count: preview.unmappedLines })}</p>
          )}
        </>
      )}
    </section>
  );
}
