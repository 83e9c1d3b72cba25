/**
 * /hooks/douyin: Douyin message pushes (protocols.md §12.2). The push only says that an order changed
 * (cancelled, refund before shipment, address changed…); the order is re-read with order.orderDetail
 * and written through the same exactly-once path as a pull. Answers use Douyin's reply shape.
 */
import { type DouyinConnector, DouyinPushDeduper, verifyDouyinPush } from './douyin/index.js';
import type { ChannelService } from './service.js';
import { listShops } from './sync/shops-repo.js';

export interface DouyinPushAnswer {
  status: number;
  body: { code: number; msg: string };
}

export class DouyinPushReceiver {
  private readonly deduper = new DouyinPushDeduper();

  constructor(private readonly service: ChannelService) {}

  async receive(headers: Record<string, string | undefined>, body: Buffer): Promise<DouyinPushAnswer> {
    // Each Douyin shop of ours may belong to its own app: the one whose secret verifies the push owns it.
    for (const shop of listShops(this.service.deps.db)) {
      if (shop.channel !== 'douyin' || !shop.enabled) continue;
      const credentials = this.service.credentials(shop.id);
      const verdict = verifyDouyinPush(headers, body, { appKey: credentials.appKey, appSecret: credentials.appSecret });
      if (!verdict.ok && verdict.reason === 'signature') continue;
      if (!verdict.ok) return { status: verdict.httpStatus, body: verdict.reply };
      const fresh = verdict.events.filter((e) => e.orderId && this.deduper.firstSeen(e));
      const orderIds = [...new Set(fresh.map((e) => e.orderId!))];
      if (orderIds.length === 0) return { status: 200, body: verdict.reply };
      const connector = this.service.connector('douyin') as DouyinConnector;
      try {
        const page = await connector.fetchOrders(this.service.storedContext(shop), orderIds);
        await this.service.runner.writePushedPage(shop, page, `push:douyin:${shop.id}`);
      } catch (err) {
        // A non-zero code makes Douyin deliver the message again later (§12.2).
        for (const e of fresh) this.deduper.forget(e);
        return { status: 200, body: { code: 50000, msg: `could not re-read the orders: ${err instanceof Error ? err.message : String(err)}` } };
      }
      return { status: 200, body: verdict.reply };
    }
    return { status: 401, body: { code: 40001, msg: 'event-sign does not match any Douyin shop of this console' } };
  }
}
