import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CoreError } from '../../core/contract/errors.js';
import { SLA_RULES, TICKET_GROUPS, type SlaOverride, type SlaRuleId, type SlaSettingsView, type TicketGroup } from '../../core/contract/logistics-exceptions.js';
import type { QuietHours } from '../../core/contract/notify.js';
import { ErrorMessage, Notice } from '../common/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session/SessionContext.js';
import { send } from '../transport/index.js';

const lines = (text: string) => text.split(/\s+/).map((s) => s.trim()).filter(Boolean);

/**
 * The SLA rule set: thresholds (hours), business-hours switch, the calendar, overrides per carrier /
 * warehouse / channel, where alerts go, the customer quiet hours (the notify module's setting) and the
 * merchant site-message webhook. Supervisors and admins edit; everyone else reads.
 */
export function RulesEditor() {
  const { t } = useI18n();
  const session = useSession();
  const canEdit = session.can('sla.manage');
  const canQuiet = session.can('notify.manage');
  const [s, setS] = useState<SlaSettingsView | null>(null);
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CoreError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await send('sla/settings', {});
    if ('error' in result) return setError(result.error);
    setError(null);
    setS(result.data);
    setHolidays(result.data.calendar.holidays.join('\n'));
    setWorkdays(result.data.calendar.extraWorkdays.join('\n'));
    if (session.can('notify.read')) {
      const n = await send('notify/settings', {});
      if ('data' in n) setQuiet(n.data.quietHours);
    }
  }, [session]);
  useEffect(() => void load(), [load]);

  if (!s) return <div className="logistics__panel">{error ? <ErrorMessage error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const setRule = (rule: SlaRuleId, patch: Partial<SlaSettingsView['rules'][SlaRuleId]>) => setS({ ...s, rules: { ...s.rules, [rule]: { ...s.rules[rule], ...patch } } });
  const setOverride = (i: number, patch: Partial<SlaOverride>) => setS({ ...s, overrides: s.overrides.map((o, j) => (j === i ? { ...o, ...patch } : o)) });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!s) return;
    setNotice(null);
    const result = await send('sla/setSettings', {
      rules: s.rules,
      overrides: s.overrides.map((o) => ({ ...o, carrier: o.carrier || null, warehouse: o.warehouse || null, channel: o.channel || null })),
      calendar: { ...s.calendar, holidays: lines(holidays), extraWorkdays: lines(workdays) },
      warehouseRobotTarget: s.warehouseRobotTarget,
      stallTicketGroup: s.stallTicketGroup,
      siteMessages: s.siteMessages,
      ...(secret.trim() ? { siteMessageSecret: secret.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      // the version loaded: if another supervisor saved meanwhile, the engine refuses (Conflict)
      expectedUpdatedAt: s.updatedAt,
    });
    if ('error' in result) return setError(result.error);
    if (canQuiet && quiet) {
      const q = await send('notify/setSettings', { quietHours: quiet });
      if ('error' in q) return setError(q.error);
    }
    setError(null);
    setS(result.data);
    setSecret('');
    setNotice(t('sla.saved'));
  }

  return (
    <form className="logistics__panel rules" onSubmit={(e) => void save(e)} data-testid="rules-editor">
      {!canEdit && <p className="message message--warn">{t('sla.readOnly')}</p>}
      <fieldset disabled={!canEdit}>
        <legend>{t('sla.rules')}</legend>
        {SLA_RULES.map((rule) => (
          <div key={rule} className="rules__rule" data-testid="rule" data-rule={rule}>
            <h4>{t(`logistics.rule.${rule}`)}</h4>
            <p className="muted">{t(rule === 'firstScan' ? 'sla.firstScanHelp' : 'sla.stallHelp')}</p>
            <div className="row row--wrap">
              <label className="field field--inline">
                <input type="checkbox" checked={s.rules[rule].enabled} onChange={(e) => setRule(rule, { enabled: e.target.checked })} />
                {t('sla.enabled')}
              </label>
              <label className="field field--inline">
                {t('sla.thresholdHours')}
                <input type="number" min={0.1} step={0.1} value={Math.round((s.rules[rule].thresholdMinutes / 60) * 100) / 100} onChange={(e) => setRule(rule, { thresholdMinutes: Math.max(1, Math.round(Number(e.target.value) * 60)) })} data-testid="rule-threshold" />
              </label>
              <label className="field field--inline">
                <input type="checkbox" checked={s.rules[rule].businessHoursOnly} onChange={(e) => setRule(rule, { businessHoursOnly: e.target.checked })} data-testid="rule-business-hours" />
                {t('sla.businessHoursOnly')}
              </label>
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset disabled={!canEdit}>
        <legend>{t('sla.calendar')}</legend>
        <div className="row row--wrap">
          <label className="field field--inline">
            {t('sla.calendarStart')}
            <input type="time" value={s.calendar.start} onChange={(e) => setS({ ...s, calendar: { ...s.calendar, start: e.target.value } })} />
          </label>
          <label className="field field--inline">
            {t('sla.calendarEnd')}
            <input type="time" value={s.calendar.end} onChange={(e) => setS({ ...s, calendar: { ...s.calendar, end: e.target.value } })} />
          </label>
          <span className="muted">{t('sla.weekdays')}</span>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <label key={d} className="field field--inline">
              <input
                type="checkbox"
                checked={s.calendar.weekdays.includes(d)}
                onChange={(e) => setS({ ...s, calendar: { ...s.calendar, weekdays: e.target.checked ? [...s.calendar.weekdays, d].sort() : s.calendar.weekdays.filter((x) => x !== d) } })}
              />
              {t(`sla.weekday.${d}` as 'sla.weekday.1')}
            </label>
          ))}
        </div>
        <div className="row row--wrap">
          <label className="field field--grow">
            {t('sla.holidays')}
            <textarea rows={3} value={holidays} onChange={(e) => setHolidays(e.target.value)} data-testid="rule-holidays" />
          </label>
          <label className="field field--grow">
            {t('sla.extraWorkdays')}
            <textarea rows={3} value={workdays} onChange={(e) => setWorkdays(e.target.value)} />
          </label>
        </div>
      </fieldset>

      <fieldset disabled={!canEdit}>
        <legend>{t('sla.overrides')}</legend>
        <p className="muted">{t('sla.overridesHelp')}</p>
        <table className="table">
          <thead>
            <tr>
              <th>{t('sla.override.id')}</th>
              <th>{t('sla.override.rule')}</th>
              <th>{t('sla.override.carrier')}</th>
              <th>{t('sla.override.warehouse')}</th>
              <th>{t('sla.override.channel')}</th>
              <th>{t('sla.enabled')}</th>
              <th>{t('sla.thresholdHours')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {s.overrides.map((o, i) => (
              <tr key={i} data-testid="override">
                <td>
                  <input value={o.id} onChange={(e) => setOverride(i, { id: e.target.value })} size={10} />
                </td>
                <td>
                  <select value={o.rule} onChange={(e) => setOverride(i, { rule: e.target.value as SlaRuleId })}>
                    {SLA_RULES.map((r) => (
                      <option key={r} value={r}>
                        {t(`logistics.rule.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                {(['carrier', 'warehouse', 'channel'] as const).map((k) => (
                  <td key={k}>
                    <input value={o[k] ?? ''} onChange={(e) => setOverride(i, { [k]: e.target.value.trim() || null })} size={8} data-testid={`override-${k}`} />
                  </td>
                ))}
                <td>
                  <select value={o.enabled === undefined ? '' : o.enabled ? 'on' : 'off'} onChange={(e) => setOverride(i, { enabled: e.target.value === '' ? undefined : e.target.value === 'on' })}>
                    <option value="">{t('sla.override.inherit')}</option>
                    <option value="on">{t('sla.override.on')}</option>
                    <option value="off">{t('sla.override.off')}</option>
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={0.1}
                    step={0.1}
                    value={o.thresholdMinutes === undefined ? '' : Math.round((o.thresholdMinutes / 60) * 100) / 100}
                    placeholder={t('sla.override.inherit')}
                    onChange={(e) => setOverride(i, { thresholdMinutes: e.target.value === '' ? undefined : Math.max(1, Math.round(Number(e.target.value) * 60)) })}
                    size={6}
                  />
                </td>
                <td>
                  <button type="button" className="link-button link-button--danger" onClick={() => setS({ ...s, overrides: s.overrides.filter((_, j) => j !== i) })}>
                    {t('sla.override.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button button--small" onClick={() => setS({ ...s, overrides: [...s.overrides, { id: `override-${s.overrides.length + 1}`, rule: 'firstScan', carrier: null }] })} data-testid="override-add">
          {t('sla.override.add')}
        </button>
      </fieldset>

      <fieldset disabled={!canEdit}>
        <legend>{t('sla.actions')}</legend>
        <div className="row row--wrap">
          <label className="field">
            {t('sla.warehouseRobot')}
            <input value={s.warehouseRobotTarget} onChange={(e) => setS({ ...s, warehouseRobotTarget: e.target.value })} />
          </label>
          <label className="field">
            {t('sla.stallGroup')}
            <select value={s.stallTicketGroup} onChange={(e) => setS({ ...s, stallTicketGroup: e.target.value as TicketGroup })}>
              {TICKET_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`tickets.group.${g}`)}
                </option>
              ))}
            </select>
          </label>
          {quiet && (
            <div className="field">
              {t('sla.quietHours')}
              <div className="row">
                <label className="field field--inline">
                  {t('sla.quietStart')}
                  <input type="time" value={quiet.start} disabled={!canQuiet} onChange={(e) => setQuiet({ ...quiet, start: e.target.value })} data-testid="quiet-start" />
                </label>
                <label className="field field--inline">
                  {t('sla.quietEnd')}
                  <input type="time" value={quiet.end} disabled={!canQuiet} onChange={(e) => setQuiet({ ...quiet, end: e.target.value })} data-testid="quiet-end" />
                </label>
              </div>
            </div>
          )}
        </div>
        <h4>{t('sla.siteMessages')}</h4>
        <div className="row row--wrap">
          <label className="field field--inline">
            <input type="checkbox" checked={s.siteMessages.enabled} onChange={(e) => setS({ ...s, siteMessages: { ...s.siteMessages, enabled: e.target.checked } })} />
            {t('sla.siteMessagesEnabled')}
          </label>
          <label className="field field--grow">
            {t('sla.siteMessagesUrl')}
            <input type="url" value={s.siteMessages.url ?? ''} onChange={(e) => setS({ ...s, siteMessages: { ...s.siteMessages, url: e.target.value.trim() || null } })} placeholder="https://" />
          </label>
          <label className="field">
            {t('sla.siteMessagesSecret')} <span className="muted">({s.siteMessageSecretConfigured ? t('sla.secretStored') : t('sla.secretMissing')})</span>
            <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
          </label>
        </div>
      </fieldset>
      {canEdit && (
        <div className="row row--end">
          <input className="field--grow" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('sla.reason')} aria-label={t('sla.reason')} />
          <button type="submit" className="button button--primary" data-testid="rules-save">
            {t('sla.save')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} testId="rules-error" />
      {error?.type === 'Conflict' && (
        // Someone saved the rules after this editor loaded them: take theirs, then apply the change again.
        <button type="button" className="button button--small" onClick={() => void load()} data-testid="rules-reload">
          {t('sla.reload')}
        </button>
      )}
      <Notice text={notice} testId="rules-saved" />
    </form>
  );
}
