import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../core/contract/audit.js';
import type { CoreError } from '../../core/contract/errors.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { TimelineEvent } from './TimelineEvent.js';
import { TIMELINE_FIELD_OPTIONS } from './timelineFields.js';

/** The order's digital twin: who changed which field, when, from where, and why. */
export function Timeline({ orderId, tick }: { orderId: number; tick: number }) {
  const { t } = useI18n();
  const [fieldOption, setFieldOption] = useState('all');
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  useEffect(() => {
    let current = true;
    const field = TIMELINE_FIELD_OPTIONS.find((o) => o.id === fieldOption)?.field;
    void send('audit/orderTimeline', field ? { orderId, field } : { orderId }).then((result) => {
      if (!current) return;
      if ('error' in result) {
        setError(result.error);
        setEvents([]);
      } else {
        setError(null);
        setEvents(result.data);
      }
    });
    return () => {
      current = false;
    };
  }, [orderId, fieldOption, tick]);

  return (
    <section className="drawer__section" aria-labelledby="timeline-heading" data-testid="timeline">
      <div className="section-head">
        <h3 id="timeline-heading">{t('timeline.title')}</h3>
        <label className="field field--inline">
          <span>{t('timeline.field')}</span>
          <select value={fieldOption} onChange={(e) => setFieldOption(e.target.value)} data-testid="timeline-field">
            {TIMELINE_FIELD_OPTIONS.map((o) => (
              <option key={o.id} value={o.id}>
                {t(o.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} testId="timeline-error" />
      {events === null && <p className="muted">{t('common.loading')}</p>}
      {events?.length === 0 && !error && (
        <p className="muted" data-testid="timeline-empty">
          {t('timeline.empty')}
        </p>
      )}
      <ol className="timeline" aria-busy={events === null}>
        {events?.map((event) => <TimelineEvent key={event.seq} event={event} />)}
      </ol>
    </section>
  );
}
