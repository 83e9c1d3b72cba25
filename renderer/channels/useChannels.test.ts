import { describe, expect, it } from 'vitest';
import type { ShopHealth } from '../../core/contract/channels.js';
import { withProgress } from './useChannels.js';

const shop = (id: string, state: ShopHealth['state']): ShopHealth => ({
  id,
  channel: 'taobao',
  name: id,
  enabled: true,
  settings: { backfillDays: 30, incrementalCron: '* * * * *', safetyLagMs: 60_000 },
  state,
  lastSuccessAt: null,
  lagMs: null,
  lastError: null,
  progress: null,
  circuit: 'closed',
  tokenExpiresAt: null,
  token: 'unknown',
  canAuthorise: true,
});

describe('withProgress', () => {
  it('marks the named shop as syncing with the pushed progress and leaves the others alone', () => {
    const before = [shop('tb-a', 'never-synced'), shop('tb-b', 'ok')];
    const after = withProgress(before, { shopId: 'tb-a', kind: 'backfill', windowsDone: 3, windowsTotal: 31, pulled: 120 });
    expect(after[0]).toMatchObject({ state: 'syncing', progress: { kind: 'backfill', windowsDone: 3, windowsTotal: 31, pulled: 120 } });
    expect(after[1]).toBe(before[1]);
    expect(before[0]?.progress).toBeNull();
  });

  it('ignores a push for a shop this window has not loaded yet', () => {
    const before = [shop('tb-a', 'ok')];
    expect(withProgress(before, { shopId: 'tb-new', kind: 'backfill', windowsDone: 0, windowsTotal: 2, pulled: 0 })).toEqual(before);
  });
});
