/**
 * The SLA rule set, one JSON row an operator edits in the Logistics workspace: thresholds, business
 * calendar, per carrier / warehouse / channel overrides and where alerts go. Issue 4's numbers are the
 * defaults: first scan within 2 hours of shipping, a new carrier event at least every 24 hours.
 */
import type { FieldChange } from '../../contract/audit.js';
import type { SlaSettings, SlaSettingsInput, SlaSettingsView, TicketType } from '../../contract/logistics-exceptions.js';
import { fail } from '../../kernel/errors.js';
import type { WriteContext } from '../../kernel/mutation.js';
import type { SecretStore } from '../../secrets/secrets.js';
import type { Db } from '../../store/db.js';
import { addBusinessMinutes, clockMinutes, DEFAULT_CALENDAR } from './calendar.js';

export const SITE_MESSAGE_SECRET = 'sla:site-messages:secret';

const HOUR = 60;
export const DEFAULT_TICKET_DUE_MINUTES: Record<TicketType, number> = {
  stalled: 24 * HOUR,
  no_first_scan: 4 * HOUR,
  lost: 48 * HOUR,
  damaged: 24 * HOUR,
  refused: 24 * HOUR,
  delivery_failed: 24 * HOUR,
  address: 8 * HOUR,
  other: 48 * HOUR,
};

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  rules: {
    firstScan: { enabled: true, thresholdMinutes: 2 * HOUR, businessHoursOnly: false },
    stall: { enabled: true, thresholdMinutes: 24 * HOUR, businessHoursOnly: false },
  },
  overrides: [],
  calendar: DEFAULT_CALENDAR,
  stallIgnoredStates: ['DELIVERED', 'RETURNED'],
  lookbackDays: 30,
  warehouseRobotTarget: 'wecom-warehouse',
  stallTicketGroup: 'after_sales',
  ticketDueMinutes: DEFAULT_TICKET_DUE_MINUTES,
  siteMessages: { enabled: false, url: null },
};

export function readSlaSettings(db: Db): SlaSettings & { updatedAt: number | null } {
  const row = db.prepare('SELECT settings, updated_at FROM sla_settings WHERE id = 1').get() as { settings: string; updated_at: number } | undefined;
  if (!row) return { ...DEFAULT_SLA_SETTINGS, updatedAt: null };
  return { ...mergeSettings(DEFAULT_SLA_SETTINGS, JSON.parse(row.settings) as SlaSettingsInput), updatedAt: row.updated_at };
}

export function mergeSettings(base: SlaSettings, input: SlaSettingsInput): SlaSettings {
  return {
    rules: {
      firstScan: { ...base.rules.firstScan, ...input.rules?.firstScan },
      stall: { ...base.rules.stall, ...input.rules?.stall },
    },
    overrides: input.overrides ?? base.overrides,
    calendar: { ...base.calendar, ...input.calendar },
    stallIgnoredStates: input.stallIgnoredStates ?? base.stallIgnoredStates,
    lookbackDays: input.lookbackDays ?? base.lookbackDays,
    warehouseRobotTarget: input.warehouseRobotTarget ?? base.warehouseRobotTarget,
    stallTicketGroup: input.stallTicketGroup ?? base.stallTicketGroup,
    ticketDueMinutes: { ...base.ticketDueMinutes, ...input.ticketDueMinutes },
    siteMessages: { ...base.siteMessages, ...input.siteMessages },
  };
}

/** Checks what a schema cannot: a calendar that has working time, overrides that name something. */
export function checkSettings(s: SlaSettings): void {
  const problems: Record<string, string> = {};
  try {
    if (clockMinutes(s.calendar.end) <= clockMinutes(s.calendar.start)) problems['calendar.end'] = 'must be after the start';
    else addBusinessMinutes(0, 1, s.calendar);
  } catch (err) {
    problems.calendar = err instanceof Error ? err.message : String(err);
  }
  const ids = new Set<string>();
  s.overrides.forEach((o, i) => {
    if (ids.has(o.id)) problems[`overrides.${i}.id`] = `duplicate id ${o.id}`;
    ids.add(o.id);
    if (!o.carrier && !o.warehouse && !o.channel) problems[`overrides.${i}`] = 'name at least one of carrier, warehouse, channel';
  });
  if (s.siteMessages.enabled) {
    if (!s.siteMessages.url) problems['siteMessages.url'] = 'required when site messages are on';
    else if (!isAllowedWebhookUrl(s.siteMessages.url)) problems['siteMessages.url'] = 'must be https:// (http:// only for localhost)';
  }
  if (Object.keys(problems).length > 0) throw fail.validation(`The SLA rule set was not saved: ${Object.entries(problems).map(([k, v]) => `${k} ${v}`).join('; ')}.`, problems);
}

/** Site messages carry customer data: HTTPS only, except loopback for a local test backend. */
export function isAllowedWebhookUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

export function writeSlaSettings(w: WriteContext, secrets: SecretStore, input: SlaSettingsInput, reason: string | null): void {
  const { updatedAt: previous, ...before } = readSlaSettings(w.db);
  // updated_at is also the version editors send back (expectedUpdatedAt): it must move on every save.
  const at = Math.max(w.at, (previous ?? 0) + 1);
  const { siteMessageSecret, ...rest } = input;
  const next = mergeSettings(before, rest);
  checkSettings(next);
  w.db
    .prepare('INSERT INTO sla_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at')
    .run(JSON.stringify(next), at);
  const changes: FieldChange[] = (Object.keys(next) as Array<keyof SlaSettings>)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
    .map((k) => ({ field: k, before: before[k], after: next[k] }));
  if (siteMessageSecret) {
    secrets.put(w, SITE_MESSAGE_SECRET, siteMessageSecret);
    changes.push({ field: 'siteMessageSecret', before: null, after: '(changed)' });
  }
  w.audit({ entityType: 'sla-settings', entityId: 1, action: 'update', changes, reason });
}

export function describeSettings(db: Db, secrets: SecretStore): SlaSettingsView {
  const s = readSlaSettings(db);
  return { ...s, siteMessageSecretConfigured: Boolean(secrets.get(SITE_MESSAGE_SECRET)) };
}
