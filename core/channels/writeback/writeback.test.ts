/**
 * Waybill write-back against the three platform simulators over loopback HTTP: the ship call lands
 * and the platform's own order API then shows the seller's waybill; a second ship, a correction of an
 * unshipped order, a used or malformed waybill are refused with the platform's code; a correction
 * replaces the waybill; channels without a write-back API send nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionAt, type OrderStory } from '../../../sandbox/common/story.js';
import { startDouyinSimulator } from '../../../sandbox/douyin/index.js';
import { shopOrderId } from '../../../sandbox/douyin/ids.js';
import { startPinduoduoSimulator } from '../../../sandbox/pinduoduo/index.js';
import { orderSnOf } from '../../../sandbox/pinduoduo/render.js';
import { startTaobaoSimulator } from '../../../sandbox/taobao/index.js';
import type { Channel, OrderInput } from '../../contract/orders.js';
import { createDouyinConnector } from '../douyin/connector.js';
import { createPinduoduoConnector } from '../pinduoduo/connector.js';
import { createTaobaoConnector } from '../taobao/connector.js';
import type { ChannelConnector, ShopContext } from '../types.js';
import { writeBackWaybill } from './index.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 20);
let clock = START + DAY;
const SEED = 21;

interface Platform {
  channel: Channel;
  shop: ShopContext;
  stories: readonly OrderStory[];
  idOf(story: OrderStory): string;
  connector: ChannelConnector;
  close(): Promise<void>;
}

const platforms: Platform[] = [];

function context(shopId: string, url: string): ShopContext {
  return { shopId, credentials: { appKey: 'app', appSecret: 'secret', accessToken: 'token' }, env: { baseUrl: url, timeoutMs: 5000, now: () => clock, fetch } };
}

beforeAll(async () => {
  const common = { seed: SEED, orders: 600, start: START, spanMs: 2 * DAY, now: () => clock };
  const tb = await startTaobaoSimulator({ ...common, apps: { app: { secret: 'secret', sessions: ['token'] } } });
  platforms.push({ channel: 'taobao', shop: context('tb', tb.url), stories: tb.stories, idOf: (s) => tb.tidOf(s.n), connector: createTaobaoConnector(), close: () => tb.close() });
  const pdd = await startPinduoduoSimulator({ ...common, apps: { app: { secret: 'secret', tokens: ['token'] } } });
  platforms.push({ channel: 'pinduoduo', shop: context('pdd', pdd.url), stories: pdd.stories, idOf: (s) => orderSnOf(s, SEED), connector: createPinduoduoConnector(), close: () => pdd.close() });
  const dy = await startDouyinSimulator({ ...common, apps: { app: { secret: 'secret', tokens: ['token'] } } });
  platforms.push({ channel: 'douyin', shop: context('dy', dy.url), stories: dy.stories, idOf: (s) => shopOrderId(SEED, s.n), connector: createDouyinConnector(), close: () => dy.close() });
});

afterAll(async () => {
  await Promise.all(platforms.map((p) => p.close()));
});

function storyAt(p: Platform, stage: string, skip = 0): OrderStory {
  const found = p.stories.filter((s) => versionAt(s, clock)?.stage === stage)[skip];
  if (!found) throw new Error(`no ${stage} order in the ${p.channel} simulator`);
  return found;
}

async function pulled(p: Platform, platformOrderId: string): Promise<OrderInput | undefined> {
  const found: OrderInput[] = [];
  await p.connector.pullModified(p.shop, { from: clock - 30 * 60_000, to: clock + 60_000 }, async (page) => void found.push(...page.orders));
  return found.find((o) => o.platformOrderId === platformOrderId);
}

describe.each(['taobao', 'pinduoduo', 'douyin'] as const)('%s write-back', (channel) => {
  const p = () => platforms.find((x) => x.channel === channel)!;

  it('ships a paid order and the platform then shows the waybill; a second ship is refused', async () => {
    clock += 60_000;
    const story = storyAt(p(), 'paid');
    const id = p().idOf(story);
    const waybillNo = `SF${String(1_000_000_000_000 + story.n)}`;
    const sent = await writeBackWaybill(channel, p().shop, { platformOrderId: id, carrier: 'SF', waybillNo, mode: 'ship' });
    expect(sent).toMatchObject({ status: 'sent' });
    clock += 1000;
    const order = await pulled(p(), id);
    expect(order?.status).toBe('shipped');
    expect(order?.shipments?.map((s) => s.waybillNo)).toContain(waybillNo);

    const again = await writeBackWaybill(channel, p().shop, { platformOrderId: id, carrier: 'SF', waybillNo, mode: 'ship' });
    // The platform's own "already shipped" code (protocols.md §11.4 B04, §11.7 60110; Pinduoduo's is the simulator's [U]), raw body kept.
    const alreadyShipped = { taobao: 'isv.logistics-offline-service-error:B04', pinduoduo: '52102', douyin: 'isv.business-failed:60110' }[channel];
    expect(again).toMatchObject({ status: 'refused', code: alreadyShipped, raw: expect.stringContaining(alreadyShipped.split(':').at(-1)!) });
  });

  it('corrects the waybill of a shipped order', async () => {
    clock += 60_000;
    const story = storyAt(p(), 'paid', 1);
    const id = p().idOf(story);
    const wrong = `YT${String(5_000_000_000_000 + story.n)}`;
    expect((await writeBackWaybill(channel, p().shop, { platformOrderId: id, carrier: 'YTO', waybillNo: wrong, mode: 'ship' })).status).toBe('sent');
    clock += 60_000;
    const right = `SF${String(2_000_000_000_000 + story.n)}`;
    const corrected = await writeBackWaybill(channel, p().shop, { platformOrderId: id, carrier: 'SF', waybillNo: right, mode: 'correct' });
    expect(corrected).toMatchObject({ status: 'sent' });
    clock += 1000;
    expect((await pulled(p(), id))?.shipments?.map((s) => s.waybillNo)).toContain(right);
  });

  it('refuses a correction of an order that was never shipped, a used waybill and a malformed one', async () => {
    clock += 60_000;
    const unshipped = p().idOf(storyAt(p(), 'paid', 2));
    const correction = await writeBackWaybill(channel, p().shop, { platformOrderId: unshipped, carrier: 'SF', waybillNo: 'SF1999999999999', mode: 'correct' });
    expect(correction.status).toBe('refused');
    const first = p().idOf(storyAt(p(), 'paid', 3));
    expect((await writeBackWaybill(channel, p().shop, { platformOrderId: first, carrier: 'SF', waybillNo: 'SF1888888888888', mode: 'ship' })).status).toBe('sent');
    const reuse = await writeBackWaybill(channel, p().shop, { platformOrderId: p().idOf(storyAt(p(), 'paid', 3)), carrier: 'SF', waybillNo: 'SF1888888888888', mode: 'ship' });
    expect(reuse.status).toBe('refused');
    const malformed = await writeBackWaybill(channel, p().shop, { platformOrderId: p().idOf(storyAt(p(), 'paid', 4)), carrier: 'SF', waybillNo: 'not-a-waybill', mode: 'ship' });
    expect(malformed.status).toBe('refused');
  });
});

it('sends nothing for channels without a write-back API', async () => {
  for (const channel of ['wechat', 'pos'] as const) {
    const outcome = await writeBackWaybill(channel, null, { platformOrderId: 'WX1', carrier: 'SF', waybillNo: 'SF1234567890123', mode: 'ship' });
    expect(outcome.status).toBe('not-supported');
  }
});
