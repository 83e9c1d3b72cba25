import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SignMethod } from './protocol.js';
import { signTopParams, topStringToSign } from './sign.js';

/** Computed by Python hashlib/hmac (fixtures/sign-vectors.py), not by this code. */
const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Array<{ name: string; secret: string; signMethod: SignMethod; params: Record<string, string>; stringToSign: string; sign: string }>;
};

describe('TOP signature (protocols.md §1.3) against independent Python vectors', () => {
  it('covers md5, hmac and hmac-sha256', () => {
    expect(new Set(vectors.map((v) => v.signMethod))).toEqual(new Set(['md5', 'hmac', 'hmac-sha256']));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(topStringToSign(v.params)).toBe(v.stringToSign);
    expect(signTopParams(v.params, v.secret, v.signMethod)).toBe(v.sign);
  });

  it('follows the doc example order and ignores an existing sign and empty values', () => {
    expect(topStringToSign({ foo: '1', bar: '2', foo_bar: '3', foobar: '4', sign: 'X', tag: '' })).toBe('bar2foo1foo_bar3foobar4');
  });

  it('is uppercase hex, 32 chars for the MD5 family', () => {
    const v = vectors.find((x) => x.signMethod === 'hmac')!;
    expect(signTopParams(v.params, v.secret, 'hmac')).toMatch(/^[0-9A-F]{32}$/);
    expect(signTopParams(v.params, `${v.secret}x`, 'hmac')).not.toBe(v.sign);
  });
});
