import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aliyunSignature, aliyunStringToSign, aliyunTimestamp, canonicalQuery, percentEncode } from './aliyun-sign.js';
import { dingtalkSignature, signedDingtalkUrl } from './dingtalk-sign.js';

/** Computed by Python hmac/hashlib/urllib (fixtures/sign-vectors.py), the DingTalk one also checked with `openssl dgst`. */
const vectors = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  dingtalk: Array<{ name: string; timestamp: string; secret: string; base64: string; sign: string }>;
  aliyun: Array<{ name: string; params: Record<string, string>; accessKeySecret: string; canonical: string; stringToSign: string; signature: string }>;
};

describe('DingTalk 加签 (protocols.md §6.2) against independent vectors', () => {
  it.each(vectors.dingtalk.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(dingtalkSignature(v.timestamp, v.secret)).toBe(v.sign);
    expect(decodeURIComponent(dingtalkSignature(v.timestamp, v.secret))).toBe(v.base64);
  });

  it('appends timestamp and the URL-encoded sign to the webhook URL', () => {
    const v = vectors.dingtalk[0]!;
    const url = new URL(signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', v.secret, Number(v.timestamp)));
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(v.timestamp);
    expect(url.searchParams.get('sign')).toBe(v.base64); // decoded once by URLSearchParams, as the robot does
  });

  it('a different timestamp or secret gives a different sign', () => {
    const v = vectors.dingtalk[0]!;
    expect(dingtalkSignature(Number(v.timestamp) + 1, v.secret)).not.toBe(v.sign);
    expect(dingtalkSignature(v.timestamp, `${v.secret}x`)).not.toBe(v.sign);
  });
});

describe('Aliyun RPC signature v1 (protocols.md §7) against independent vectors', () => {
  it.each(vectors.aliyun.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(canonicalQuery(v.params)).toBe(v.canonical);
    expect(aliyunStringToSign(v.params)).toBe(v.stringToSign);
    expect(aliyunStringToSign(v.params).startsWith('GET&%2F&')).toBe(true);
    expect(aliyunSignature(v.params, v.accessKeySecret)).toBe(v.signature);
  });

  it('percent-encodes the way §7 says: space %20, * %2A, ~ kept, + %2B', () => {
    expect(percentEncode('a b*c~d+e/f')).toBe('a%20b%2Ac~d%2Be%2Ff');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('订单')).toBe('%E8%AE%A2%E5%8D%95');
  });

  it('ignores a Signature already in the params and formats the timestamp without milliseconds', () => {
    const v = vectors.aliyun[0]!;
    expect(aliyunSignature({ ...v.params, Signature: 'x' }, v.accessKeySecret)).toBe(v.signature);
    expect(aliyunTimestamp(Date.UTC(2026, 10, 28, 2, 0, 0, 789))).toBe('2026-11-28T02:00:00Z');
  });
});
