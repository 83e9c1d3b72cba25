/** The connector of each channel that is pulled from a platform API (WeChat and POS push instead). */
import type { Channel } from '../contract/orders.js';
import type { ChannelConnector } from './types.js';

export function createConnectors(): Partial<Record<Channel, ChannelConnector>> {
  return {};
}
