import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.js';

const scheduler = new Scheduler(() => undefined);
afterEach(() => scheduler.stop());

describe('scheduler', () => {
  it('keeps one task per job name and refuses an invalid expression with the reason', () => {
    scheduler.schedule({ name: 'a', cron: '* * * * *', run: async () => undefined });
    scheduler.schedule({ name: 'a', cron: '*/5 * * * *', run: async () => undefined });
    scheduler.schedule({ name: 'b', cron: '0 3 * * *', run: async () => undefined });
    expect(scheduler.names()).toEqual(['a', 'b']);
    expect(() => scheduler.schedule({ name: 'c', cron: 'every minute', run: async () => undefined })).toThrow('Invalid schedule "every minute" for c.');
    scheduler.unschedule('a');
    expect(scheduler.names()).toEqual(['b']);
    scheduler.stop();
    expect(scheduler.names()).toEqual([]);
  });
});
