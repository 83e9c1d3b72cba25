import { afterEach, describe, expect, it } from 'vitest';
import { startTaobaoSimulator, type TaobaoSimulator, type TaobaoSimulatorOptions } from './index.js';
import { expectedTopSign } from './signature.js';
import { beijingText } from './wire.js';

const START = Date.UTC(2026, 10, 10, 16, 0, 0);
const DAY = 24 * 3600_000;
const APP = { key: 'app-1', secret: 's3cret', session: 'sess-1' };
let now = START + 5 * DAY;
let sim: TaobaoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(over: Partial<TaobaoSimulatorOptions> = {}): Promise<TaobaoSimulator> {
  now = START + 5 * DAY;
  sim = await startTaobaoSimulator({ seed: 3, orders: 120, start: START, spanMs: DAY, apps: { [APP.key]: { secret: APP.secret, sessions: [APP.session] } }, now: () => now, ...over });
  return sim;
}

/** A signed call written out by hand (this test must not borrow the connector's client). */
async function call(s: TaobaoSimulator, method: string, params: Record<string, string>, tweak: { beforeSign?: (f: Map<string, string>) => void; afterSign?: (f: Map<string, string>) => void } = {}): Promise<string> {
  const form = new Map(Object.entries({ method, app_key: APP.key, session: APP.session, timestamp: beijingText(now), v: '2.0', format: 'json', sign_method: 'md5', ...params }));
  tweak.beforeSign?.(form);
  form.set('sign', expectedTopSign(form, APP.secret, 'md5'));
  tweak.afterSign?.(form);
  const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams([...form]).toString() });
  expect(res.status).toBe(200);
  return res.text();
}

const day = { start_created: beijingText(START), end_created: beijingText(START + DAY) };

describe('TOP simulator wire format', () => {
  it('writes 19-digit tids as bare JSON numbers that match its own tidOf, deterministically', async () => {
    const s = await start();
    const text = await call(s, 'taobao.trades.sold.get', { ...day, fields: 'tid,status,payment,orders', type: 'fixed,tmall_i18n', page_size: '100' });
    const tids = [...text.matchAll(/"tid":(\d+)[,}]/g)].map((m) => m[1]!);
    expect(tids).toHaveLength(100);
    const own = new Set(s.stories.map((st) => s.tidOf(st.n)));
    for (const tid of tids) {
      expect(tid).toHaveLength(19);
      expect(own.has(tid)).toBe(true);
    }
    expect(text).toMatch(/^\{"trades_sold_get_response":\{"total_results":120,"trades":\{"trade":\[/);
    expect(text).toMatch(/"payment":"\d+\.\d{2}"/);
    expect(text).toContain('"orders":{"order":[{"oid":');
    await s.close();
    const again = await start();
    expect(await call(again, 'taobao.trades.sold.get', { ...day, fields: 'tid,status,payment,orders', type: 'fixed,tmall_i18n', page_size: '100' })).toBe(text);
  });

  it('returns only the requested fields, has_next instead of total_results when asked, and omits empty lists', async () => {
    const s = await start();
    const text = await call(s, 'taobao.trades.sold.get', { ...day, fields: 'tid,orders.title', use_has_next: 'true', page_size: '100', page_no: '2' });
    const body = JSON.parse(text) as { trades_sold_get_response: { has_next: boolean; total_results?: number; trades: { trade: Array<Record<string, unknown>> } } };
    expect(body.trades_sold_get_response.has_next).toBe(false);
    expect(body.trades_sold_get_response.total_results).toBeUndefined();
    const trade = body.trades_sold_get_response.trades.trade[0]!;
    expect(Object.keys(trade)).toEqual(['tid', 'orders']);
    expect(Object.keys((trade.orders as { order: object[] }).order[0]!)).toEqual(['title']);
    const empty = await call(s, 'taobao.trades.sold.get', { start_created: beijingText(START - 2 * DAY), end_created: beijingText(START - DAY), fields: 'tid' });
    expect(empty).toMatch(/^\{"trades_sold_get_response":\{"total_results":0,"request_id":"[^"]+"\}\}$/);
  });

  it('without `type` answers only the default types (§1.4): tmall_i18n trades stay out', async () => {
    const s = await start();
    const all = JSON.parse(await call(s, 'taobao.trades.sold.get', { ...day, fields: 'tid', type: 'fixed,tmall_i18n' })).trades_sold_get_response.total_results as number;
    const dflt = JSON.parse(await call(s, 'taobao.trades.sold.get', { ...day, fields: 'tid' })).trades_sold_get_response.total_results as number;
    expect(all).toBe(120);
    expect(dflt).toBe(120 - s.stories.filter((st) => st.n % 25 === 24).length);
  });

  it('enforces the one-day increment window with an error, and answers system errors per §1.7', async () => {
    const s = await start();
    const win = (ms: number) => ({ fields: 'tid', start_modified: beijingText(START), end_modified: beijingText(START + ms) });
    expect(await call(s, 'taobao.trades.sold.increment.get', win(DAY))).toMatch(/^\{"trades_sold_increment_get_response"/);
    expect(await call(s, 'taobao.trades.sold.increment.get', win(DAY + 1000))).toMatch(/"error_response":\{"code":41,/);
    expect(await call(s, 'taobao.trades.sold.increment.get', { fields: 'tid' })).toContain('Missing required arguments:start_modified');
    expect(await call(s, 'taobao.trades.sold.get', day, { afterSign: (f) => f.set('sign', 'A'.repeat(32)) })).toMatch(/"code":25,"msg":"Invalid signature"/);
    expect(await call(s, 'taobao.trades.sold.get', day, { afterSign: (f) => f.set('page_no', '2') })).toMatch(/"code":25/); // tampered after signing
    expect(await call(s, 'taobao.no.such', {})).toMatch(/"code":22/);
    expect(await call(s, 'taobao.trades.sold.get', { fields: 'tid' }, { beforeSign: (f) => f.delete('session') })).toMatch(/"code":26/);
    expect(await call(s, 'taobao.trades.sold.get', { fields: 'tid', format: 'xml' })).toMatch(/^<\?xml/);
    // §1.2: ±10 min of skew; a request stamped 11 minutes ago is refused.
    expect(await call(s, 'taobao.time.get', {}, { beforeSign: (f) => f.set('timestamp', beijingText(now - 11 * 60_000)) })).toMatch(/"code":31/);
    expect(s.stats.errors).toMatchObject({ '25': 2, '22': 1, '26': 1, '41': 1, '40': 1, '31': 1, '23': 1 });
  });

  it('applies the knobs: expired sessions, throttling, malformed bodies and isp errors', async () => {
    const s = await start({ knobs: { expiredSessions: [APP.session], throttleEvery: 2, malformedEvery: 3 } });
    expect(await call(s, 'taobao.trades.sold.get', { fields: 'tid' })).toContain('"code":27,"msg":"Invalid session:session-expired","sub_code":"session-expired"');
    expect(await call(s, 'taobao.time.get', {})).toMatch(/^\{"time_get_response":\{"time":"\d{4}-/); // no session needed
    expect(await call(s, 'taobao.time.get', {})).toMatch(/"code":7,"msg":"App Call Limited".*This ban will last for 1 more seconds/);
    const third = await call(s, 'taobao.time.get', {});
    expect(() => JSON.parse(third)).toThrow();
    await s.close();
    const flaky = await start({ knobs: { errorRate: 1 } });
    expect(await call(flaky, 'taobao.time.get', {})).toMatch(/"code":15,"msg":"Remote service error","sub_code":"isp\./);
  });

  it('shows the story version current at its clock, and TMC messages only once they happened', async () => {
    const s = await start();
    now = START + 60_000;
    const early = await call(s, 'taobao.tmc.messages.consume', { quantity: '200' });
    now = START + 5 * DAY;
    const late = await call(s, 'taobao.tmc.messages.consume', { quantity: '200' });
    const count = (t: string) => [...t.matchAll(/"topic":/g)].length;
    expect(count(early)).toBeLessThan(count(late));
    expect(late).toMatch(/"content":"\{\\"buyer_nick\\":\\"[^\\]+\\",(\\"seller_nick\\":\\"[^\\]+\\",)?\\"tid\\":\d{19}/);
    expect(await call(s, 'taobao.tmc.messages.consume', { quantity: '5' })).toMatch(/"code":41/);
  });
});
