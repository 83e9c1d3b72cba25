import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDouyinRequest } from './client.js';
import { canonicalParamJson, type ParamValue, signDouyinRequest, stringToSign } from './sign.js';

interface Vector {
  method: string;
  timestamp: string;
  params: Record<string, ParamValue>;
  paramJson: string;
  stringToSign: string;
  hmacSha256: string;
  md5: string;
}
// Computed by Python (hmac/hashlib/json.dumps sort_keys) — see the fixture's `command`.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as { appKey: string; appSecret: string; vectors: Vector[] };
const { appKey, appSecret } = fixture;

describe('抖店 request signing (protocols.md §3.2/§3.3) against independent Python vectors', () => {
  it.each(fixture.vectors.map((v) => [v.method, v] as const))('%s: canonical param_json, string to sign, HMAC-SHA256 and MD5', (_name, v) => {
    const paramJson = canonicalParamJson(v.params);
    expect(paramJson).toBe(v.paramJson);
    const input = { appKey, appSecret, method: v.method, paramJson, timestamp: v.timestamp };
    expect(stringToSign(input)).toBe(v.stringToSign);
    expect(signDouyinRequest(input)).toBe(v.hmacSha256);
    expect(signDouyinRequest(input, 'md5')).toBe(v.md5);
  });

  it('sorts keys at every level and leaves `/`, CJK and <>& unescaped; arrays keep their order', () => {
    expect(canonicalParamJson({ b: [{ z: 1, a: 2 }, 3], a: '龙/<&>', c: undefined })).toBe('{"a":"龙/<&>","b":[{"a":2,"z":1},3]}');
    expect(canonicalParamJson({})).toBe('{}');
  });

  it('puts the signed bytes on the wire: body = param_json, query = method, app_key, access_token, timestamp (unix s), v=2, sign, sign_method', () => {
    const v = fixture.vectors[0]!;
    const shop = {
      shopId: 'dy',
      credentials: { appKey, appSecret, accessToken: 'tok-1' },
      env: { baseUrl: 'https://openapi-fxg.jinritemai.com/', timeoutMs: 1000, now: () => Number(v.timestamp) * 1000 + 999, fetch },
    };
    const { url, body } = buildDouyinRequest(shop, v.method, v.params, 'hmac-sha256');
    expect(body).toBe(v.paramJson);
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://openapi-fxg.jinritemai.com/order/searchList');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      method: 'order.searchList',
      app_key: appKey,
      access_token: 'tok-1',
      timestamp: v.timestamp,
      v: '2',
      sign: v.hmacSha256,
      sign_method: 'hmac-sha256',
    });
  });
});
