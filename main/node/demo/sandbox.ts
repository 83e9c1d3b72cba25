/**
 * The demo's partners, in this process on loopback ports: the three platform simulators and the two
 * merchant backends (WeChat mini-program, POS), all rendering the demo plan's stories. The simulators'
 * clock is the engine's, so an injected clock moves both sides together.
 */
import { startDouyinSimulator, type DouyinSimulator } from '../../../sandbox/douyin/index.js';
import { createMerchantBackend, type MerchantBackend, type PushSender } from '../../../sandbox/merchant/index.js';
import { startPinduoduoSimulator, type PinduoduoSimulator } from '../../../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import { channelSeed, channelStories, type DemoPlan } from './plan.js';
import { demoShops } from './shops.js';

export interface DemoSimulators {
  taobao: TaobaoSimulator;
  pinduoduo: PinduoduoSimulator;
  douyin: DouyinSimulator;
  /** The engine's `partners` option: where each platform's gateway is. */
  partners: { gateways: { taobao: string; pinduoduo: string; douyin: string }; timeoutMs: number };
  /** The merchant backends, once the engine can be reached (`send`). */
  merchants(send: PushSender): MerchantBackend[];
  close(): Promise<void>;
}

export async function startDemoSimulators(plan: DemoPlan, now: () => number): Promise<DemoSimulators> {
  const startedAt = now();
  const shops = demoShops(plan.seed);
  const common = (channel: 'taobao' | 'pinduoduo' | 'douyin') => {
    const stories = channelStories(plan, channel, startedAt);
    return { seed: channelSeed(plan.seed, channel), orders: stories.length, stories, start: startedAt, spanMs: 0, now };
  };
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    const tb = shops.taobao.credentials;
    // TMC hands out only what happens from now on: the app "subscribes" when the demo starts (§12.1).
    const taobao = await startTaobaoSimulator({ ...common('taobao'), apps: { [tb.appKey]: { secret: tb.appSecret, sessions: [tb.accessToken!] } }, knobs: { tmcFrom: startedAt } });
    opened.push(taobao);
    const pdd = shops.pinduoduo.credentials;
    const pinduoduo = await startPinduoduoSimulator({ ...common('pinduoduo'), apps: { [pdd.appKey]: { secret: pdd.appSecret, tokens: [pdd.accessToken!] } } });
    opened.push(pinduoduo);
    const dy = shops.douyin.credentials;
    // Pushes begin after `start`: events before this start are the back-fill's and the pulls' job.
    const douyin = await startDouyinSimulator({ ...common('douyin'), apps: { [dy.appKey]: { secret: dy.appSecret, tokens: [dy.accessToken!] } }, shopId: dy.platformShopId! });
    opened.push(douyin);
    return {
      taobao,
      pinduoduo,
      douyin,
      partners: { gateways: { taobao: taobao.url, pinduoduo: pinduoduo.url, douyin: douyin.url }, timeoutMs: 15_000 },
      merchants: (send) =>
        (['wechat', 'pos'] as const).map((channel) =>
          createMerchantBackend({ channel, shopId: shops[channel].id, secret: shops[channel].credentials.appSecret, stories: channelStories(plan, channel, startedAt), seed: channelSeed(plan.seed, channel), now, send }),
        ),
      close: async () => {
        await Promise.all(opened.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
    throw err;
  }
}
