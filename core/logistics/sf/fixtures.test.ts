import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSfBusiness, parseSfRouteAnswer } from './adapter.js';
import { SF_DEFAULT_OPTIONS } from './config.js';
import { createSfPushParser, SF_PUSH_REPLY_JSON_OK, SF_PUSH_REPLY_XML_OK } from './push.js';

const read = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const at = (s: string): number => Date.parse(s.replace(' ', 'T') + '+08:00');
const config = { options: SF_DEFAULT_OPTIONS };
const parse = createSfPushParser({ pushToken: null, statusNames: {} });

describe('SF real samples (shared/fixtures/partners)', () => {
  const expectedPush = [
    { occurredAt: at('2020-05-11 16:56:54'), partnerStatus: 'sf:50', state: 'PICKED_UP', description: '顺丰速运 已收取快件', location: '深圳市', partnerEventId: '158918741444476' },
    { occurredAt: at('2020-05-11 16:56:54'), partnerStatus: 'sf:31', state: 'IN_TRANSIT', description: '快件到达 【郑州园博中转场】', location: '郑州市', partnerEventId: '158918741457126' },
  ];

  it('JSON route push: both routes, same acceptTime told apart by id, Beijing time → UTC ms, JSON ack', () => {
    const body = read('sf-route-push-request.json');
    const out = parse({ headers: { 'content-type': 'application/json;charset=UTF-8' }, body: Buffer.from(body) });
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ partner: 'sf', carrier: 'SF', waybillNo: 'SF7444400031887', raw: body });
    expect(out.results[0]!.events).toEqual(expectedPush);
    expect(expectedPush[0]!.occurredAt).toBe(Date.UTC(2020, 4, 11, 8, 56, 54));
    expect(JSON.parse(out.reply.body)).toEqual(JSON.parse(SF_PUSH_REPLY_JSON_OK));
  });

  it('XML route push as SF sends it (form field content=<URL-encoded XML>) gives the same events and the XML ack', () => {
    const xml = read('sf-route-push-request.xml');
    const out = parse({ headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: Buffer.from(new URLSearchParams({ content: xml }).toString()) });
    expect(out.results[0]!.events).toEqual(expectedPush);
    expect(out.results[0]!.raw).toBe(xml);
    expect(out.reply.body).toBe(SF_PUSH_REPLY_XML_OK);
  });

  it('karrio route query result (msgData as an object): 50 then 80', () => {
    const text = read('sf-route-query-response-karrio.json');
    const r = parseSfBusiness(JSON.parse(text) as Record<string, unknown>, text, config, 'SF1011603494291');
    expect(r.events.map((e) => [e.occurredAt, e.partnerStatus, e.state, e.description, e.location])).toEqual([
      [Date.UTC(2019, 4, 9, 2, 11, 26), 'sf:50', 'PICKED_UP', '已派件', '深圳'],
      [Date.UTC(2019, 4, 9, 10, 11, 26), 'sf:80', 'DELIVERED', '已签收', '深圳'],
    ]);
  });

  it('the same result wrapped as the real gateway does (apiResultData a JSON string inside A1000)', () => {
    const inner = read('sf-route-query-response-karrio.json');
    const wire = JSON.stringify({ apiErrorMsg: '', apiResponseID: '000173744CA0EE3FEFF1EEFC90D1E13F', apiResultCode: 'A1000', apiResultData: inner });
    const r = parseSfRouteAnswer(wire, config, 'SF1011603494291');
    expect(r.events.map((e) => e.state)).toEqual(['PICKED_UP', 'DELIVERED']);
    expect(r.raw).toBe(wire);
  });

  it('gateway and business failures are CarrierErrors with SF\'s own code; broken JSON is malformed', () => {
    const gw = JSON.stringify({ apiErrorMsg: '验证数字签名失败', apiResultCode: 'A1006', apiResultData: null });
    expect(() => parseSfRouteAnswer(gw, config, 'x')).toThrow(expect.objectContaining({ kind: 'auth', partner: expect.objectContaining({ code: 'A1006' }) }));
    const biz = JSON.stringify({ apiResultCode: 'A1000', apiResultData: JSON.stringify({ success: false, errorCode: '8152', errorMsg: '查询不到路由' }) });
    expect(() => parseSfRouteAnswer(biz, config, 'x')).toThrow(expect.objectContaining({ kind: 'permanent', partner: expect.objectContaining({ code: '8152' }) }));
    expect(() => parseSfRouteAnswer(biz, { options: { ...SF_DEFAULT_OPTIONS, businessErrorKinds: { '8152': 'not-found' } } }, 'x')).toThrow(expect.objectContaining({ kind: 'not-found' }));
    expect(() => parseSfRouteAnswer('{"apiResultCode":"A1000","apiResultData":"{\\"success\\":tru', config, 'x')).toThrow(expect.objectContaining({ kind: 'malformed' }));
    const badTime = JSON.stringify({ apiResultCode: 'A1000', apiResultData: JSON.stringify({ success: true, errorCode: 'S0000', msgData: { routeResps: [{ mailNo: 'x', routes: [{ acceptTime: '2024-02-30 10:00:00', opCode: '50' }] }] } }) });
    expect(() => parseSfRouteAnswer(badTime, config, 'x')).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('push token: refused without it or with a wrong one, accepted with it; malformed bodies are errors', () => {
    const guarded = createSfPushParser({ pushToken: 's3cret', statusNames: {} });
    const body = Buffer.from(read('sf-route-push-request.json'));
    const headers = { 'content-type': 'application/json' };
    expect(() => guarded({ headers, body })).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(() => guarded({ headers, body, url: '/hooks/sf?token=wrong!' })).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(guarded({ headers, body, url: '/hooks/sf?token=s3cret' }).results).toHaveLength(1);
    expect(() => parse({ headers, body: Buffer.from('{"Body":{') })).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => parse({ headers: {}, body: Buffer.from('content=%3CRequest%3E') })).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});
