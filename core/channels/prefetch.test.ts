import { describe, expect, it } from 'vitest';
import { descending, walkForward, walkKnownPages } from './prefetch.js';

/** A platform whose answers we release by hand, recording what was asked and when. */
function platform() {
  const log: string[] = [];
  const fetchPage = (n: number) => {
    log.push(`request ${n}`);
    return new Promise<number>((resolve) => setTimeout(() => resolve(n), 5));
  };
  return { log, fetchPage };
}

describe('page walks with one request ahead', () => {
  it('asks for the next known page before handling the current one, and hands pages on in order', async () => {
    const p = platform();
    await walkKnownPages(descending(3, 1), p.fetchPage, async (n) => {
      p.log.push(`handle ${n}`);
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(p.log).toEqual(['request 3', 'request 2', 'handle 3', 'request 1', 'handle 2', 'handle 1']);
  });

  it('walks forward while the answers say more follows, never more than one ahead', async () => {
    const p = platform();
    const first = await p.fetchPage(1);
    await walkForward(first, 1, (n) => n < 3, p.fetchPage, async (n) => void p.log.push(`handle ${n}`));
    expect(p.log).toEqual(['request 1', 'request 2', 'handle 1', 'request 3', 'handle 2', 'handle 3']);
  });

  it('a failure while handling stops the walk; the request running ahead fails quietly', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const failingFetch = (n: number) => (n === 1 ? Promise.resolve(1) : Promise.reject(new Error(`page ${n} failed`)));
    await expect(walkKnownPages([1, 2], failingFetch, () => Promise.reject(new Error('write failed')))).rejects.toThrow('write failed');
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
