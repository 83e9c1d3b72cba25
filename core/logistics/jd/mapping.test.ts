import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { josRequest, lopRequest, parseJosAnswer } from './adapter.js';
import { JD_DEFAULT_OPTIONS } from './config.js';
import { josSign, lopSign } from './sign.js';
import { JD_TITLES, mapJdTitle } from './titles.js';

const vectors = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  lop: { name: string; secret: string; accessToken: string; appKey: string; path: string; body: string; timestamp: string; sign: string }[];
  jos: { name: string; secret: string; params: Record<string, string>; sign: string }[];
};

describe('JD signatures (protocols.md §5.3)', () => {
  it.each(vectors.lop.map((v) => [v.name, v] as const))('LOP md5-salt matches the Python vector: %s', (_n, v) => {
    expect(lopSign({ accessToken: v.accessToken, appKey: v.appKey, path: v.path, body: v.body, timestamp: v.timestamp, v: '2.0' }, v.secret)).toBe(v.sign);
  });
  it.each(vectors.jos.map((v) => [v.name, v] as const))('JOS matches the Python vector: %s', (_n, v) => expect(josSign(v.params, v.secret)).toBe(v.sign));
  it('builds requests with the signed values it sends (Beijing timestamp)', () => {
    const v = vectors.lop[0]!;
    const now = Date.UTC(2024, 5, 4, 10, 42, 11);
    const config = { host: 'http://h', credentials: { appKey: v.appKey, appSecret: v.secret, accessToken: v.accessToken, customerCode: '010K139548' }, options: JD_DEFAULT_OPTIONS, env: { fetch, now: () => now, timeoutMs: 1 } };
    const lop = lopRequest(config, { carrier: 'JD', waybillNo: 'JDVA00001234567' });
    expect(lop.body).toBe(v.body);
    expect(new URL(lop.url).searchParams.get('sign')).toBe(v.sign);
    const j = vectors.jos[0]!;
    const jos = new URL(josRequest({ ...config, credentials: { ...config.credentials, appKey: j.params.app_key!, accessToken: j.params.access_token! } }, { carrier: 'JD', waybillNo: 'VA45306531675' }));
    expect(jos.searchParams.get('sign')).toBe(j.sign);
  });
});

describe('JD title table', () => {
  it.each(Object.entries(JD_TITLES))('%s → %s', (title, state) => expect(mapJdTitle(title)).toEqual({ state, partnerStatus: `jd:${title}` }));
  it('unknown titles are flagged; settings can add them', () => {
    expect(mapJdTitle('返回商家')).toEqual({ state: null, partnerStatus: 'jd:返回商家' });
    expect(mapJdTitle('返回商家', { 返回商家: 'RETURNING' }).state).toBe('RETURNING');
  });
  it('JOS answer: root "…_responce", "messsage", opeTime "yyyy/MM/dd HH:mm:ss" in Beijing time', () => {
    const text = JSON.stringify({ jingdong_ldop_receive_trace_get_responce: { code: '0', querytrace_result: { code: 100, messsage: '成功', data: [
      { opeTitle: '配送员收货', opeRemark: '配送员开始配送', opeName: '张三', opeTime: '2017/12/12 12:12:12', waybillCode: 'VA1' },
    ] } } });
    expect(parseJosAnswer(text, { options: JD_DEFAULT_OPTIONS }, 'VA1').events).toEqual([
      { occurredAt: Date.UTC(2017, 11, 12, 4, 12, 12), partnerStatus: 'jd:配送员收货', state: 'OUT_FOR_DELIVERY', description: '配送员开始配送', location: null },
    ]);
    expect(() => parseJosAnswer('{"error_response":{"code":"19","zh_desc":"无效的签名"}}', { options: { ...JD_DEFAULT_OPTIONS, errorKinds: { '19': 'auth' } } }, 'x')).toThrow(expect.objectContaining({ kind: 'auth' }));
  });
});
