/**
 * Test helpers for the Taobao connector tests (which run it against sandbox/taobao over real HTTP):
 * a shop context pointed at a gateway URL with an injectable clock, and page collection.
 */
import type { PulledPage, ShopContext, ShopCredentials } from '../types.js';

export interface TestClock {
  now(): number;
}

export const TEST_APP = { appKey: '21000001', appSecret: 'sandbox-secret', accessToken: '6100a1b2c3d4e5f6sandboxsession' };

export function testShop(baseUrl: string, clock: TestClock, credentials: Partial<ShopCredentials> = {}, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): ShopContext {
  return {
    shopId: 'tb-sandbox',
    credentials: { ...TEST_APP, ...credentials },
    env: { baseUrl, timeoutMs: options.timeoutMs ?? 10_000, now: () => clock.now(), fetch: options.fetch ?? fetch },
  };
}

export async function collectPages(pull: (onPage: (page: PulledPage) => Promise<void>) => Promise<void>): Promise<PulledPage[]> {
  const pages: PulledPage[] = [];
  await pull(async (page) => {
    pages.push(page);
  });
  return pages;
}

/** A fetch that records every request body and answer text, still real HTTP underneath. */
export function recordingFetch(): { fetch: typeof fetch; requests: URLSearchParams[]; answers: string[] } {
  const requests: URLSearchParams[] = [];
  const answers: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    requests.push(new URLSearchParams(String(init?.body ?? '')));
    const response = await fetch(input, init);
    answers.push(await response.clone().text());
    return response;
  };
  return { fetch: recording, requests, answers };
}
