/**
 * Which parameters a rule has for one parcel: the defaults, then every override whose carrier,
 * warehouse and channel all match the parcel, less specific first so the most specific wins (ties:
 * later in the list wins). The result names the override that decided it, for the hit's "why".
 */
import type { SlaOverride, SlaRuleId, SlaRuleParams, SlaSettings } from '../../contract/logistics-exceptions.js';

export interface ParcelDimensions {
  carrier: string;
  warehouse: string | null;
  channel: string | null;
}

export interface EffectiveRule extends SlaRuleParams {
  rule: SlaRuleId;
  /** The most specific override applied (null: the defaults). */
  overrideId: string | null;
}

function matches(o: SlaOverride, p: ParcelDimensions): boolean {
  return (!o.carrier || o.carrier === p.carrier) && (!o.warehouse || o.warehouse === p.warehouse) && (!o.channel || o.channel === p.channel);
}

const specificity = (o: SlaOverride) => Number(Boolean(o.carrier)) + Number(Boolean(o.warehouse)) + Number(Boolean(o.channel));

export function effectiveRule(settings: SlaSettings, rule: SlaRuleId, parcel: ParcelDimensions): EffectiveRule {
  const applicable = settings.overrides
    .map((o, index) => ({ o, index }))
    .filter(({ o }) => o.rule === rule && matches(o, parcel))
    .sort((a, b) => specificity(a.o) - specificity(b.o) || a.index - b.index);
  const out: EffectiveRule = { rule, ...settings.rules[rule], overrideId: null };
  for (const { o } of applicable) {
    if (o.enabled !== undefined) out.enabled = o.enabled;
    if (o.thresholdMinutes !== undefined) out.thresholdMinutes = o.thresholdMinutes;
    if (o.businessHoursOnly !== undefined) out.businessHoursOnly = o.businessHoursOnly;
    out.overrideId = o.id;
  }
  return out;
}

/**
 * The shortest wall-clock threshold any parcel could have for this rule: the candidate scan looks only
 * at clocks that started at least this long ago (business time never runs faster than wall time).
 * null when the rule is off everywhere.
 */
export function shortestThreshold(settings: SlaSettings, rule: SlaRuleId): number | null {
  const overrides = settings.overrides.filter((o) => o.rule === rule);
  if (!settings.rules[rule].enabled && !overrides.some((o) => o.enabled === true)) return null;
  // Conservative: an override may inherit "enabled" from a less specific one, so count them all.
  return Math.min(settings.rules[rule].thresholdMinutes, ...overrides.map((o) => o.thresholdMinutes ?? settings.rules[rule].thresholdMinutes));
}
