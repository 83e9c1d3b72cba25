import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKuaidi100PushParser, formFields, KUAIDI100_PUSH_OK, kuaidi100RetryReply } from './push.js';

const FIXTURES = '/work/shared/fixtures/partners';
const SALT = 'test-salt';
// Independent of sign.ts: protocols.md §5.4 sign = UPPER(MD5(param + salt)).
const md5 = (x: string) => createHash('md5').update(x, 'utf8').digest('hex').toUpperCase();
const body = (param: string, sign = md5(param + SALT)) => ({ headers: {}, body: Buffer.from(new URLSearchParams({ sign, param }).toString()) });
const parse = createKuaidi100PushParser(() => SALT);

describe('Kuaidi100 push parser', () => {
  it('the real lastResult fixture, signed: one result, the required reply', () => {
    const param = readFileSync(`${FIXTURES}/kuaidi100-push-callback-lastresult-fixture.json`, 'utf8');
    const outcome = parse(body(param));
    expect(JSON.parse(outcome.reply.body)).toEqual({ result: true, returnCode: '200', message: '成功' });
    expect(outcome.reply.body).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    expect(outcome.reply.status).toBe(200);
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]).toMatchObject({ partner: 'kuaidi100', carrier: 'SF', waybillNo: 'V030344422', correctedCarrier: null, raw: param });
    expect(outcome.results[0]!.subscriptionEnded).toBeUndefined();
    expect(outcome.results[0]!.events.map((e) => e.description)).toEqual(['上海分拨中心/下车扫描', '上海分拨中心/装件入车扫描']);
  });

  it('a bad, missing or lower-case-forged signature is refused before anything is read', () => {
    const param = readFileSync(`${FIXTURES}/kuaidi100-push-callback-lastresult-fixture.json`, 'utf8');
    expect(() => parse(body(param, md5(`${param}other`)))).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(() => parse({ headers: {}, body: Buffer.from(new URLSearchParams({ param }).toString()) })).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(parse(body(param, md5(param + SALT).toLowerCase())).results).toHaveLength(1);
    expect(() => createKuaidi100PushParser(() => '')(body(param))).toThrow(/No Kuaidi100 salt/);
    expect(JSON.parse(kuaidi100RetryReply(401, 'bad').body)).toEqual({ result: false, returnCode: '500', message: 'bad' });
  });

  it('the doc example (malformed JSON as published) is refused as malformed, with our own valid sign', () => {
    const text = readFileSync(`${FIXTURES}/kuaidi100-push-callback-doc-example.txt`, 'utf8');
    const param = text.slice(text.indexOf('param=') + 'param='.length);
    expect(() => parse(body(param))).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => parse({ headers: {}, body: Buffer.from('sign=x') })).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => parse(body('{"status":"polling"}'))).toThrow(/no lastResult/);
  });

  it('the doc example repaired: autoCheck comOld → comNew is a correction; shutdown and abort end the subscription', () => {
    const last = { message: 'ok', state: '0', status: '200', condition: 'F00', ischeck: '0', com: 'yuantong', nu: 'V030344422', data: [
      { context: '上海分拨中心出库', time: '2012-08-28 16:33:19', ftime: '2012-08-28 16:33:19', status: '在途', areaCode: '310000000000', areaName: '上海市' },
      { context: '上海分拨中心入库', time: '2012-08-27 23:22:42', ftime: '2012-08-27 23:22:42', status: '在途', areaCode: '310000000000', areaName: '上海市' },
    ] };
    const corrected = parse(body(JSON.stringify({ status: 'polling', billstatus: 'got', message: '', autoCheck: '1', comOld: 'yuantong', comNew: 'ems', lastResult: last })));
    expect(corrected.results[0]).toMatchObject({ carrier: 'EMS', correctedCarrier: { from: 'YTO', to: 'EMS' } });
    const shutdown = parse(body(JSON.stringify({ status: 'shutdown', message: '', lastResult: last })));
    expect(shutdown.results[0]!.subscriptionEnded).toEqual({ reason: 'shutdown' });
    const abort = parse(body(JSON.stringify({ status: 'abort', message: '3天查询无记录', lastResult: { ...last, data: [] } })));
    expect(abort.results[0]).toMatchObject({ subscriptionEnded: { reason: 'abort: 3天查询无记录' }, events: [] });
    expect(KUAIDI100_PUSH_OK).toEqual({ result: true, returnCode: '200', message: '成功' });
  });

  it('form fields: + is a space, the first of a repeated field wins, bad escapes are malformed', () => {
    expect(formFields('a=1+2&b=%E5%BF%AB&a=3&c')).toEqual({ a: '1 2', b: '快', c: '' });
    expect(() => formFields('param=%E5%')).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});
