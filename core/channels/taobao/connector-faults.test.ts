import { afterEach, describe, expect, it } from 'vitest';
import { versionAt } from '../../../sandbox/common/story.js';
import { startTaobaoSimulator, type TaobaoSimulator, type TaobaoSimulatorKnobs } from '../../../sandbox/taobao/index.js';
import { PlatformError } from '../types.js';
import { parseBeijing } from './beijing-time.js';
import { createTaobaoConnector } from './connector.js';
import { collectPages, recordingFetch, TEST_APP, testShop } from './test-support.js';

const START = Date.UTC(2026, 10, 10, 16, 0, 0);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const clock = { t: START + 10 * DAY, now() { return this.t; } };
let sim: TaobaoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(knobs: TaobaoSimulatorKnobs = {}, spanMs = DAY): Promise<TaobaoSimulator> {
  sim = await startTaobaoSimulator({ seed: 5, orders: 300, start: START, spanMs, apps: { [TEST_APP.appKey]: { secret: TEST_APP.appSecret, sessions: [TEST_APP.accessToken, 'expired-one'] } }, knobs, now: () => clock.now() });
  return sim;
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  if (!(err instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(err)}`);
  return err;
}

const window = { from: START, to: START + DAY };
const pull = (s: TaobaoSimulator, shop = testShop(s.url, clock)) => collectPages((onPage) => createTaobaoConnector().pullModified(shop, window, onPage));

describe('Taobao connector: platform failures become typed PlatformErrors', () => {
  it('a wrong secret is auth, with the platform code and message verbatim', async () => {
    const s = await start();
    const err = await failure(pull(s, testShop(s.url, clock, { appSecret: 'not-the-secret' })));
    expect(err.kind).toBe('auth');
    expect(err.platform).toMatchObject({ code: '25', message: 'Invalid signature' });
    expect(err.platform.requestId).toMatch(/^\S+$/);
    expect(err.platform.raw).toContain(`"request_id":"${err.platform.requestId}"`);
    expect(err.platform.raw).toContain('"code":25');
  });

  it('an expired session is auth (code 27 session-expired); a missing one too (26)', async () => {
    const s = await start({ expiredSessions: ['expired-one'] });
    const expired = await failure(pull(s, testShop(s.url, clock, { accessToken: 'expired-one' })));
    expect(expired.kind).toBe('auth');
    expect(expired.platform).toMatchObject({ code: '27', subCode: 'session-expired' });
    const missing = await failure(pull(s, testShop(s.url, clock, { accessToken: undefined })));
    expect(missing).toMatchObject({ kind: 'auth', platform: { code: '26' } });
  });

  it('throttling is rate-limit with the announced ban as retry hint', async () => {
    const s = await start({ throttleEvery: 2, throttleBanSeconds: 3 });
    const connector = createTaobaoConnector();
    await connector.testConnection(testShop(s.url, clock));
    const err = await failure(connector.testConnection(testShop(s.url, clock)));
    expect(err.kind).toBe('rate-limit');
    expect(err.platform).toMatchObject({ code: '7', subCode: 'accesscontrol.limited-by-app-access-count' });
    expect(err.retryAfterMs).toBe(3000);
  });

  it('a truncated body is malformed; an isp.* remote error is transient; a slow gateway times out as transient', async () => {
    const broken = await start({ malformedEvery: 1 });
    expect((await failure(pull(broken))).kind).toBe('malformed');
    await broken.close();
    const flaky = await start({ errorRate: 1 });
    const remote = await failure(pull(flaky));
    expect(remote.kind).toBe('transient');
    expect(remote.platform.subCode).toMatch(/^isp\./);
    await flaky.close();
    const slow = await start({ latencyMs: 300 });
    const timeout = await failure(pull(slow, testShop(slow.url, clock, {}, { timeoutMs: 50 })));
    expect(timeout.kind).toBe('transient');
    expect(timeout.message).toMatch(/timed out/);
  });

  it('a machine clock off by more than the allowed skew is refused (code 31), a wrong gateway URL is not retried forever', async () => {
    const s = await start();
    const skewed = { now: () => clock.now() + HOUR };
    expect(await failure(pull(s, testShop(s.url, skewed)))).toMatchObject({ kind: 'permanent', platform: { code: '31' } });
    expect((await failure(pull(s, testShop(s.url.replace('/router/rest', '/nope'), clock)))).kind).toBe('permanent');
  });

  it('splits a window longer than a day into wire windows of at most one day (§1.5)', async () => {
    const s = await start({}, 3 * DAY);
    clock.t = START + 10 * DAY;
    const rec = recordingFetch();
    const long = { from: START + 1234, to: START + 2 * DAY + 12 * HOUR };
    const pages = await collectPages((onPage) => createTaobaoConnector({ pageSize: 40 }).pullModified(testShop(s.url, clock, {}, { fetch: rec.fetch }), long, onPage));
    const spans = rec.requests.map((r) => [parseBeijing(r.get('start_modified'))!, parseBeijing(r.get('end_modified'))!] as const);
    expect(new Set(spans.map(([a, b]) => `${a}-${b}`)).size).toBeGreaterThanOrEqual(3);
    for (const [a, b] of spans) expect(b - a).toBeLessThanOrEqual(DAY);
    const want = s.stories.filter((st) => { const t = Math.floor(versionAt(st, clock.t)!.at / 1000) * 1000; return t >= long.from && t < long.to; }).map((st) => s.tidOf(st.n));
    const got = pages.flatMap((p) => p.orders.map((o) => o.platformOrderId));
    expect(got.sort()).toEqual(want.sort());
    // The simulator enforces the rule with an error: an unsplit call is refused.
    expect(s.stats.errors['41']).toBeUndefined();
  });
});
