import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sfRouteQueryForm } from './adapter.js';
import { SF_DEFAULT_OPTIONS } from './config.js';
import { javaUrlEncode, sfMsgDigest } from './sign.js';

interface Vector { name: string; msgData: string; timestamp: string; checkWord: string; encoded: string; msgDigest: string }
// Computed by fixtures/gen-vectors.py with Python's hashlib (protocols.md §5.1), never by this code.
const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] };

describe('SF msgDigest (protocols.md §5.1)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches the Python vector: %s', (_n, v) => {
    expect(javaUrlEncode(v.msgData + v.timestamp + v.checkWord)).toBe(v.encoded);
    expect(sfMsgDigest(v.msgData, v.timestamp, v.checkWord)).toBe(v.msgDigest);
  });

  it('encodes like Java URLEncoder, not encodeURIComponent: space → +, ~ → %7E, * kept', () => {
    expect(javaUrlEncode('a b~c*d!')).toBe('a+b%7Ec*d%21');
  });

  it('builds the documented form: the same msgData string it signs, ms or s timestamps', () => {
    const v = vectors[0]!;
    const env = { fetch, now: () => 1717497731000, timeoutMs: 1000 };
    const config = { endpoint: 'x', credentials: { partnerId: 'P1', checkWord: v.checkWord }, options: SF_DEFAULT_OPTIONS, env };
    const form = sfRouteQueryForm(config, { carrier: 'SF', waybillNo: 'SF7444407228423' }, 'req-1');
    expect(form).toEqual({ partnerID: 'P1', requestID: 'req-1', serviceCode: 'EXP_RECE_SEARCH_ROUTES', timestamp: v.timestamp, msgDigest: v.msgDigest, msgData: v.msgData });
    const w = vectors[1]!;
    const secs = sfRouteQueryForm({ ...config, credentials: { partnerId: 'P1', checkWord: w.checkWord }, options: { ...SF_DEFAULT_OPTIONS, timestampUnit: 's' } }, { carrier: 'SF', waybillNo: 'SF1011603494291', phoneTail: '5514' });
    expect(secs.timestamp).toBe(w.timestamp);
    expect(secs.msgData).toBe(w.msgData);
    expect(secs.msgDigest).toBe(w.msgDigest);
  });
});
