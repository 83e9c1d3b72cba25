/** Error paths over real HTTP: the POP envelope (§2.6) and transport failures → PlatformError kinds. */
import { afterEach, describe, expect, it } from 'vitest';
import { type PinduoduoKnobs, type PinduoduoSimulator, startPinduoduoSimulator } from '../../../sandbox/pinduoduo/index.js';
import { PlatformError, type PulledPage, type ShopContext } from '../types.js';
import { callPdd } from './client.js';
import { createPinduoduoConnector, type PinduoduoOptions } from './connector.js';
import { DEFAULT_PDD_ERROR_CODES } from './protocol.js';

const START = Date.UTC(2024, 10, 28, 0, 0, 0);
const NOW = START + 3 * 3600_000;
const WINDOW = { from: START, to: START + 3600_000 };
const sims: PinduoduoSimulator[] = [];

async function simulator(knobs: PinduoduoKnobs = {}): Promise<PinduoduoSimulator> {
  const sim = await startPinduoduoSimulator({ seed: 5, orders: 600, start: START, spanMs: 2 * 3600_000, apps: { app: { secret: 'right', tokens: ['T', 'old'] } }, knobs: { expiredTokens: ['old'], ...knobs }, now: () => NOW });
  sims.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function shop(baseUrl: string, overrides: { appSecret?: string; accessToken?: string; timeoutMs?: number } = {}): ShopContext {
  return {
    shopId: 'pdd-1',
    credentials: { appKey: 'app', appSecret: overrides.appSecret ?? 'right', accessToken: overrides.accessToken ?? 'T' },
    env: { baseUrl, timeoutMs: overrides.timeoutMs ?? 5000, now: () => NOW, fetch },
  };
}

async function failure(baseUrl: string, overrides: Parameters<typeof shop>[1] = {}, options: PinduoduoOptions = {}, pages: PulledPage[] = []): Promise<PlatformError> {
  const err = await createPinduoduoConnector(options)
    .pullModified(shop(baseUrl, overrides), WINDOW, async (p) => void pages.push(p))
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('PDD errors → PlatformError', () => {
  it('wrong secret → auth, with the platform message, codes and request id verbatim', async () => {
    const sim = await simulator();
    const err = await failure(sim.url, { appSecret: 'wrong' });
    expect(err.kind).toBe('auth');
    expect(err.platform).toMatchObject({ code: '20004', subCode: '20004', message: '签名验证失败', requestId: expect.stringMatching(/^\d+$/) });
    expect(JSON.parse(err.platform.raw!)).toMatchObject({ error_response: { error_code: 20004, error_msg: '签名验证失败' } });
    expect(err.message).toContain('签名验证失败');
  });

  it('expired token → auth; testConnection says so too', async () => {
    const sim = await simulator();
    const err = await failure(sim.url, { accessToken: 'old' });
    expect(err.kind).toBe('auth');
    expect(err.platform).toMatchObject({ code: '10019', message: 'access_token已过期' });
    await expect(createPinduoduoConnector().testConnection(shop(sim.url, { accessToken: 'old' }))).rejects.toMatchObject({ kind: 'auth' });
    await expect(createPinduoduoConnector().testConnection(shop(sim.url))).resolves.toMatchObject({ ok: true, detail: expect.stringContaining('pdd.order.number.list.increment.get') });
  });

  it('throttling → rate-limit, after the pages already delivered', async () => {
    const sim = await simulator({ throttleEvery: 3 });
    const pages: PulledPage[] = [];
    const err = await failure(sim.url, {}, { pageSize: 20 }, pages);
    expect(err.kind).toBe('rate-limit');
    expect(err.platform).toMatchObject({ code: '70031', message: '调用过于频繁' });
    expect(pages.length).toBeGreaterThan(0);
  });

  it('throttling codes are configurable ([U] in §2.6)', async () => {
    const sim = await simulator({ throttleEvery: 1, throttleCode: 70032 });
    expect((await failure(sim.url)).kind).toBe('permanent');
    expect((await failure(sim.url, {}, { errorCodes: { rateLimit: ['70031', '70032'] } })).kind).toBe('rate-limit');
  });

  it('truncated JSON → malformed, raw kept', async () => {
    const sim = await simulator({ malformedEvery: 1 });
    const err = await failure(sim.url);
    expect(err.kind).toBe('malformed');
    expect(err.platform.raw).toMatch(/^\{"order_sn_increment_get_response"/);
  });

  it('HTTP 503, a slow gateway and a closed port → transient', async () => {
    const sim = await simulator({ errorRate: 1 });
    expect(await failure(sim.url)).toMatchObject({ kind: 'transient', platform: { code: 'HTTP 503' } });
    const slow = await simulator({ latencyMs: 300 });
    const timeout = await failure(slow.url, { timeoutMs: 50 });
    expect(timeout.kind).toBe('transient');
    expect(timeout.message).toContain('no answer within 50 ms');
    const closed = await simulator();
    const url = closed.url;
    await closed.close();
    sims.splice(sims.indexOf(closed), 1);
    expect((await failure(url)).kind).toBe('transient');
  });

  it('a window longer than documented gets the real 50001 answer → permanent', async () => {
    const sim = await simulator();
    const s = START / 1000;
    const err = await callPdd(shop(sim.url), 'pdd.order.number.list.increment.get', { start_updated_at: s, end_updated_at: s + 1801, page: 1, page_size: 100 }, DEFAULT_PDD_ERROR_CODES).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'permanent', platform: { code: '50001', subCode: undefined, message: '时间跨度不能超过30分钟' } });
  });
});
