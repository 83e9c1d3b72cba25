import { useState } from 'react';
import type { AuditEvent } from '../../core/contract/audit.js';
import type { CoreError } from '../../core/contract/errors.js';
import type { AuditHandlers } from '../../core/contract/api.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { send } from '../transport/index.js';
import { actionLabel, fieldLabel, formatChangeValue } from './changeFormat.js';

type RawPayload = AuditHandlers['audit/rawPayload']['result'];

export function TimelineEvent({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const [raw, setRaw] = useState<RawPayload | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  async function toggleRaw() {
    if (raw) return setRaw(null);
    if (event.rawPayloadId === null) return;
    const result = await send('audit/rawPayload', { id: event.rawPayloadId });
    if ('error' in result) setError(result.error);
    else setRaw(result.data);
  }

  return (
    <li className={`timeline__event actor-${event.actor.type}`} data-testid="timeline-event" data-seq={event.seq}>
      <div className="timeline__meta">
        <time dateTime={new Date(event.at).toISOString()} data-testid="timeline-time">
          {formatShanghai(event.at)}
        </time>
        <span className="timeline__actor" data-testid="timeline-actor">
          {event.actor.name}
          <span className="badge badge--muted">{t(`actor.${event.actor.type}`)}</span>
        </span>
        <span className="timeline__action" data-testid="timeline-action">
          {actionLabel(t, event.action)}
        </span>
        <span className="muted" data-testid="timeline-source">
          {t('timeline.source', { source: event.source })}
        </span>
      </div>
      {event.changes.length > 0 && (
        <ul className="timeline__changes">
          {event.changes.map((change, i) => (
            <li key={`${change.field}-${i}`} data-testid="timeline-change" data-field={change.field}>
              <span className="timeline__field">{fieldLabel(t, change.field)}</span>
              <span className={isEmpty(change.before) ? 'timeline__before timeline__before--empty' : 'timeline__before'}>
                {formatChangeValue(t, change.field, change.before)}
              </span>
              <span aria-hidden="true"> → </span>
              <span className="timeline__after">{formatChangeValue(t, change.field, change.after)}</span>
            </li>
          ))}
        </ul>
      )}
      {event.reason && (
        <p className="timeline__reason" data-testid="timeline-reason">
          {t('timeline.reason', { reason: event.reason })}
        </p>
      )}
      {event.rawPayloadId !== null && (
        <button type="button" className="link-button" onClick={() => void toggleRaw()} data-testid="timeline-raw">
          {raw ? t('timeline.hideRaw') : t('timeline.raw')}
        </button>
      )}
      <ErrorMessage error={error} />
      {raw && (
        <figure className="raw-payload" data-testid="raw-payload">
          <figcaption>{t('timeline.rawTitle', { id: raw.id, contentType: raw.contentType, source: raw.source })}</figcaption>
          {imageType(raw) ? (
            // Label photos kept as evidence (waybill re-push) are shown as the photo, not as base64 text.
            <img className="raw-payload-image" src={`data:${imageType(raw)};base64,${raw.body}`} alt={raw.source} data-testid="raw-payload-image" style={{ maxWidth: '100%' }} />
          ) : (
            <pre>{prettyPayload(raw)}</pre>
          )}
        </figure>
      )}
    </li>
  );
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** `image/jpeg;base64` and the like: the body is the photo's bytes in base64. */
function imageType(raw: RawPayload): string | null {
  const m = /^(image\/(?:jpeg|png|webp|heic|avif));base64$/.exec(raw.contentType);
  return m ? m[1]! : null;
}

function prettyPayload(raw: RawPayload): string {
  if (raw.contentType.includes('json')) {
    try {
      return JSON.stringify(JSON.parse(raw.body), null, 2);
    } catch {
      // not valid JSON after all: show it as sent
    }
  }
  return raw.body;
}
