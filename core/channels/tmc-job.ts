/**
 * Taobao TMC consumption (protocols.md §12.1, HTTP polling flavour): messages about cancellations,
 * refunds before shipment and address changes name a tid; TMC content is only a notification, so
 * the trade is re-read with taobao.trade.fullinfo.get and written through the same exactly-once
 * path as a pull. Messages are confirmed only after the write, so a crash means redelivery, not loss.
 */
import { confirmTmcMessages, consumeTmcMessages, type TaobaoConnector, tidsToReread } from './taobao/index.js';
import type { ChannelService } from './service.js';
import type { ShopRow } from './sync/shops-repo.js';

export async function consumeTaobaoMessages(service: ChannelService, shop: ShopRow): Promise<{ messages: number; trades: number }> {
  const connector = service.connector('taobao') as TaobaoConnector | undefined;
  if (!connector || shop.channel !== 'taobao') return { messages: 0, trades: 0 };
  const context = service.storedContext(shop);
  const messages = await consumeTmcMessages(context, {});
  if (messages.length === 0) return { messages: 0, trades: 0 };
  const tids = tidsToReread(messages);
  if (tids.length > 0) {
    const page = await connector.fetchTrades(context, tids);
    await service.runner.writePushedPage(shop, page, `tmc:taobao:${shop.id}`);
  }
  await confirmTmcMessages(context, messages.map((m) => m.id));
  return { messages: messages.length, trades: tids.length };
}
