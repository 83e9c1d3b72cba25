/** The write-back call for a shop's channel (protocols.md §11); channels without one send nothing. */
import type { Channel } from '../../contract/orders.js';
import type { ShopContext } from '../types.js';
import { douyinWriteBack } from './douyin.js';
import { pinduoduoWriteBack } from './pinduoduo.js';
import { taobaoWriteBack } from './taobao.js';
import type { WaybillWriteBack, WriteBackOutcome } from './types.js';

export type { WaybillWriteBack, WriteBackMode, WriteBackOutcome } from './types.js';

export async function writeBackWaybill(channel: Channel, shop: ShopContext | null, request: WaybillWriteBack): Promise<WriteBackOutcome> {
  if (channel === 'wechat' || channel === 'pos' || !shop) {
    return { status: 'not-supported', message: `${channel} 订单没有平台回传接口，未发送 (the ${channel} channel has no write-back API; nothing was sent)` };
  }
  if (channel === 'taobao') return taobaoWriteBack(shop, request);
  if (channel === 'pinduoduo') return pinduoduoWriteBack(shop, request);
  return douyinWriteBack(shop, request);
}
