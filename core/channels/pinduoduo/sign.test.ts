import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShopContext } from '../types.js';
import { signedParams } from './client.js';
import { pddSignBase, signPddParams, wireValue } from './sign.js';

interface Vector {
  name: string;
  secret: string;
  params: Record<string, string>;
  base: string;
  sign: string;
}
// Computed independently with Python's hashlib; the command is in the fixture (protocols.md §2.3).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as { command: string; vectors: Vector[] };

describe('POP signature (protocols.md §2.3)', () => {
  it('has vectors that came from the documented command', () => {
    expect(fixture.command).toMatch(/^python3 -c .*hashlib\.md5/s);
    expect(fixture.vectors.length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixture.vectors.map((v) => [v.name, v] as const))('matches the Python vector: %s', (_name, v) => {
    expect(pddSignBase(v.params, v.secret)).toBe(v.base);
    expect(signPddParams(v.params, v.secret)).toBe(v.sign);
    expect(signPddParams(v.params, v.secret)).toMatch(/^[0-9A-F]{32}$/); // UPPERCASE hex (§0)
  });

  it('signs the same strings it sends: numbers, booleans and objects become wire strings once', () => {
    expect(wireValue(100)).toBe('100');
    expect(wireValue(true)).toBe('true');
    expect(wireValue({ a: [1, 2], b: 'c' })).toBe('{"a":[1,2],"b":"c"}');
    const v = fixture.vectors[0]!;
    const shop: ShopContext = {
      shopId: 's1',
      credentials: { appKey: v.params.client_id!, appSecret: v.secret, accessToken: v.params.access_token },
      env: { baseUrl: 'http://127.0.0.1:1/api/router', timeoutMs: 1000, now: () => Number(v.params.timestamp) * 1000 + 999, fetch },
    };
    const business = { start_updated_at: 1699998000, end_updated_at: 1699999800, page: 1, page_size: 100, use_has_next: true, order_status: 5, refund_status: 5, is_lucky_flag: 0 };
    const params = signedParams(shop, v.params.type!, business);
    expect(params).toEqual({ ...v.params, sign: v.sign }); // common params of §2.2, timestamp in SECONDS
  });
});
