import { describe, expect, it } from 'vitest';
import { generateJourneys, journeyEnded, journeyFor, SCENARIOS, visibleSteps, waybillFor } from './journeys.js';
import { Rng } from './rng.js';

const T0 = Date.UTC(2026, 10, 28, 2);
const HOUR = 3_600_000;

describe('seeded journeys', () => {
  it('are a pure function of seed and key', () => {
    const a = journeyFor({ seed: 3, key: 'YT1', carrier: 'YTO', waybillNo: 'YT1', shippedAt: T0 });
    expect(journeyFor({ seed: 3, key: 'YT1', carrier: 'YTO', waybillNo: 'YT1', shippedAt: T0 })).toEqual(a);
    expect(journeyFor({ seed: 4, key: 'YT1', carrier: 'YTO', waybillNo: 'YT1', shippedAt: T0 })).not.toEqual(a);
    expect(generateJourneys({ seed: 9, count: 20, start: T0, spanMs: HOUR })).toEqual(generateJourneys({ seed: 9, count: 20, start: T0, spanMs: HOUR }));
  });

  it.each(SCENARIOS)('%s: steps in time order, visible no earlier than they happen, ending as the scenario says', (scenario) => {
    const j = journeyFor({ seed: 1, key: scenario, carrier: 'ZTO', shippedAt: T0, scenario });
    const times = j.steps.map((s) => s.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const s of j.steps) expect(s.visibleAt).toBeGreaterThanOrEqual(s.at);
    const kinds = j.steps.map((s) => s.kind);
    const last = kinds.at(-1);
    const expected: Record<string, string> = { refused: 'RETURNED', returned: 'RETURNED', 'never-picked-up': 'AWAITING_PICKUP' };
    expect(last).toBe(expected[scenario] ?? 'DELIVERED');
    if (scenario === 'locker') expect(kinds).toContain('AVAILABLE_FOR_PICKUP');
    if (scenario === 'refused') expect(kinds).toEqual(expect.arrayContaining(['REFUSED', 'RETURNING']));
    if (scenario === 'unknown-code') expect(kinds).toContain('UNKNOWN');
    if (scenario === 'failed-then-delivered') expect(kinds).toContain('DELIVERY_FAILED');
    if (scenario === 'customs') expect(kinds).toContain('CUSTOMS');
    if (scenario === 'stall') expect(Math.max(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThanOrEqual(30 * HOUR);
  });

  it('a lost first scan surfaces after later scans', () => {
    const j = journeyFor({ seed: 1, key: 'lost', carrier: 'YTO', shippedAt: T0, scenario: 'lost-first-scan' });
    const pickup = j.steps.find((s) => s.kind === 'PICKED_UP')!;
    const next = j.steps[pickup.n + 1]!;
    expect(pickup.visibleAt).toBeGreaterThan(next.visibleAt);
    const seenEarly = visibleSteps(j, next.visibleAt).map((s) => s.kind);
    expect(seenEarly).not.toContain('PICKED_UP');
    expect(journeyEnded(j, T0)).toBe(false);
    expect(journeyEnded(j, T0 + 30 * 24 * HOUR)).toBe(true);
  });

  it('waybill numbers have the carriers\' shapes', () => {
    const rng = new Rng(1);
    expect(waybillFor('SF', rng)).toMatch(/^SF\d{13}$/);
    expect(waybillFor('YTO', rng)).toMatch(/^YT\d{13}$/);
    expect(waybillFor('ZTO', rng)).toMatch(/^73\d{12}$/);
    expect(waybillFor('JD', rng)).toMatch(/^JDVA\d{11}$/);
  });
});
