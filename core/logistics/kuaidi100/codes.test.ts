import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KUAIDI100_STATUS_TABLE, kuaidi100Key, mapKuaidi100MainState, mapKuaidi100Status } from './codes.js';
import { beijingTime, parseQueryResponse, trailEvents } from './wire.js';
import { KUAIDI100_ERROR_KINDS } from './config.js';

const FIXTURES = '/work/shared/fixtures/partners';

/** Every row, stated independently of the table (protocols.md §5.4 + issue 4's taxonomy). */
const EXPECTED: Record<string, string> = {
  '0': 'IN_TRANSIT', '1': 'PICKED_UP', '2': 'EXCEPTION', '3': 'DELIVERED', '4': 'RETURNED', '5': 'OUT_FOR_DELIVERY',
  '6': 'RETURNING', '7': 'REROUTED_CUSTOMS', '8': 'REROUTED_CUSTOMS', '10': 'REROUTED_CUSTOMS', '11': 'REROUTED_CUSTOMS',
  '12': 'REROUTED_CUSTOMS', '13': 'REROUTED_CUSTOMS', '14': 'RETURNED',
  '1/101': 'AWAITING_PICKUP', '1/102': 'AWAITING_PICKUP', '1/103': 'PICKED_UP',
  '0/1001': 'ARRIVED_DEST_CITY', '0/1002': 'IN_TRANSIT', '0/1003': 'IN_TRANSIT',
  '5/501': 'AVAILABLE_FOR_PICKUP',
  '3/301': 'DELIVERED', '3/302': 'DELIVERED', '3/303': 'DELIVERED', '3/304': 'DELIVERED',
  '4/401': 'RETURNED',
  '2/201': 'EXCEPTION', '2/202': 'EXCEPTION', '2/203': 'RETURNED', '2/204': 'DELIVERY_FAILED', '2/205': 'EXCEPTION',
  '2/206': 'DELIVERY_FAILED', '2/207': 'EXCEPTION', '2/208': 'EXCEPTION', '2/209': 'EXCEPTION', '2/210': 'EXCEPTION',
};

describe('Kuaidi100 mapping table (protocols.md §5.4)', () => {
  it('has exactly the expected rows', () => {
    expect(KUAIDI100_STATUS_TABLE.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(KUAIDI100_STATUS_TABLE.map((r) => [r.key, r.meaning, r.state] as const))('%s %s → %s', (key, _meaning, state) => {
    expect(state).toBe(EXPECTED[key]);
    const code = key.includes('/') ? key.split('/')[1]! : key;
    expect(kuaidi100Key(code)).toBe(key);
    expect(mapKuaidi100Status({ statusCode: code })).toEqual({ partnerStatus: `kuaidi100:${key}`, state });
  });

  it('the brief\'s examples', () => {
    const m = (code: string) => mapKuaidi100Status({ statusCode: code })?.state;
    expect([m('103'), m('1001'), m('501'), m('204'), m('14'), m('6'), m('7'), m('8'), m('13'), m('301'), m('304')]).toEqual([
      'PICKED_UP', 'ARRIVED_DEST_CITY', 'AVAILABLE_FOR_PICKUP', 'DELIVERY_FAILED', 'RETURNED', 'RETURNING', 'REROUTED_CUSTOMS', 'REROUTED_CUSTOMS', 'REROUTED_CUSTOMS', 'DELIVERED', 'DELIVERED',
    ]);
  });

  it('unknown codes map to null with the code kept verbatim', () => {
    expect(mapKuaidi100Status({ statusCode: '9' })).toEqual({ partnerStatus: 'kuaidi100:9', state: null });
    expect(mapKuaidi100Status({ statusCode: '1004' })).toEqual({ partnerStatus: 'kuaidi100:0/1004', state: null });
    expect(mapKuaidi100Status({ statusCode: '211' })).toEqual({ partnerStatus: 'kuaidi100:2/211', state: null });
    expect(mapKuaidi100Status({ status: '外星派送' })).toEqual({ partnerStatus: 'kuaidi100:text:外星派送', state: null });
    expect(mapKuaidi100MainState('99')).toEqual({ partnerStatus: 'kuaidi100:99', state: null });
  });

  it('items without a code fall back to the status text; with neither, nothing', () => {
    expect(mapKuaidi100Status({ status: '在途' })).toEqual({ partnerStatus: 'kuaidi100:0', state: 'IN_TRANSIT' });
    expect(mapKuaidi100Status({ status: '签收' })).toEqual({ partnerStatus: 'kuaidi100:3', state: 'DELIVERED' });
    expect(mapKuaidi100Status({ statusCode: '', status: '' })).toBeUndefined();
  });
});

describe('Kuaidi100 real samples', () => {
  it('classic query response: no item codes, the newest item takes the main state, the older one is trail-only', () => {
    const raw = readFileSync(`${FIXTURES}/kuaidi100-query-response-classic-doc-example.json`, 'utf8');
    const result = parseQueryResponse(raw, { carrier: 'YTO', waybillNo: 'V030344422' }, KUAIDI100_ERROR_KINDS);
    expect(result).toMatchObject({ partner: 'kuaidi100', carrier: 'YTO', waybillNo: 'V030344422', correctedCarrier: null, raw });
    expect(result.events).toEqual([
      { occurredAt: beijingTime('2012-08-27 23:22:42'), description: '上海分拨中心/下车扫描', location: null, partnerStatus: 'kuaidi100:-', state: null, noStatus: true },
      { occurredAt: beijingTime('2012-08-28 16:33:19'), description: '上海分拨中心/装件入车扫描', location: null, partnerStatus: 'kuaidi100:-', state: 'IN_TRANSIT' },
    ]);
    expect(result.events[1]!.occurredAt).toBe(Date.UTC(2012, 7, 28, 8, 33, 19));
  });

  it('push lastResult fixture (\\u escapes, escaped slashes): status text maps, area kept, oldest first', () => {
    const param = readFileSync(`${FIXTURES}/kuaidi100-push-callback-lastresult-fixture.json`, 'utf8');
    const body = JSON.parse(param) as { lastResult: Record<string, unknown> };
    const events = trailEvents(body.lastResult);
    expect(events.map((e) => [e.description, e.state, e.partnerStatus, e.location])).toEqual([
      ['上海分拨中心/下车扫描', 'IN_TRANSIT', 'kuaidi100:0', '上海市'],
      ['上海分拨中心/装件入车扫描', 'IN_TRANSIT', 'kuaidi100:0', '上海市'],
    ]);
  });

  it('the malformed doc example is refused as malformed JSON, not half-read', () => {
    const text = readFileSync(`${FIXTURES}/kuaidi100-push-callback-doc-example.txt`, 'utf8');
    const param = text.slice(text.indexOf('param=') + 'param='.length);
    expect(() => JSON.parse(param)).toThrow();
  });

  it('an error envelope and a non-200 status become carrier errors with the partner code', () => {
    expect(() => parseQueryResponse('{"result":false,"returnCode":"503","message":"验证签名失败"}', { carrier: 'YTO', waybillNo: 'x' }, KUAIDI100_ERROR_KINDS)).toThrow(expect.objectContaining({ kind: 'auth', partner: expect.objectContaining({ code: '503' }) }));
    expect(() => parseQueryResponse('{"message":"查询无结果","status":"500","state":"0","data":[]}', { carrier: 'YTO', waybillNo: 'x' }, KUAIDI100_ERROR_KINDS)).toThrow(expect.objectContaining({ kind: 'not-found' }));
    expect(() => parseQueryResponse('<html>502</html>', { carrier: 'YTO', waybillNo: 'x' }, KUAIDI100_ERROR_KINDS)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => parseQueryResponse('{"status":"200","data":[{"time":"yesterday","context":"x"}]}', { carrier: 'YTO', waybillNo: 'x' }, KUAIDI100_ERROR_KINDS)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('a response naming another company is a carrier correction', () => {
    const raw = JSON.stringify({ message: 'ok', status: '200', state: '0', com: 'ems', nu: 'V1', data: [{ time: '2024-01-02 10:00:00', context: 'x', statusCode: '0' }] });
    expect(parseQueryResponse(raw, { carrier: 'YTO', waybillNo: 'V1' }, KUAIDI100_ERROR_KINDS)).toMatchObject({ carrier: 'EMS', correctedCarrier: { from: 'YTO', to: 'EMS' } });
  });
});
