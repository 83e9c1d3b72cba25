import { describe, expect, it } from 'vitest';
import { generateStories, paidFen, versionAt } from './story.js';

describe('simulator order stories', () => {
  const options = { seed: 42, count: 2000, start: Date.UTC(2026, 10, 11), spanMs: 24 * 3600_000 };

  it('is deterministic from its seed', () => {
    expect(generateStories(options)).toEqual(generateStories(options));
    expect(generateStories({ ...options, seed: 43 })).not.toEqual(generateStories(options));
  });

  it('tells realistic, time-ordered stories with cancellations, refunds, address changes and bursts', () => {
    const stories = generateStories(options);
    const events = stories.flatMap((s) => s.versions.map((v) => v.event));
    for (const kind of ['cancel', 'refund-request', 'refund-success', 'address-change', 'ship', 'deliver'] as const) expect(events).toContain(kind);
    for (const s of stories) {
      expect(s.versions.map((v) => v.at)).toEqual([...s.versions.map((v) => v.at)].sort((a, b) => a - b));
      expect(paidFen(s)).toBeGreaterThan(0);
      expect(versionAt(s, s.createdAt - 1)).toBeNull();
    }
    const early = stories.filter((s) => s.createdAt < options.start + options.spanMs * 0.02).length;
    expect(early / stories.length).toBeGreaterThan(0.15); // the opening burst
  });
});
