import { useCallback, useEffect, useState } from 'react';
import type { AuditHandlers } from '../../core/contract/api.js';
import type { CoreError } from '../../core/contract/errors.js';
import type { ParcelDeadlines, SlaDeadline } from '../../core/contract/logistics-exceptions.js';
import type { ParcelTrail, TrackingEventInfo } from '../../core/contract/logistics.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { formatShanghai } from '../format/time.js';
import { useI18n } from '../i18n/index.js';
import { hitWhy, stateLabel } from '../logistics/format.js';
import { useSession } from '../session/SessionContext.js';
import { on, send } from '../transport/index.js';
import '../logistics/logistics.css';

type RawPayload = AuditHandlers['audit/rawPayload']['result'];

type Node =
  | { kind: 'shipped'; at: number }
  | { kind: 'event'; at: number; event: TrackingEventInfo }
  | { kind: 'deadline'; at: number; deadline: SlaDeadline };

/**
 * The order's logistics trail (issue 4): every carrier event of every parcel as a live timeline, each
 * node opening the carrier's raw payload and where it came from (push, poll, OCR, manual), with the SLA
 * rule deadlines (first scan, stall) drawn where they fall.
 */
export function LogisticsTrail({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const session = useSession();
  const [trails, setTrails] = useState<ParcelTrail[] | null>(null);
  const [deadlines, setDeadlines] = useState<ParcelDeadlines[]>([]);
  const [error, setError] = useState<CoreError | null>(null);

  const load = useCallback(async () => {
    const result = await send('logistics/trail', { orderId });
    if ('error' in result) return setError(result.error);
    setError(null);
    setTrails(result.data.parcels);
    if (session.can('exceptions.read')) {
      const d = await send('sla/deadlines', { orderId });
      if ('data' in d) setDeadlines(d.data);
    }
  }, [orderId, session]);

  useEffect(() => void load(), [load]);
  useEffect(() => on('logistics/changed', (p) => (trails?.some((tr) => p.parcelIds.includes(tr.parcel.id)) || trails?.length === 0 ? void load() : undefined)), [load, trails]);
  useEffect(() => on('exceptions/changed', () => void load()), [load]);
  useEffect(() => on('orders/changed', (p) => (p.ids.includes(orderId) ? void load() : undefined)), [load, orderId]);

  return (
    <section className="drawer__section trail" aria-labelledby="trail-heading" data-testid="logistics-trail">
      <h3 id="trail-heading">{t('trail.title')}</h3>
      <ErrorMessage error={error} testId="trail-error" />
      {trails === null && !error && <p className="muted">{t('common.loading')}</p>}
      {trails?.length === 0 && <p className="muted">{t('trail.none')}</p>}
      {trails?.map((trail) => (
        <ParcelTrailView key={trail.parcel.id} trail={trail} deadlines={deadlines.find((d) => d.parcelId === trail.parcel.id) ?? null} canRaw={session.can('audit.read')} />
      ))}
    </section>
  );
}

function ParcelTrailView({ trail, deadlines, canRaw }: { trail: ParcelTrail; deadlines: ParcelDeadlines | null; canRaw: boolean }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number | null>(null);
  const { parcel } = trail;
  const nodes: Node[] = [
    { kind: 'shipped' as const, at: parcel.shippedAt },
    ...trail.events.map((event): Node => ({ kind: 'event', at: event.occurredAt, event })),
    ...(deadlines?.deadlines.filter((d) => d.status !== 'off').map((deadline): Node => ({ kind: 'deadline', at: deadline.deadlineAt, deadline })) ?? []),
  ].sort((a, b) => a.at - b.at || order(a) - order(b));
  const openHits = deadlines?.hits.filter((h) => h.clearedAt === null) ?? [];
  const from = nodes[0]!.at;
  const to = Math.max(nodes[nodes.length - 1]!.at, from + 1);
  const left = (at: number) => `${(((at - from) / (to - from)) * 100).toFixed(2)}%`;

  return (
    <div className="trail__parcel" data-testid="trail-parcel" data-parcel={parcel.id}>
      <div className="trail__parcel-head">
        <strong>{parcel.carrierName}</strong>
        <span className="mono">{parcel.waybillNo}</span>
        <span className="badge" data-testid="trail-state">
          {stateLabel(t, parcel.state)}
        </span>
        {openHits.map((h) => (
          <span key={h.id} className="badge badge--danger" data-testid="trail-flag" data-rule={h.rule} title={hitWhy(t, h).join('；')}>
            {t(`logistics.flag.${h.rule}`)}
          </span>
        ))}
      </div>
      {openHits.map((h) => (
        <p key={h.id} className="trail__flag timeline__reason" data-testid="trail-flag-why">
          {t('trail.flagged', { rule: t(`logistics.rule.${h.rule}`), why: hitWhy(t, h).join('；') })}
        </p>
      ))}
      <div className="trail__axis" role="group" aria-label={t('trail.axis')} data-testid="trail-axis">
        {nodes.map((n, i) =>
          n.kind === 'event' ? (
            <button
              key={`e${n.event.id}`}
              type="button"
              className="trail__tick"
              style={{ left: left(n.at) }}
              title={`${formatShanghai(n.at)} ${n.event.description}`}
              aria-label={`${formatShanghai(n.at)} ${n.event.description}`}
              onClick={() => setSelected(n.event.id)}
            />
          ) : (
            <span
              key={`${n.kind}${i}`}
              className={n.kind === 'shipped' ? 'trail__tick trail__tick--shipped' : `trail__tick trail__tick--deadline trail__tick--${n.deadline.status}`}
              style={{ left: left(n.at) }}
              title={n.kind === 'shipped' ? t('trail.shipped') : `${t(`trail.deadline.${n.deadline.rule}`)} ${formatShanghai(n.at)}`}
              data-testid={n.kind === 'deadline' ? 'trail-axis-deadline' : undefined}
            />
          ),
        )}
      </div>
      {trail.events.length === 0 && <p className="muted">{t('trail.none')}</p>}
      <ol className="trail__list">
        {nodes.map((n, i) => {
          if (n.kind === 'shipped')
            return (
              <li key={`s${i}`} className="trail__node trail__node--shipped" data-testid="trail-shipped">
                <div className="trail__meta">
                  <time>{formatShanghai(n.at)}</time>
                </div>
                {t('trail.shipped')}
              </li>
            );
          if (n.kind === 'deadline')
            return (
              <li key={`d${n.deadline.rule}`} className={`trail__node trail__node--deadline trail__node--${n.deadline.status}`} data-testid="trail-deadline" data-rule={n.deadline.rule} data-status={n.deadline.status}>
                <div className="trail__meta">
                  <time>{formatShanghai(n.at)}</time>
                  <span>{t(`trail.deadline.${n.deadline.status}`)}</span>
                </div>
                {t(`trail.deadline.${n.deadline.rule}`)}
                <span className="muted">
                  {' '}
                  ({t('logistics.hours', { hours: Math.round((n.deadline.thresholdMinutes / 60) * 10) / 10 })}
                  {n.deadline.businessHoursOnly ? t('logistics.hits.businessHours') : ''}
                  {n.deadline.overrideId ? ` · ${t('logistics.hits.override', { id: n.deadline.overrideId })}` : ''})
                </span>
              </li>
            );
          return <EventNode key={`e${n.event.id}`} event={n.event} selected={selected === n.event.id} onToggle={() => setSelected(selected === n.event.id ? null : n.event.id)} canRaw={canRaw} />;
        })}
      </ol>
    </div>
  );
}

/** Same instant: the shipment first, then events, then the deadline that instant reached. */
function order(n: Node): number {
  return n.kind === 'shipped' ? 0 : n.kind === 'event' ? 1 : 2;
}

function EventNode({ event, selected, onToggle, canRaw }: { event: TrackingEventInfo; selected: boolean; onToggle(): void; canRaw: boolean }) {
  const { t } = useI18n();
  const [raw, setRaw] = useState<RawPayload | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  useEffect(() => {
    if (!selected || raw || !canRaw || event.rawPayloadId === null) return;
    void (async () => {
      const result = await send('audit/rawPayload', { id: event.rawPayloadId! });
      if ('error' in result) setError(result.error);
      else setRaw(result.data);
    })();
  }, [selected, raw, canRaw, event.rawPayloadId]);

  const classes = ['trail__node', selected ? 'trail__node--selected' : '', event.applied ? '' : 'trail__node--trail-only'].filter(Boolean).join(' ');
  return (
    <li className={classes} data-testid="trail-event" data-event={event.id} data-source={event.source}>
      <button type="button" className="trail__node-button" aria-expanded={selected} onClick={onToggle} data-testid="trail-event-button">
        <div className="trail__meta">
          <time dateTime={new Date(event.occurredAt).toISOString()}>{formatShanghai(event.occurredAt)}</time>
          <span className="badge badge--muted" data-testid="trail-source">
            {t(`trail.source.${event.source}`)}
          </span>
          <span>{event.state ? stateLabel(t, event.state) : t('trail.unknownCode')}</span>
          {event.location && <span>{event.location}</span>}
        </div>
        <span className="trail__desc">{event.description}</span>
      </button>
      {selected && (
        <div className="trail__detail" data-testid="trail-event-detail">
          <div className="trail__meta">
            <span>{t('trail.partnerStatus', { partner: event.partner, code: event.partnerStatus })}</span>
            <span>{t('trail.receivedAt', { at: formatShanghai(event.receivedAt) })}</span>
            <span data-testid="trail-detail-source">{t(`trail.source.${event.source}`)}</span>
            {!event.applied && <span>{t('trail.trailOnly')}</span>}
            {event.unknownCode && <span className="badge badge--warn">{t('trail.unknownCode')}</span>}
          </div>
          <ErrorMessage error={error} />
          {event.rawPayloadId === null && <p className="muted">{t('trail.noRaw')}</p>}
          {raw && (
            <figure className="raw-payload" data-testid="trail-raw-payload">
              <figcaption>{t('trail.rawTitle', { id: raw.id, contentType: raw.contentType, source: raw.source })}</figcaption>
              <pre>{pretty(raw)}</pre>
            </figure>
          )}
        </div>
      )}
    </li>
  );
}

/** JSON pretty-printed; a form body (Kuaidi100's `param=…&sign=…`, SF's `content=<XML>`) field by field, decoded. */
function pretty(raw: RawPayload): string {
  const asJson = (text: string): string | null => {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return null;
    }
  };
  const body = raw.body.trim();
  if (raw.contentType.includes('json')) return asJson(body) ?? raw.body;
  if (/^[\w.-]+=[^\s]*(&[\w.-]+=[^\s]*)*$/.test(body)) {
    return [...new URLSearchParams(body)].map(([key, value]) => `${key} = ${asJson(value) ?? value}`).join('\n\n');
  }
  return raw.body;
}
