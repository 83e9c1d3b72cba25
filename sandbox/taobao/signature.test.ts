import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalTopString, expectedTopSign, type TopSignMethod, topSignatureMatches } from './signature.js';

// The vectors live with the connector's fixtures but were computed by Python (see their README):
// both sides are held to the same third party, never to each other.
const vectorsUrl = new URL('../../core/channels/taobao/fixtures/sign-vectors.json', import.meta.url);
const { vectors } = JSON.parse(readFileSync(vectorsUrl, 'utf8')) as {
  vectors: Array<{ name: string; secret: string; signMethod: TopSignMethod; params: Record<string, string>; stringToSign: string; sign: string }>;
};

describe('simulator signature check against independent Python vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const form = new Map(Object.entries({ ...v.params, sign: v.sign }));
    expect(canonicalTopString(form).toString('utf8')).toBe(v.stringToSign);
    expect(expectedTopSign(form, v.secret, v.signMethod)).toBe(v.sign);
    expect(topSignatureMatches(form, v.secret, v.signMethod)).toBe(true);
  });

  it('rejects a wrong secret, a tampered value and a lowercase sign', () => {
    const v = vectors.find((x) => x.signMethod === 'md5' && x.params.method)!;
    const form = new Map(Object.entries({ ...v.params, sign: v.sign }));
    expect(topSignatureMatches(form, `${v.secret}!`, 'md5')).toBe(false);
    expect(topSignatureMatches(new Map([...form, ['page_no', '2']]), v.secret, 'md5')).toBe(false);
    expect(topSignatureMatches(new Map([...form, ['sign', v.sign.toLowerCase()]]), v.secret, 'md5')).toBe(false);
  });

  it('survives form encoding: the check runs over the decoded values', () => {
    const v = vectors.find((x) => x.signMethod === 'hmac' && x.params.method)!;
    const wire = new URLSearchParams({ ...v.params, sign: v.sign }).toString();
    expect(topSignatureMatches(new Map(new URLSearchParams(wire)), v.secret, 'hmac')).toBe(true);
  });
});
