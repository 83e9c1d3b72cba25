import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kindOfReason } from './adapter.js';
import { createKdniaoPushParser } from './push.js';
import { kdniaoDataSign } from './sign.js';
import { KDNIAO_STATES, mapKdniaoState } from './states.js';
import { kdniaoResult } from './traces.js';

const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as { vectors: { name: string; requestData: string; appKey: string; base64: string; wire: string }[] };

describe('Kdniao DataSign (protocols.md §5.5)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches the Python vector: %s', (_n, v) => {
    expect(kdniaoDataSign(v.requestData, v.appKey)).toBe(v.base64);
    expect(new URLSearchParams({ DataSign: kdniaoDataSign(v.requestData, v.appKey) }).toString()).toBe(`DataSign=${v.wire}`);
  });
});

describe('Kdniao State / StateEx table (protocols.md §5.5, every listed code)', () => {
  const expected: Record<string, string> = {
    '0': 'AWAITING_PICKUP', '1': 'PICKED_UP', '10': 'AWAITING_PICKUP', '2': 'IN_TRANSIT', '201': 'ARRIVED_DEST_CITY', '202': 'OUT_FOR_DELIVERY',
    '204': 'IN_TRANSIT', '205': 'ARRIVED_DEST_CITY', '206': 'IN_TRANSIT', '211': 'AVAILABLE_FOR_PICKUP', '3': 'DELIVERED', '301': 'DELIVERED',
    '302': 'DELIVERED', '304': 'DELIVERED', '311': 'DELIVERED', '4': 'EXCEPTION', '401': 'EXCEPTION', '402': 'EXCEPTION', '403': 'EXCEPTION',
    '404': 'RETURNED', '405': 'DELIVERY_FAILED', '406': 'RETURNED', '407': 'RETURNING', '412': 'EXCEPTION', '413': 'EXCEPTION', '414': 'EXCEPTION',
    '415': 'EXCEPTION', '416': 'DELIVERY_FAILED', '417': 'EXCEPTION', '418': 'EXCEPTION', '419': 'OUT_FOR_DELIVERY', '420': 'DELIVERY_FAILED',
    '421': 'DELIVERY_FAILED', '422': 'EXCEPTION', '423': 'EXCEPTION', '5': 'REROUTED_CUSTOMS', '6': 'REROUTED_CUSTOMS', '601': 'REROUTED_CUSTOMS',
    '602': 'REROUTED_CUSTOMS', '603': 'REROUTED_CUSTOMS', '604': 'EXCEPTION',
  };
  it('has exactly these rows', () => expect(Object.fromEntries(Object.entries(KDNIAO_STATES).map(([k, v]) => [k, v.state]))).toEqual(expected));
  it.each(Object.entries(expected))('%s → %s', (code, state) => {
    expect(mapKdniaoState(code)).toEqual({ state, partnerStatus: `kdniao:${code}` });
    expect(mapKdniaoState(Number(code)).state).toBe(state);
  });
  it.each(['7', '203', '999'])('unknown code %s is flagged (null)', (code) => expect(mapKdniaoState(code).state).toBeNull());
});

describe('Kdniao trails', () => {
  it('per-trace Action maps each node; without Action only the newest trace takes State/StateEx, the rest carry noStatus', () => {
    const obj = { ShipperCode: 'YTO', LogisticCode: 'YT1', State: '2', StateEx: '201', Traces: [
      { AcceptTime: '2024-06-04 08:00:00', AcceptStation: '已揽收' },
      { AcceptTime: '2024-06-05 09:30:00', AcceptStation: '到达【杭州】', Location: '杭州市' },
    ] };
    const r = kdniaoResult(obj, 'raw');
    expect(r.carrier).toBe('YTO');
    expect(r.events).toEqual([
      { occurredAt: Date.UTC(2024, 5, 4, 0, 0, 0), state: null, partnerStatus: 'kdniao:', noStatus: true, description: '已揽收', location: null },
      { occurredAt: Date.UTC(2024, 5, 5, 1, 30, 0), state: 'ARRIVED_DEST_CITY', partnerStatus: 'kdniao:201', description: '到达【杭州】', location: '杭州市' },
    ]);
    const withAction = kdniaoResult({ ...obj, Traces: [{ AcceptTime: '2024-06-04 08:00:00', AcceptStation: 'x', Action: '1' }] }, 'raw');
    expect(withAction.events[0]!.state).toBe('PICKED_UP');
  });
  it('reasons are classified for retry decisions', () => {
    expect(kindOfReason('调用太频繁，请稍后再试')).toBe('rate-limit');
    expect(kindOfReason('DataSign签名错误')).toBe('auth');
    expect(kindOfReason('暂无轨迹信息')).toBe('not-found');
    expect(kindOfReason('别的')).toBe('permanent');
  });
  it('push: DataSign checked, RequestType 101/102 only, ack with our EBusinessID and Beijing UpdateTime', () => {
    const parse = createKdniaoPushParser({ eBusinessId: '1237100', appKey: 'k' }, { pushRequestTypes: ['101', '102'] }, () => Date.UTC(2024, 5, 4, 10, 42, 11));
    const data = JSON.stringify({ EBusinessID: '1237100', PushTime: '2024-06-04 18:42:11', Count: '1', Data: [{ ShipperCode: 'ZTO', LogisticCode: '73100196611386', Success: true, State: '3', StateEx: '301', Traces: [{ AcceptTime: '2024-06-04 18:40:00', AcceptStation: '已签收', Action: '301' }] }] });
    const form = (sign: string, type = '101'): Buffer => Buffer.from(new URLSearchParams({ RequestData: data, DataSign: sign, RequestType: type }).toString());
    const out = parse({ headers: {}, body: form(kdniaoDataSign(data, 'k')) });
    expect(out.results[0]).toMatchObject({ carrier: 'ZTO', waybillNo: '73100196611386', events: [{ state: 'DELIVERED', partnerStatus: 'kdniao:301' }] });
    expect(JSON.parse(out.reply.body)).toEqual({ EBusinessID: '1237100', UpdateTime: '2024-06-04 18:42:11', Success: true, Reason: '' });
    expect(() => parse({ headers: {}, body: form(kdniaoDataSign(data, 'wrong')) })).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(() => parse({ headers: {}, body: form(kdniaoDataSign(data, 'k'), '1007') })).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});
