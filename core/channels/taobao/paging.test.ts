import { afterEach, describe, expect, it } from 'vitest';
import { versionAt } from '../../../sandbox/common/story.js';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import { formatBeijing } from './beijing-time.js';
import { callTop } from './client.js';
import { createTaobaoConnector } from './connector.js';
import { wireChunks } from './paging.js';
import { ALL_TRADE_TYPES, MAX_WINDOW_MS } from './protocol.js';
import { listOf } from './trade-fields.js';
import { recordingFetch, TEST_APP, testShop } from './test-support.js';

const START = Date.UTC(2026, 10, 10, 16, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = START + 40 * MIN; // just after the opening burst: many trades about to change
const WINDOW = { from: START, to: T0 };
const PAGE = 20;
const STEP = 4 * MIN; // the platform's clock moves on while we page
const clock = { t: T0, now() { return this.t; } };
let sim: TaobaoSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(): Promise<TaobaoSimulator> {
  clock.t = T0;
  sim = await startTaobaoSimulator({ seed: 21, orders: 2000, start: START, spanMs: 24 * HOUR, apps: { [TEST_APP.appKey]: { secret: TEST_APP.appSecret, sessions: [TEST_APP.accessToken] } }, now: () => clock.now() });
  return sim;
}

/** Trades whose modified time (whole seconds) is in the window at the simulator's current time. */
function inWindowNow(s: TaobaoSimulator): Set<string> {
  return new Set(
    s.stories.filter((st) => { const v = versionAt(st, clock.t); if (!v) return false; const t = Math.floor(v.at / 1000) * 1000; return t >= WINDOW.from && t < WINDOW.to; }).map((st) => s.tidOf(st.n)),
  );
}

describe('incremental paging back to front (protocols.md §1.5)', () => {
  it('yields every order exactly once while orders change between pages', async () => {
    const s = await start();
    const atStart = inWindowNow(s);
    expect(atStart.size).toBeGreaterThan(8 * PAGE); // several pages
    const rec = recordingFetch();
    const emitted: string[] = [];
    await createTaobaoConnector({ pageSize: PAGE }).pullModified(testShop(s.url, clock, {}, { fetch: rec.fetch }), WINDOW, async (page) => {
      for (const o of page.orders) {
        expect(o.platformModifiedAt).toBeGreaterThanOrEqual(WINDOW.from);
        expect(o.platformModifiedAt).toBeLessThan(WINDOW.to);
        emitted.push(o.platformOrderId);
      }
      clock.t += STEP;
    });
    const stillInWindow = inWindowNow(s);
    expect(atStart.size - stillInWindow.size).toBeGreaterThan(PAGE); // the test really moved orders out
    expect(new Set(emitted).size).toBe(emitted.length); // exactly once…
    for (const tid of stillInWindow) expect(emitted).toContain(tid); // …and nothing skipped
    for (const tid of emitted) expect(atStart.has(tid)).toBe(true);
    // Moving orders made the platform hand out the same trade twice; the connector passed it once.
    const served = rec.answers.flatMap((a) => [...a.matchAll(/"tid":(\d{19})/g)].map((m) => m[1]));
    expect(served.length).toBeGreaterThan(new Set(served).size);
    // Count first, then pages last → first, page 1 last.
    const pageNos = rec.requests.map((r) => Number(r.get('page_no')));
    expect(pageNos[0]).toBe(1);
    expect(pageNos.slice(1)).toEqual([...pageNos.slice(1)].sort((a, b) => b - a));
    expect(pageNos.at(-1)).toBe(1);
  });

  it('the same scenario paged front to back (the naive way) does miss orders: the test can tell', async () => {
    const s = await start();
    const shop = testShop(s.url, clock);
    const seen = new Set<string>();
    for (let pageNo = 1; pageNo < 500; pageNo++) {
      const answer = await callTop(
        shop,
        'taobao.trades.sold.increment.get',
        { fields: 'tid,modified', type: ALL_TRADE_TYPES.join(','), start_modified: formatBeijing(WINDOW.from), end_modified: formatBeijing(WINDOW.to - 1000), page_no: pageNo, page_size: PAGE },
        { signMethod: 'md5', withSession: true },
      );
      const trades = listOf(answer.root.trades, 'trade') as Array<{ tid: string }>;
      if (trades.length === 0) break;
      for (const t of trades) seen.add(String(t.tid));
      clock.t += STEP;
    }
    const missed = [...inWindowNow(s)].filter((tid) => !seen.has(tid));
    expect(missed.length).toBeGreaterThan(0);
  });

  it('cuts windows into wire chunks of at most one day, whole seconds included', () => {
    const day = MAX_WINDOW_MS;
    expect(wireChunks({ from: 0, to: day })).toEqual([{ from: 0, to: day }]);
    expect(wireChunks({ from: 0, to: 2.5 * day })).toEqual([{ from: 0, to: day }, { from: day, to: 2 * day }, { from: 2 * day, to: 2.5 * day }]);
    const odd = wireChunks({ from: 1500, to: day + 1500 });
    expect(odd).toEqual([{ from: 1500, to: day + 1000 }, { from: day + 1000, to: day + 1500 }]);
    for (const c of odd) expect(Math.ceil(c.to / 1000) * 1000 - Math.floor(c.from / 1000) * 1000).toBeLessThanOrEqual(day);
    expect(wireChunks({ from: 5, to: 5 })).toEqual([]);
  });
});
