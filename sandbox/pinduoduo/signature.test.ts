import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedPddSign, signatureMatches } from './signature.js';

// The same Python-computed vectors the connector's signer is tested with (protocols.md §2.3); read as
// data, so the simulator still shares no code with core/.
const fixture = JSON.parse(readFileSync(new URL('../../core/channels/pinduoduo/fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Array<{ name: string; secret: string; params: Record<string, string>; sign: string }>;
};

describe("the simulator's own signature check", () => {
  it.each(fixture.vectors.map((v) => [v.name, v] as const))('accepts the Python vector: %s', (_name, v) => {
    const params = new Map(Object.entries(v.params));
    expect(expectedPddSign(params, v.secret)).toBe(v.sign);
    params.set('sign', v.sign);
    expect(signatureMatches(params, v.secret)).toBe(true);
  });

  it('rejects a lower-case hex signature, a changed value and a wrong secret', () => {
    const v = fixture.vectors[0]!;
    const params = new Map(Object.entries({ ...v.params, sign: v.sign.toLowerCase() }));
    expect(signatureMatches(params, v.secret)).toBe(false);
    params.set('sign', v.sign);
    expect(signatureMatches(params, `${v.secret}x`)).toBe(false);
    params.set('page', '2');
    expect(signatureMatches(params, v.secret)).toBe(false);
  });
});
