/**
 * The demo's shops: one per channel, with sandbox credentials that the simulators accept. Derived
 * from the seed, so a restarted demo finds its simulators accepting the credentials it stored.
 */
import type { DemoChannel } from './plan.js';

export interface DemoShop {
  id: string;
  channel: DemoChannel;
  name: string;
  credentials: { appKey: string; appSecret: string; accessToken?: string; platformShopId?: string };
}

export function demoShops(seed: number): Record<DemoChannel, DemoShop> {
  const tag = (seed >>> 0).toString(36);
  return {
    taobao: { id: 'demo-taobao', channel: 'taobao', name: '演示·淘宝旗舰店', credentials: { appKey: '23000001', appSecret: `demo-top-secret-${tag}`, accessToken: `6100demo${tag}session` } },
    pinduoduo: { id: 'demo-pinduoduo', channel: 'pinduoduo', name: '演示·拼多多店', credentials: { appKey: `demo-pdd-client-${tag}`, appSecret: `demo-pdd-secret-${tag}`, accessToken: `demo-pdd-token-${tag}` } },
    douyin: { id: 'demo-douyin', channel: 'douyin', name: '演示·抖店', credentials: { appKey: `7000demo${tag}`, appSecret: `demo-douyin-secret-${tag}`, accessToken: `demo-douyin-token-${tag}`, platformShopId: '4463798' } },
    wechat: { id: 'demo-wechat', channel: 'wechat', name: '演示·微信小程序', credentials: { appKey: 'demo-wechat', appSecret: `demo-wechat-push-secret-${tag}` } },
    pos: { id: 'demo-pos', channel: 'pos', name: '演示·门店 POS（上海静安）', credentials: { appKey: 'demo-pos', appSecret: `demo-pos-push-secret-${tag}` } },
  };
}
