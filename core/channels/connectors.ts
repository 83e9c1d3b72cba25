/**
 * The connector of each channel that is pulled from a platform API (WeChat and POS push instead),
 * and per-shop variants: the platform field that becomes the platform SKU is a shop setting.
 */
import type { Channel } from '../contract/orders.js';
import { createDouyinConnector } from './douyin/index.js';
import { createPinduoduoConnector } from './pinduoduo/index.js';
import { createTaobaoConnector } from './taobao/index.js';
import type { ChannelConnector } from './types.js';

export const PULLED_CHANNELS = ['taobao', 'pinduoduo', 'douyin'] as const satisfies readonly Channel[];

/** Platform-specific defaults for a new shop (Pinduoduo asks increment windows to end ≥ 3 min ago, protocols.md §2.5). */
export const CHANNEL_SAFETY_LAG_MS: Partial<Record<Channel, number>> = { pinduoduo: 180_000 };

export function createConnector(channel: Channel, skuField?: string): ChannelConnector | undefined {
  switch (channel) {
    case 'taobao':
      return createTaobaoConnector(skuField ? { skuField: skuField as 'outer_sku_id' } : {});
    case 'pinduoduo':
      return createPinduoduoConnector(skuField ? { skuField: skuField as 'outer_id' } : {});
    case 'douyin':
      return createDouyinConnector(skuField ? { skuField: skuField as 'out_sku_id' } : {});
    default:
      return undefined;
  }
}

export function createConnectors(): Partial<Record<Channel, ChannelConnector>> {
  const out: Partial<Record<Channel, ChannelConnector>> = {};
  for (const channel of PULLED_CHANNELS) out[channel] = createConnector(channel);
  return out;
}

/** Caches one connector per channel and SKU field. */
export class ConnectorCache {
  private readonly cache = new Map<string, ChannelConnector | undefined>();
  get(channel: Channel, skuField?: string): ChannelConnector | undefined {
    const key = `${channel}:${skuField ?? ''}`;
    if (!this.cache.has(key)) this.cache.set(key, createConnector(channel, skuField));
    return this.cache.get(key);
  }
}
