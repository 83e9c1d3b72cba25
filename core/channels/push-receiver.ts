/**
 * Partner pushes arriving at /hooks/<partner>: authenticated by the partner's own signature, then
 * written through the same exactly-once ingestion as a pull. Answers are plain data the host sends.
 */
import type { Channel } from '../contract/orders.js';
import { DouyinPushReceiver } from './douyin-push-receiver.js';
import { ingestOrder } from '../orders/ingest.js';
import { parseJsonLossless } from './lossless-json.js';
import { checkMerchantPush, MAX_PUSH_BYTES, NonceCache, PUSH_CHANNELS, pushBodySchema } from './merchant-push.js';
import type { ChannelService } from './service.js';

export interface PushRequest {
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface PushAnswer {
  status: number;
  body: unknown;
}

const NAMES: Record<string, string> = { wechat: '微信小程序', pos: '门店 POS' };

export class PushReceiver {
  private readonly nonces = new NonceCache();
  private readonly douyin: DouyinPushReceiver;

  constructor(private readonly service: ChannelService) {
    this.douyin = new DouyinPushReceiver(service);
  }

  async receive(partner: string, request: PushRequest): Promise<PushAnswer> {
    if (partner === 'douyin') return this.douyin.receive(request.headers, request.body);
    if ((PUSH_CHANNELS as readonly string[]).includes(partner)) return this.merchantPush(partner as Channel, request);
    return { status: 404, body: { code: 404, message: `No push receiver for "${partner.slice(0, 40)}".` } };
  }

  private async merchantPush(channel: Channel, request: PushRequest): Promise<PushAnswer> {
    if (request.body.length > MAX_PUSH_BYTES) return { status: 413, body: { code: 413, message: 'The push is larger than 5 MB; send fewer orders per request.' } };
    const { clock, mutations } = this.service.deps;
    const check = checkMerchantPush(request.headers, request.body, (shopId) => this.secretOf(shopId, channel), clock.now(), this.nonces);
    if (!check.ok) return { status: check.status, body: { code: check.status, message: check.message } };
    let json: unknown;
    try {
      json = parseJsonLossless(request.body.toString('utf8'));
    } catch (err) {
      return { status: 400, body: { code: 400, message: `The body is not valid JSON: ${(err as Error).message}` } };
    }
    const parsed = pushBodySchema.safeParse(json);
    if (!parsed.success) {
      return { status: 400, body: { code: 400, message: 'The body does not match the order-push contract; nothing was written.', errors: parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message })) } };
    }
    const shopId = check.shopId;
    const source = `push:${channel}:${shopId}`;
    const results = await mutations.run({ type: 'platform', id: channel, name: NAMES[channel] ?? channel }, source, (w) =>
      parsed.data.orders.map((o) => {
        const { updatedAt, ...rest } = o;
        const outcome = ingestOrder(w, { ...rest, channel, shopId, platformModifiedAt: updatedAt, raw: { contentType: 'application/json', body: JSON.stringify(o) } });
        return { platformOrderId: o.platformOrderId, outcome: outcome.kind };
      }),
    );
    return { status: 200, body: { code: 0, message: 'ok', results } };
  }

  private secretOf(shopId: string, channel: Channel): string | null {
    const shop = this.service.shop(shopId);
    if (!shop || shop.channel !== channel || !shop.enabled) return null;
    try {
      return this.service.credentials(shopId).appSecret;
    } catch {
      return null;
    }
  }
}
