import { describe, expect, it } from 'vitest';
import { checkMerchantPush, NonceCache, signMerchantPush } from './merchant-push.js';

// Computed independently of this code:
// python3 -c "import hmac,hashlib;print(hmac.new(b'pos-secret-1',b'1764300000000\nnonce-0123456789ab\n{\"orders\":[]}',hashlib.sha256).hexdigest())"
const VECTOR = '03016c850cefb2f4d011ff70e16f84e5bc07280f4dcd2fa42d8a9c48bebbc385';
const T = 1764300000000;

const headers = (over: Record<string, string> = {}) => ({
  'x-orderhub-shop': 'pos-sh01',
  'x-orderhub-timestamp': String(T),
  'x-orderhub-nonce': 'nonce-0123456789ab',
  'x-orderhub-signature': VECTOR,
  ...over,
});
const body = Buffer.from('{"orders":[]}');
const secretOf = (shop: string) => (shop === 'pos-sh01' ? 'pos-secret-1' : null);

describe('merchant order-push signature', () => {
  it('matches the independently computed HMAC-SHA256 vector', () => {
    expect(signMerchantPush('pos-secret-1', String(T), 'nonce-0123456789ab', body)).toBe(VECTOR);
  });

  it('accepts a signed push once and refuses its replay', () => {
    const nonces = new NonceCache();
    expect(checkMerchantPush(headers(), body, secretOf, T + 1000, nonces)).toEqual({ ok: true, shopId: 'pos-sh01' });
    expect(checkMerchantPush(headers(), body, secretOf, T + 2000, nonces)).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/replayed/) });
  });

  it.each([
    ['a tampered body', headers(), Buffer.from('{"orders":[1]}'), T, /Invalid signature/],
    ['an unknown shop (same answer as a bad signature)', headers({ 'x-orderhub-shop': 'pos-xx' }), body, T, /Invalid signature/],
    ['a stale timestamp', headers(), body, T + 6 * 60_000, /replay window/],
    ['a seconds timestamp', headers({ 'x-orderhub-timestamp': '1764300000' }), body, T, /milliseconds/],
    ['a short nonce', headers({ 'x-orderhub-nonce': 'abc' }), body, T, /16–64/],
    ['a missing signature', { ...headers(), 'x-orderhub-signature': '' }, body, T, /Missing/],
  ])('refuses %s', (_name, h, b, now, message) => {
    expect(checkMerchantPush(h, b, secretOf, now, new NonceCache())).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(message) });
  });
});
