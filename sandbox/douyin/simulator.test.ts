import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { versionAt } from '../common/story.js';
import { type DouyinSimulator, startDouyinSimulator } from './index.js';
import { canonical } from './json-text.js';
import { expectedSign, pushEventSign } from './signature.js';

// Python-computed vectors (hmac/hashlib/json.dumps sort_keys), shared with the connector's tests as data only.
const fixture = JSON.parse(readFileSync(new URL('../../core/channels/douyin/fixtures/sign-vectors.json', import.meta.url), 'utf8')) as {
  appKey: string;
  appSecret: string;
  vectors: Array<{ method: string; timestamp: string; params: unknown; paramJson: string; hmacSha256: string; md5: string }>;
};
const { appKey, appSecret } = fixture;
const START = Date.UTC(2026, 10, 10, 16);
let sim: DouyinSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(seed = 3, knobs = {}) {
  sim = await startDouyinSimulator({ seed, orders: 80, start: START, spanMs: 6 * 3600_000, apps: { [appKey]: { secret: appSecret, tokens: ['tok'] } }, knobs, now: () => START + 48 * 3600_000 });
  return sim;
}

/** A raw gateway call; `sign` defaults to the simulator's own computation over `body`. */
async function call(s: DouyinSimulator, method: string, body: string, opts: { timestamp?: string; sign?: string; signMethod?: string; oldEnvelope?: boolean } = {}) {
  const timestamp = opts.timestamp ?? String(Math.floor((START + 48 * 3600_000) / 1000));
  const signMethod = opts.signMethod ?? 'hmac-sha256';
  const sign = opts.sign ?? expectedSign(appSecret, { appKey, method, paramJson: body, timestamp, v: '2' }, signMethod)!;
  const q = new URLSearchParams({ method, app_key: appKey, access_token: 'tok', timestamp, v: '2', sign, sign_method: signMethod });
  const res = await fetch(`${s.url}/${method.split('.').join('/')}?${q}`, { method: 'POST', body, headers: opts.oldEnvelope ? {} : { 'x-open-no-old-err-code': '1' } });
  const text = await res.text();
  return { text, json: JSON.parse(text) as { code: number; sub_code: string; err_no?: number; data: { total?: number } } };
}

describe('the gateway signature check (protocols.md §3.2/§3.3)', () => {
  it.each(fixture.vectors.map((v) => [v.method, v] as const))('%s: own canonicalisation and signer agree with Python', (_m, v) => {
    expect(canonical(JSON.stringify(v.params))).toBe(v.paramJson);
    const input = { appKey, method: v.method, paramJson: v.paramJson, timestamp: v.timestamp, v: '2' };
    expect(expectedSign(appSecret, input, 'hmac-sha256')).toBe(v.hmacSha256);
    expect(expectedSign(appSecret, input, 'md5')).toBe(v.md5);
  });

  it('accepts the Python-signed requests over HTTP (unix-seconds and datetime timestamps, hmac and md5)', async () => {
    const s = await start();
    const [search, detail] = fixture.vectors;
    expect((await call(s, search!.method, search!.paramJson, { timestamp: search!.timestamp, sign: search!.hmacSha256 })).json.code).toBe(10000);
    const byMd5 = await call(s, detail!.method, detail!.paramJson, { timestamp: detail!.timestamp, sign: detail!.md5, signMethod: 'md5' });
    expect(byMd5.json.sub_code).toBe('isv.business-failed:60033'); // signature passed; the order does not exist
  });

  it('refuses a wrong signature and a param_json that is not canonical, with the real envelope', async () => {
    const s = await start();
    const v = fixture.vectors[0]!;
    const wrong = await call(s, v.method, v.paramJson, { timestamp: v.timestamp, sign: v.hmacSha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) });
    expect(wrong.json).toMatchObject({ code: 40003, msg: '非法参数', sub_code: 'isv.signature-invalid' });
    const unsorted = JSON.stringify(v.params);
    const notCanonical = await call(s, v.method, unsorted, { timestamp: v.timestamp });
    expect(notCanonical.json.sub_code).toBe('isv.signature-invalid');
    expect(s.stats.rejected.signature).toBe(2);
  });
});

describe('order data on the wire', () => {
  it('renders 19-digit string order ids, bare 19-digit product ids, fen integers; deterministic from the seed', async () => {
    const body = '{"order_asc":true,"order_by":"create_time","page":0,"size":100}';
    const a = (await call(await start(3), 'order.searchList', body)).text;
    await sim!.close();
    const b = (await call(await start(3), 'order.searchList', body)).text;
    await sim!.close();
    const c = (await call(await start(4), 'order.searchList', body)).text;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a).toMatch(/"order_id":"(69|50)\d{17}"/);
    expect(a).toMatch(/"product_id":34\d{17},/);
    expect(a).not.toMatch(/"pay_amount":\d+\.\d/);
  });

  it('includes both ends of a time range (whole seconds) and refuses a window over the limit', async () => {
    const s = await start(3, { maxWindowMs: 3600_000 });
    const story = s.stories[0]!;
    const t = Math.floor(versionAt(story, START + 48 * 3600_000)!.at / 1000);
    const hit = await call(s, 'order.searchList', `{"page":0,"size":100,"update_time_end":${t},"update_time_start":${t}}`);
    expect(hit.text).toContain(`"order_id":"${s.orderId(story)}"`);
    const tooLong = await call(s, 'order.searchList', `{"page":0,"size":100,"update_time_end":${t + 3601},"update_time_start":${t}}`);
    expect(tooLong.json).toMatchObject({ code: 40004, sub_code: 'isv.parameter-invalid:update_time' });
  });

  it('answers the old envelope (err_no/message) when the SDK header is absent', async () => {
    const s = await start();
    const old = await call(s, 'order.searchList', '{"page":0,"size":1}', { oldEnvelope: true });
    expect(old.json).toMatchObject({ code: 10000, err_no: 0 });
  });

  it('signs pushes with md5(app_key + body + secret) (§12.2 vector)', () => {
    expect(pushEventSign('app', '[{"tag":"106","msg_id":"m1","data":"{\\"p_id\\":1,\\"order_status\\":4}"}]', 'secret')).toBe('19f1dec49ceb705bfe2730128019c276');
  });
});

describe('independence', () => {
  it('never imports core/ (its checks must not agree with the engine by sharing code)', () => {
    const dir = new URL('./', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const imports = [...readFileSync(new URL(file, dir), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      expect(imports.filter((i) => i.includes('core/')), file).toEqual([]);
    }
  });
});
