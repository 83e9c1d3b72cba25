/**
 * The order-push contract for channels whose orders come from the merchant's own backend (WeChat
 * mini-program, offline POS): POST /hooks/<channel> on the browser-console host, authenticated by an
 * HMAC-SHA256 signature with the shop's secret (not by a session), inside a replay window, and
 * idempotent on order id + update time through the normal ingestion path. Documented in the README.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, ORDER_STATUSES } from '../contract/orders.js';

export const PUSH_HEADERS = {
  shop: 'x-orderhub-shop',
  timestamp: 'x-orderhub-timestamp',
  nonce: 'x-orderhub-nonce',
  signature: 'x-orderhub-signature',
} as const;

/** A push older or newer than this (ms) is refused: a captured request cannot be replayed later. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
export const MAX_PUSH_BYTES = 5 * 1024 * 1024;
export const PUSH_CHANNELS = ['wechat', 'pos'] as const satisfies ReadonlyArray<(typeof CHANNELS)[number]>;

export function signMerchantPush(secret: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n`).update(body).digest('hex');
}

/** Remembers nonces for the replay window so the same request is accepted once. */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  useOnce(key: string, now: number): boolean {
    for (const [k, at] of this.seen) if (now - at > 2 * REPLAY_WINDOW_MS) this.seen.delete(k);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

export type PushCheck = { ok: true; shopId: string } | { ok: false; status: 400 | 401; message: string };

export function checkMerchantPush(headers: Record<string, string | undefined>, body: Buffer, secretOf: (shopId: string) => string | null, now: number, nonces: NonceCache): PushCheck {
  const shopId = headers[PUSH_HEADERS.shop];
  const timestamp = headers[PUSH_HEADERS.timestamp];
  const nonce = headers[PUSH_HEADERS.nonce];
  const signature = headers[PUSH_HEADERS.signature];
  if (!shopId || !timestamp || !nonce || !signature) return { ok: false, status: 401, message: `Missing one of the headers ${Object.values(PUSH_HEADERS).join(', ')}.` };
  if (!/^\d{13}$/.test(timestamp)) return { ok: false, status: 401, message: 'The timestamp must be Unix milliseconds (13 digits).' };
  if (Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_MS) return { ok: false, status: 401, message: 'The timestamp is outside the 5-minute replay window; check the sender clock.' };
  if (nonce.length < 16 || nonce.length > 64) return { ok: false, status: 401, message: 'The nonce must be 16–64 characters.' };
  const secret = secretOf(shopId);
  // An unknown shop and a wrong signature get the same answer: a stranger learns nothing.
  const expected = Buffer.from(signMerchantPush(secret ?? 'unknown-shop', timestamp, nonce, body), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (!secret || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, message: 'Invalid signature.' };
  if (!nonces.useOnce(`${shopId}:${nonce}`, now)) return { ok: false, status: 401, message: 'This nonce was already used (replayed request).' };
  return { ok: true, shopId };
}

const fen = z.number().int().min(0).max(1e12);

/** The body: money in integer fen, ids as strings, times as Unix milliseconds. */
export const pushBodySchema = z.object({
  orders: z
    .array(
      z.object({
        platformOrderId: z.string().min(1).max(64),
        status: z.enum(ORDER_STATUSES),
        platformStatus: z.string().max(64).optional(),
        buyerNick: z.string().max(128).optional(),
        receiver: z.object({ name: z.string().max(128), phone: z.string().max(32), province: z.string().max(64), city: z.string().max(64), district: z.string().max(64), address: z.string().max(512) }),
        amounts: z.object({ goodsFen: fen, platformDiscountFen: fen, sellerDiscountFen: fen, shippingFen: fen, paidFen: fen, platformFeeFen: fen }),
        createdAt: z.number().int().positive(),
        paidAt: z.number().int().positive().nullable().optional(),
        shipByAt: z.number().int().positive().nullable().optional(),
        updatedAt: z.number().int().positive(),
        tags: z.array(z.string().max(32)).max(20).optional(),
        buyerRemark: z.string().max(2000).optional(),
        sellerRemark: z.string().max(2000).optional(),
        lines: z.array(z.object({ platformItemId: z.string().max(64).optional(), platformSku: z.string().min(1).max(128), title: z.string().max(512), quantity: z.number().int().positive(), unitPriceFen: fen, amountFen: fen })).min(1).max(500),
        shipments: z.array(z.object({ carrier: z.string().min(1).max(32), waybillNo: z.string().min(1).max(64), shippedAt: z.number().int().positive() })).max(50).optional(),
      }),
    )
    .min(1)
    .max(500),
});
