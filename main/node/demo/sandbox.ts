/**
 * The demo's partners, in this process on loopback ports: the three platform simulators, Kuaidi100 and the two
 * merchant backends (WeChat mini-program, POS), all rendering the demo plan's stories. The simulators'
 * clock is the engine's, so an injected clock moves both sides together.
 */
import { startDouyinSimulator, type DouyinSimulator } from '../../../sandbox/douyin/index.js';
import { startKuaidi100Simulator, type Kuaidi100Simulator } from '../../../sandbox/kuaidi100/index.js';
import { startNotifyReceivers, type NotifyReceivers } from '../../../sandbox/notify/index.js';
import { createMerchantBackend, type MerchantBackend, type PushSender } from '../../../sandbox/merchant/index.js';
import { startPinduoduoSimulator, type PinduoduoSimulator } from '../../../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator, type TaobaoSimulator } from '../../../sandbox/taobao/index.js';
import type { OrderStory } from '../../../sandbox/common/story.js';
import { channelSeed, channelStories, DEMO_CHANNELS, type DemoChannel, type DemoPlan } from './plan.js';
import { demoShops } from './shops.js';

export interface DemoSimulators {
  taobao: TaobaoSimulator;
  pinduoduo: PinduoduoSimulator;
  douyin: DouyinSimulator;
  kuaidi100: Kuaidi100Simulator;
  /** The warehouse WeCom robot and the SMS gateway the demo's notifications go to. */
  notify: NotifyReceivers;
  /** The engine's `partners` option: where each platform's gateway is, and the tracking partner. */
  partners: { gateways: { taobao: string; pinduoduo: string; douyin: string }; timeoutMs: number; logistics: Record<string, unknown> };
  /** The merchant backends, once the engine can be reached (`send`). */
  merchants(send: PushSender): MerchantBackend[];
  close(): Promise<void>;
}

/** The demo's Kuaidi100 account (sandbox only; real keys go in Logistics → 物流接口). */
export const DEMO_KUAIDI100 = { customer: 'DEMO-K100', key: 'demo-kuaidi100-key', salt: 'demo-kuaidi100-salt' };

/** The demo's notification accounts (sandbox only): SMS template codes as an approved Aliyun account would have them. */
export const DEMO_NOTIFY = {
  wecomKey: 'demo-wecom-warehouse-key',
  sms: {
    accessKeyId: 'DEMOACCESSKEY',
    accessKeySecret: 'demo-sms-secret',
    signName: '订单中枢',
    templates: {
      'logistics.stalled.customer': { code: 'SMS_DEMO_STALL', params: ['orderId', 'carrier', 'waybillNo', 'hours'] },
      'notify.test': { code: 'SMS_DEMO_TEST', params: ['target', 'at'] },
    },
  },
};

export async function startDemoSimulators(plan: DemoPlan, now: () => number): Promise<DemoSimulators> {
  const startedAt = now();
  const shops = demoShops(plan.seed);
  const storiesOf = Object.fromEntries(DEMO_CHANNELS.map((channel) => [channel, channelStories(plan, channel, startedAt)])) as Record<DemoChannel, OrderStory[]>;
  const common = (channel: 'taobao' | 'pinduoduo' | 'douyin') => {
    const stories = storiesOf[channel];
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
    // Parcels are followed through Kuaidi100 (the engine's default aggregator): each journey starts
    // at its story's ship time, so old parcels arrive with their whole trail and new ones move on.
    const shippedAt = new Map<string, number>();
    for (const story of Object.values(storiesOf).flat()) for (const v of story.versions) if (v.parcel) shippedAt.set(v.parcel.waybillNo, v.parcel.shippedAt);
    const kuaidi100 = await startKuaidi100Simulator({ seed: (plan.seed ^ 0x6b313030) >>> 0, customers: { [DEMO_KUAIDI100.customer]: DEMO_KUAIDI100.key }, now, shippedAt: (no) => shippedAt.get(no) });
    opened.push(kuaidi100);
    const sms = DEMO_NOTIFY.sms;
    const notify = await startNotifyReceivers({ now, wecomKeys: [DEMO_NOTIFY.wecomKey], smsAccounts: { [sms.accessKeyId]: { accessKeySecret: sms.accessKeySecret, signNames: [sms.signName], templates: Object.fromEntries(Object.values(sms.templates).map((t) => [t.code, t.params])) } } });
    opened.push(notify);
    return {
      taobao,
      pinduoduo,
      douyin,
      kuaidi100,
      notify,
      partners: {
        gateways: { taobao: taobao.url, pinduoduo: pinduoduo.url, douyin: douyin.url },
        timeoutMs: 15_000,
        // The simulator has no rate limit: a fresh demo's parcels are all queried within a few minutes.
        logistics: { kuaidi100: { baseUrl: kuaidi100.url, ...DEMO_KUAIDI100 }, poll: { intervalMs: 15 * 60_000, batch: 1_000, perMinute: { kuaidi100: 5_000 } } },
      },
      merchants: (send) =>
        (['wechat', 'pos'] as const).map((channel) =>
          createMerchantBackend({ channel, shopId: shops[channel].id, secret: shops[channel].credentials.appSecret, stories: storiesOf[channel], seed: channelSeed(plan.seed, channel), now, send }),
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
