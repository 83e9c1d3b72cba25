import { z } from 'zod';
import { SLA_RULES, TICKET_GROUPS, TICKET_TYPES } from '../../contract/logistics-exceptions.js';
import { TRACKING_STATES } from '../../contract/logistics.js';
import { fail } from '../../kernel/errors.js';
import type { ModuleHandlers } from '../../kernel/registry.js';
import type { SecretStore } from '../../secrets/secrets.js';
import { evaluateSla, type SlaDeps } from './evaluate.js';
import { listHits, parcelDeadlines, parcelIdsOfOrder } from './hits.js';
import { describeSettings, readSlaSettings, writeSlaSettings } from './settings.js';

type SlaHandlerNames = 'sla/settings' | 'sla/setSettings' | 'sla/hits' | 'sla/deadlines' | 'sla/evaluate';

const clock = z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'HH:MM');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const minutes = z.number().int().min(1).max(60 * 24 * 30);
const ruleParams = z.object({ enabled: z.boolean(), thresholdMinutes: minutes, businessHoursOnly: z.boolean() }).partial();
const dimension = z.string().trim().max(40).nullable().optional();

export const slaSettingsInput = z.object({
  rules: z.object({ firstScan: ruleParams, stall: ruleParams }).partial().optional(),
  overrides: z
    .array(z.object({ id: z.string().trim().min(1).max(40), rule: z.enum(SLA_RULES), carrier: dimension, warehouse: dimension, channel: dimension, enabled: z.boolean().optional(), thresholdMinutes: minutes.optional(), businessHoursOnly: z.boolean().optional(), note: z.string().max(200).optional() }))
    .max(200)
    .optional(),
  calendar: z
    .object({ start: clock, end: clock, weekdays: z.array(z.number().int().min(1).max(7)).max(7), holidays: z.array(date).max(400), extraWorkdays: z.array(date).max(100), utcOffsetMinutes: z.number().int().min(-720).max(840) })
    .partial()
    .optional(),
  stallIgnoredStates: z.array(z.enum(TRACKING_STATES)).optional(),
  lookbackDays: z.number().int().min(1).max(365).optional(),
  warehouseRobotTarget: z.string().trim().max(64).optional(),
  stallTicketGroup: z.enum(TICKET_GROUPS).optional(),
  ticketDueMinutes: z.record(z.enum(TICKET_TYPES), minutes).optional(),
  siteMessages: z.object({ enabled: z.boolean(), url: z.string().trim().max(500).nullable() }).partial().optional(),
  siteMessageSecret: z.string().max(256).optional(),
  reason: z.string().max(500).optional(),
  /** The updatedAt the editor loaded (null: never saved); a save over a newer version is a Conflict. */
  expectedUpdatedAt: z.number().int().nullable().optional(),
});

export function slaHandlers(deps: SlaDeps & { secrets: SecretStore }): ModuleHandlers<SlaHandlerNames> {
  const { db, mutations, clock: time, secrets } = deps;
  return {
    'sla/settings': { permission: 'exceptions.read', args: z.object({}).default({}), run: () => describeSettings(db, secrets) },
    'sla/setSettings': {
      permission: 'sla.manage',
      args: slaSettingsInput,
      run: async (ctx, args) => {
        const { reason, ...input } = args;
        if (input.siteMessageSecret !== undefined && input.siteMessageSecret.trim().length > 0 && input.siteMessageSecret.trim().length < 16) {
          throw fail.validation('The site-message secret must be at least 16 characters.', { siteMessageSecret: 'too short' });
        }
        const secret = input.siteMessageSecret?.trim() || undefined;
        const { expectedUpdatedAt, ...settings } = input;
        await mutations.run(ctx.actor, ctx.source, (w) => {
          // Two supervisors editing the rules at once: the second save must not silently undo the first.
          const current = readSlaSettings(w.db).updatedAt;
          if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== current) {
            throw fail.conflict(`The SLA rules were changed by someone else${current ? ` at ${new Date(current).toISOString()}` : ''}; reload them and apply your change again.`, { updatedAt: current });
          }
          writeSlaSettings(w, secrets, { ...settings, siteMessageSecret: secret }, reason ?? null);
        });
        return describeSettings(db, secrets);
      },
    },
    'sla/hits': {
      permission: 'exceptions.read',
      args: z.object({
        rule: z.enum(SLA_RULES).optional(),
        open: z.boolean().optional(),
        parcelIds: z.array(z.number().int().positive()).max(1000).optional(),
        orderId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        beforeId: z.number().int().positive().optional(),
      }),
      run: (_ctx, args) => listHits(db, args),
    },
    'sla/deadlines': {
      permission: 'exceptions.read',
      args: z.object({ orderId: z.number().int().positive().optional(), parcelId: z.number().int().positive().optional() }).refine((a) => a.orderId !== undefined || a.parcelId !== undefined, 'orderId or parcelId'),
      run: (_ctx, args) => {
        const ids = args.parcelId !== undefined ? [args.parcelId] : parcelIdsOfOrder(db, args.orderId!);
        return parcelDeadlines(db, readSlaSettings(db), ids, time.now());
      },
    },
    'sla/evaluate': { permission: 'sla.manage', args: z.object({}).default({}), run: () => evaluateSla(deps) },
  };
}
