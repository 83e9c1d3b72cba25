/**
 * The merchant backend's side of the order-push contract (README "Order push for WeChat
 * mini-programs and POS"): X-OrderHub-Signature = hex(HMAC-SHA256(appSecret, timestamp + "\n" +
 * nonce + "\n" + body)). Written here from the README, not imported from core/, so that a signing
 * bug in the engine cannot hide by agreeing with itself (sandbox/README.md).
 */
import { createHmac } from 'node:crypto';
import { Rng } from '../common/rng.js';

export interface SignedHeaders {
  'content-type': string;
  'x-orderhub-shop': string;
  'x-orderhub-timestamp': string;
  'x-orderhub-nonce': string;
  'x-orderhub-signature': string;
}

const NONCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 24 characters (the contract allows 16–64), from the backend's own seeded stream. */
export function nextNonce(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 24; i++) out += NONCE_ALPHABET[Math.floor(rng.next() * NONCE_ALPHABET.length)];
  return out;
}

export function pushSignature(secret: string, timestamp: string, nonce: string, body: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(Buffer.from(`${timestamp}\n${nonce}\n${body}`, 'utf8'));
  return mac.digest('hex');
}

export function signedHeaders(shopId: string, secret: string, nowMs: number, nonce: string, body: string): SignedHeaders {
  const timestamp = String(Math.floor(nowMs)); // Unix milliseconds, 13 digits
  return {
    'content-type': 'application/json',
    'x-orderhub-shop': shopId,
    'x-orderhub-timestamp': timestamp,
    'x-orderhub-nonce': nonce,
    'x-orderhub-signature': pushSignature(secret, timestamp, nonce, body),
  };
}
