import { describe, expect, it } from 'vitest';
import type { SlaSettings } from '../../contract/logistics-exceptions.js';
import { effectiveRule, shortestThreshold } from './resolve.js';
import { DEFAULT_SLA_SETTINGS } from './settings.js';

const withOverrides = (overrides: SlaSettings['overrides']): SlaSettings => ({ ...DEFAULT_SLA_SETTINGS, overrides });

describe('rule set: defaults and overrides', () => {
  it('without overrides every parcel gets the defaults', () => {
    expect(effectiveRule(DEFAULT_SLA_SETTINGS, 'firstScan', { carrier: 'SF', warehouse: 'HZ1', channel: 'taobao' })).toEqual({ rule: 'firstScan', enabled: true, thresholdMinutes: 120, businessHoursOnly: false, overrideId: null });
  });
  it('layers matching overrides from least to most specific; a field the specific one leaves out is inherited', () => {
    const s = withOverrides([
      { id: 'wh-hz1-biz', rule: 'firstScan', warehouse: 'HZ1', carrier: 'SF', thresholdMinutes: 30 },
      { id: 'hz1', rule: 'firstScan', warehouse: 'HZ1', thresholdMinutes: 240, businessHoursOnly: true },
      { id: 'other-rule', rule: 'stall', warehouse: 'HZ1', thresholdMinutes: 1 },
    ]);
    expect(effectiveRule(s, 'firstScan', { carrier: 'SF', warehouse: 'HZ1', channel: null })).toMatchObject({ thresholdMinutes: 30, businessHoursOnly: true, overrideId: 'wh-hz1-biz' });
    expect(effectiveRule(s, 'firstScan', { carrier: 'YTO', warehouse: 'HZ1', channel: null })).toMatchObject({ thresholdMinutes: 240, businessHoursOnly: true, overrideId: 'hz1' });
    expect(effectiveRule(s, 'firstScan', { carrier: 'SF', warehouse: 'SH2', channel: null })).toMatchObject({ thresholdMinutes: 120, overrideId: null });
  });
  it('equally specific overrides: the later one wins', () => {
    const s = withOverrides([
      { id: 'a', rule: 'stall', carrier: 'SF', thresholdMinutes: 600 },
      { id: 'b', rule: 'stall', channel: 'douyin', thresholdMinutes: 300 },
    ]);
    expect(effectiveRule(s, 'stall', { carrier: 'SF', warehouse: null, channel: 'douyin' })).toMatchObject({ thresholdMinutes: 300, overrideId: 'b' });
  });
  it('the candidate scan bound is the shortest threshold anywhere; null when the rule is off everywhere', () => {
    expect(shortestThreshold(withOverrides([{ id: 'sf', rule: 'firstScan', carrier: 'SF', thresholdMinutes: 45 }]), 'firstScan')).toBe(45);
    const off: SlaSettings = { ...DEFAULT_SLA_SETTINGS, rules: { ...DEFAULT_SLA_SETTINGS.rules, stall: { ...DEFAULT_SLA_SETTINGS.rules.stall, enabled: false } } };
    expect(shortestThreshold(off, 'stall')).toBeNull();
    expect(shortestThreshold({ ...off, overrides: [{ id: 'jd-on', rule: 'stall', carrier: 'JD', enabled: true, thresholdMinutes: 2000 }] }, 'stall')).toBe(1440);
  });
});
