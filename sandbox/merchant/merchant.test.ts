import { describe, expect, it } from 'vitest';
import { generateStories } from '../common/story.js';
import { createMerchantBackend, type PushDelivery, pushSignature } from './index.js';

describe('merchant backend simulator', () => {
  it('signs like the README contract: HMAC-SHA256 over timestamp\\nnonce\\nbody (vector from Python hmac/hashlib)', () => {
    const body = '{"orders":[{"platformOrderId":"POS-SH01-20261128-000001","buyerNick":"王伟"}]}';
    expect(pushSignature('demo-pos-push-secret-abc', '1764300000000', 'nonce0123456789abcdefgh', body)).toBe('ee746a6f2b74f9f965a441b3d0a84d31aed7e47fd476efdc88847119978dc8af');
  });

  it('pushes the current state once, then only the events that happened since, in batches of at most 500', async () => {
    const start = Date.UTC(2026, 10, 1);
    const stories = generateStories({ seed: 5, count: 700, start, spanMs: 10 * 86_400_000 });
    let now = start + 5 * 86_400_000;
    const sent: PushDelivery[] = [];
    const backend = createMerchantBackend({ channel: 'wechat', shopId: 'wx-1', secret: 's3cret', stories, seed: 5, now: () => now, send: async (d) => (sent.push(d), { status: 200, body: { code: 0 } }) });
    const first = await backend.pushCurrent();
    const existing = stories.filter((s) => s.createdAt <= now).length;
    expect(first).toEqual({ orders: existing, requests: Math.ceil(existing / 500), refused: [] });
    const orders = sent.flatMap((d) => (JSON.parse(d.body) as { orders: Array<{ platformOrderId: string; updatedAt: number; amounts: { paidFen: number; goodsFen: number; platformDiscountFen: number; sellerDiscountFen: number; shippingFen: number } }> }).orders);
    expect(new Set(orders.map((o) => o.platformOrderId)).size).toBe(existing);
    for (const o of orders) expect(o.amounts.paidFen).toBe(o.amounts.goodsFen - o.amounts.platformDiscountFen - o.amounts.sellerDiscountFen + o.amounts.shippingFen);
    for (const d of sent) {
      expect(d.path).toBe('/hooks/wechat');
      expect(d.headers['x-orderhub-signature']).toBe(pushSignature('s3cret', d.headers['x-orderhub-timestamp'], d.headers['x-orderhub-nonce'], d.body));
    }
    expect(new Set(sent.map((d) => d.headers['x-orderhub-nonce'])).size).toBe(sent.length);

    sent.length = 0;
    expect(await backend.pushDue()).toMatchObject({ orders: 0, requests: 0 });
    now += 3_600_000;
    const due = stories.flatMap((s) => s.versions).filter((v) => v.at > now - 3_600_000 && v.at <= now).length;
    expect(due).toBeGreaterThan(0);
    expect((await backend.pushDue()).orders).toBe(due);
    const times = sent.flatMap((d) => (JSON.parse(d.body) as { orders: Array<{ updatedAt: number }> }).orders.map((o) => o.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('a POS ticket is pushed again only when its status changes at the till', async () => {
    const start = Date.UTC(2026, 10, 1);
    const stories = generateStories({ seed: 9, count: 300, start, spanMs: 86_400_000 });
    let now = start - 1;
    const pushed: Array<{ platformOrderId: string; status: string }> = [];
    const backend = createMerchantBackend({ channel: 'pos', shopId: 'pos-1', secret: 'x', stories, seed: 9, now: () => now, send: async (d) => (pushed.push(...(JSON.parse(d.body) as { orders: typeof pushed }).orders), { status: 200, body: {} }) });
    await backend.pushCurrent();
    now = start + 30 * 86_400_000;
    await backend.pushDue();
    const statuses = new Set(pushed.map((o) => o.status));
    expect([...statuses].every((s) => ['completed', 'cancelled', 'refunding', 'refunded'].includes(s))).toBe(true);
    const perOrder = new Map<string, number>();
    for (const o of pushed) perOrder.set(o.platformOrderId, (perOrder.get(o.platformOrderId) ?? 0) + 1);
    expect(perOrder.size).toBe(300);
    expect(pushed.length).toBeLessThan(300 * 1.5); // ship/deliver/complete events are not till events
  });
});
