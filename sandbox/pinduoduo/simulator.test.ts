import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPddSign } from './signature.js';
import { type PinduoduoSimulator, startPinduoduoSimulator } from './simulator.js';
import { visibleVersion } from './render.js';

const START = Date.UTC(2024, 10, 28, 0, 0, 0);
const apps = { app1: { secret: 'sec1', tokens: ['tok1', 'old'] } };
let now = START + 30 * 86_400_000;
let sim: PinduoduoSimulator;

async function call(params: Record<string, string>, secret = 'sec1', target = sim): Promise<{ status: number; text: string; json: unknown }> {
  const all: Record<string, string> = { client_id: 'app1', access_token: 'tok1', timestamp: String(Math.floor(now / 1000)), data_type: 'JSON', ...params };
  all.sign = expectedPddSign(new Map(Object.entries(all)), secret);
  const res = await fetch(target.url, { method: 'POST', body: new URLSearchParams(all) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* malformed on purpose */
  }
  return { status: res.status, text, json };
}

const increment = (startS: number, endS: number, extra: Record<string, string> = {}) =>
  call({ type: 'pdd.order.number.list.increment.get', start_updated_at: String(startS), end_updated_at: String(endS), ...extra });

beforeAll(async () => {
  sim = await startPinduoduoSimulator({ seed: 7, orders: 400, start: START, spanMs: 6 * 3600_000, apps, knobs: { expiredTokens: ['old'] }, now: () => now });
});
afterAll(() => sim.close());

describe('Pinduoduo gateway simulator', () => {
  it('is deterministic from the seed', async () => {
    const s = START / 1000;
    const params = { type: 'pdd.order.list.get', start_confirm_at: String(s), end_confirm_at: String(s + 86_400) };
    const twin = await startPinduoduoSimulator({ seed: 7, orders: 400, start: START, spanMs: 6 * 3600_000, apps, now: () => now });
    const other = await startPinduoduoSimulator({ seed: 8, orders: 400, start: START, spanMs: 6 * 3600_000, apps, now: () => now });
    try {
      const a = await call(params);
      expect((await call(params, 'sec1', twin)).text).toBe(a.text);
      expect((await call(params, 'sec1', other)).text).not.toBe(a.text);
      expect(a.text.length).toBeGreaterThan(10_000);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('answers the list API in the §2.4 shape with Java-style yuan numbers and has_next only when asked', async () => {
    const s = START / 1000;
    const page = await call({ type: 'pdd.order.list.get', start_confirm_at: String(s), end_confirm_at: String(s + 86_400), page_size: '100', use_has_next: 'true' });
    const body = (page.json as { order_list_get_response: { total_count: number; has_next: boolean; order_list: Array<Record<string, unknown>> } }).order_list_get_response;
    expect(body.order_list).toHaveLength(100);
    expect(body.has_next).toBe(true);
    expect(body.total_count).toBe(sim.stories.filter((st) => visibleVersion(st, now)).length);
    expect(body.order_list[0]!.order_sn).toMatch(/^\d{6}-\d{15}$/);
    expect(page.text).toMatch(/"goods_amount":\d+\.\d+[,E]/);
    const noFlag = await call({ type: 'pdd.order.list.get', start_confirm_at: String(s), end_confirm_at: String(s + 86_400) });
    expect(JSON.stringify(noFlag.json)).not.toContain('has_next');
  });

  it('refuses a window longer than documented with the real 50001 error, sub_code null', async () => {
    const s = START / 1000;
    const tooLong = await call({ type: 'pdd.order.list.get', start_confirm_at: String(s), end_confirm_at: String(s + 86_401) });
    expect(tooLong.json).toEqual({ error_response: { error_msg: '时间跨度不能超过24小时', sub_msg: '时间跨度不能超过24小时', sub_code: null, error_code: 50001, request_id: expect.stringMatching(/^\d+$/) } });
    expect((await increment(s, s + 1800)).json).toHaveProperty('order_sn_increment_get_response');
    expect((await increment(s, s + 1801)).json).toMatchObject({ error_response: { error_code: 50001, sub_code: null } });
    expect((await increment(s, s + 60, { page_size: '101' })).json).toMatchObject({ error_response: { error_code: 10000, error_msg: '参数错误:page_size' } });
  });

  it('checks the signature, the token and the timestamp like the gateway', async () => {
    const s = START / 1000;
    expect((await call({ type: 'pdd.order.list.get', start_confirm_at: String(s), end_confirm_at: String(s + 60) }, 'wrong')).json).toMatchObject({
      error_response: { error_code: 20004, sub_code: '20004', error_msg: '签名验证失败' },
    });
    expect((await increment(s, s + 60, { access_token: 'old' })).json).toMatchObject({ error_response: { error_code: 10019 } });
    expect((await increment(s, s + 60, { access_token: 'nope' })).json).toMatchObject({ error_response: { error_code: 10019 } });
    expect((await increment(s, s + 60, { timestamp: String(Math.floor(now / 1000) - 601) })).json).toMatchObject({ error_response: { error_code: 10001, error_msg: '公共参数错误:timestamp' } });
    expect((await call({ start_confirm_at: '1' })).json).toMatchObject({ error_response: { error_code: 10001, error_msg: '公共参数错误:type', sub_code: null, sub_msg: '' } });
  });

  it('shows each order as it is at `now`: invisible before payment, then its latest version', async () => {
    const story = sim.stories.find((st) => st.versions.some((v) => v.stage === 'shipped'))!;
    const paid = story.versions.find((v) => v.stage === 'paid')!;
    const shipped = story.versions.find((v) => v.stage === 'shipped')!;
    const saved = now;
    const snOf = (json: unknown) => ((json as { order_sn_increment_get_response: { order_sn_list: Array<{ order_sn: string; order_status: number }> } }).order_sn_increment_get_response.order_sn_list);
    now = paid.at - 1000;
    const before = snOf((await increment(Math.floor(paid.at / 1000) - 1700, Math.floor(paid.at / 1000) + 60)).json);
    now = shipped.at;
    const after = snOf((await increment(Math.floor(shipped.at / 1000) - 60, Math.floor(shipped.at / 1000))).json);
    now = saved;
    expect(before.some((o) => o.order_sn.endsWith(String(story.n).padStart(6, '0')))).toBe(false);
    expect(after.find((o) => o.order_sn.endsWith(String(story.n).padStart(6, '0')))?.order_status).toBe(2);
  });

  it('counts calls and failures', () => {
    expect(sim.stats.calls).toBeGreaterThan(5);
    expect(sim.stats.failures.sign).toBeGreaterThanOrEqual(1);
    expect(sim.stats.byType['pdd.order.list.get']).toBeGreaterThan(0);
  });
});
