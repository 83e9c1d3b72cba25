/** Words for logistics data: taxonomy states, rule hits ("why it fired"), ticket statuses. */
import type { SlaHitAction, SlaHitInfo } from '../../core/contract/logistics-exceptions.js';
import type { TrackingState } from '../../core/contract/logistics.js';
import { formatShanghai } from '../format/time.js';
import { hasMessage, type Translate } from '../i18n/index.js';

export function stateLabel(t: Translate, state: TrackingState | null): string {
  if (!state) return '—';
  const key = `logistics.state.${state}`;
  return hasMessage(key) ? t(key) : state;
}

export function hoursLabel(t: Translate, minutes: number): string {
  return t('logistics.hours', { hours: Math.round((minutes / 60) * 10) / 10 });
}

/** The hit's "why": the rule, its threshold, and the three times it compared. */
export function hitWhy(t: Translate, hit: SlaHitInfo): string[] {
  const threshold = hoursLabel(t, hit.thresholdMinutes) + (hit.businessHoursOnly ? t('logistics.hits.businessHours') : '');
  return [
    hit.rule === 'firstScan' ? t('logistics.hits.whyFirstScan', { threshold }) : t('logistics.hits.whyStall', { threshold }),
    hit.anchorField === 'shipped_at' ? t('logistics.hits.anchorShipped', { at: formatShanghai(hit.anchorAt) }) : t('logistics.hits.anchorEvent', { at: formatShanghai(hit.anchorAt) }),
    t('logistics.hits.deadline', { at: formatShanghai(hit.deadlineAt) }),
    t('logistics.hits.firedAt', { at: formatShanghai(hit.firedAt) }),
    hit.overrideId ? t('logistics.hits.override', { id: hit.overrideId }) : t('logistics.hits.defaults'),
  ];
}

export function actionText(t: Translate, a: SlaHitAction): string {
  const what = `${t(`logistics.action.${a.kind}`)} ${a.detail}`;
  if (a.skippedCode === 'ticket-open') return `${what} — ${t('logistics.skip.ticket-open')}`;
  if (a.skipped && a.id === null) return `${what} — ${t('logistics.action.skipped', { why: a.skippedCode ? t(`logistics.skip.${a.skippedCode}`) : a.skipped })}`;
  if (a.notBefore) return `${what} — ${t('logistics.action.heldUntil', { at: formatShanghai(a.notBefore) })}`;
  return what;
}

export function clearedByLabel(t: Translate, by: string | null): string {
  if (!by) return '';
  const key = `logistics.hits.clearedBy.${by}`;
  return hasMessage(key) ? t(key) : by.startsWith('state:') ? stateLabel(t, by.slice(6) as TrackingState) : by;
}
