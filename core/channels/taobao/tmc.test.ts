import { afterEach, describe, expect, it } from 'vitest';
import { versionAt } from '../../../sandbox/common/story.js';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import { createTaobaoConnector } from './connector.js';
import { confirmTmcMessages, consumeTmcMessages, parseTmcMessage, tidsToReread } from './tmc.js';
import { recordingFetch, TEST_APP, testShop } from './test-support.js';

const START = Date.UTC(2026, 10, 10, 16, 0, 0);
const HOUR = 3600_000;
const clock = { t: START + 2 * HOUR, now() { return this.t; } };
let sim: TaobaoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(): Promise<TaobaoSimulator> {
  clock.t = START + 2 * HOUR;
  sim = await startTaobaoSimulator({ seed: 8, orders: 200, start: START, spanMs: 24 * HOUR, apps: { [TEST_APP.appKey]: { secret: TEST_APP.appSecret, sessions: [TEST_APP.accessToken] } }, now: () => clock.now() });
  return sim;
}

describe('Taobao TMC polling (protocols.md §12.1)', () => {
  it('parses messages with exact int64 ids and tids, redelivers until confirmed', async () => {
    const s = await start();
    const rec = recordingFetch();
    const shop = testShop(s.url, clock, {}, { fetch: rec.fetch });
    const first = await consumeTmcMessages(shop, { quantity: 50 });
    expect(first).toHaveLength(50);
    expect(rec.answers[0]).toMatch(/"id":\d{19},/); // bare int64 on the wire
    expect(rec.requests[0]!.get('session')).toBeNull(); // app-level service
    const tids = new Set(s.stories.map((st) => s.tidOf(st.n)));
    for (const m of first) {
      expect(m.id).toMatch(/^\d{19}$/);
      expect(m.topic).toMatch(/^taobao_(trade|refund)_/);
      expect(tids.has(m.tid!)).toBe(true);
      expect(m.pubTime).toBeLessThanOrEqual(clock.t);
    }
    const again = await consumeTmcMessages(shop, { quantity: 50 });
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id)); // not confirmed → redelivered
    await confirmTmcMessages(shop, first.map((m) => m.id));
    const next = await consumeTmcMessages(shop, { quantity: 50 });
    expect(next.length).toBeGreaterThan(0);
    expect(next.some((m) => first.some((f) => f.id === m.id))).toBe(false); // a rounded id would not have been confirmed
  });

  it('names the trades to re-read, and fetchTrades re-reads them with trade.fullinfo.get', async () => {
    const s = await start();
    const shop = testShop(s.url, clock);
    const messages = await consumeTmcMessages(shop, { quantity: 200 });
    const tids = tidsToReread(messages);
    expect(new Set(tids).size).toBe(tids.length);
    expect(tids.length).toBeLessThan(messages.length); // several events per trade, one re-read each
    const page = await createTaobaoConnector().fetchTrades(shop, [...tids, '3999999999999999999']);
    expect(page.orders.map((o) => o.platformOrderId)).toEqual(tids);
    expect(page.rejected).toEqual([expect.objectContaining({ platformOrderId: '3999999999999999999' })]);
    expect(page.rejected[0]!.message).toMatch(/trade-not-exist/);
    for (const o of page.orders) {
      const story = s.stories.find((st) => s.tidOf(st.n) === o.platformOrderId)!;
      expect(o.platformModifiedAt).toBe(Math.floor(versionAt(story, clock.t)!.at / 1000) * 1000);
    }
    expect(s.stats.byMethod['taobao.trade.fullinfo.get']).toBe(tids.length + 1);
  });

  it('reads the §12.1 topic contents, including the address change that carries only the tid', () => {
    const address = parseTmcMessage({
      id: '6000000123000012345',
      topic: 'taobao_trade_TradeLogisticsAddressChanged',
      pub_time: '2026-11-11 10:00:00',
      user_id: 2206512345678,
      user_nick: '店',
      content: '{"buyer_nick":"b","tid":3791234567890123456}',
    });
    expect(address).toMatchObject({ id: '6000000123000012345', tid: '3791234567890123456', oid: null, status: null, userId: '2206512345678', pubTime: Date.UTC(2026, 10, 11, 2, 0, 0) });
    const refund = parseTmcMessage({ id: 1, topic: 'taobao_refund_RefundCreated', content: '{"tid":3791234567890123456,"oid":3791234567890123457,"refund_fee":"12.50","refund_phase":"onsale"}' });
    expect(refund?.content).toMatchObject({ refund_fee: '12.50', refund_phase: 'onsale' });
    expect(refund?.oid).toBe('3791234567890123457');
    const xml = parseTmcMessage({ id: 2, topic: 'taobao_trade_TradeClose', content: '<tid>1</tid>' });
    expect(xml).toMatchObject({ content: null, tid: null, rawContent: '<tid>1</tid>' });
    expect(parseTmcMessage({ topic: 'no id' })).toBeNull();
    expect(tidsToReread([address!, refund!, xml!])).toEqual(['3791234567890123456']);
  });
});
