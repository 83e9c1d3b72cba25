import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapZtoStatus, ZTO_ACTIONS } from './actions.js';
import { ZTO_DEFAULT_OPTIONS } from './config.js';
import { createZtoPushParser } from './push.js';
import { ztoDigest } from './sign.js';

const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/sign-vectors.json', import.meta.url), 'utf8')) as { vectors: { name: string; body: string; appSecret: string; digest: string }[] };

describe('ZTO x-dataDigest (protocols.md §5.2)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches the Python vector: %s', (_n, v) => expect(ztoDigest(v.body, v.appSecret)).toBe(v.digest));
});

describe('ZTO action / scanType table (protocols.md §5.2)', () => {
  const expected: Record<string, string> = {
    GOT: 'PICKED_UP', DEPARTURE: 'IN_TRANSIT', ARRIVAL: 'IN_TRANSIT', DISPATCH: 'OUT_FOR_DELIVERY', SIGNED: 'DELIVERED', INBOUND: 'AVAILABLE_FOR_PICKUP',
    HANDOVERSCAN_SIGNED: 'AVAILABLE_FOR_PICKUP', DEPARTURE_SIGNED: 'DELIVERED',
    收件: 'PICKED_UP', 发件: 'IN_TRANSIT', 到件: 'IN_TRANSIT', 派件: 'OUT_FOR_DELIVERY', 签收: 'DELIVERED', 第三方签收: 'DELIVERED', 退件签收: 'RETURNED',
  };
  it('has exactly these rows', () => expect(Object.fromEntries(ZTO_ACTIONS.map((r) => [r.code, r.state]))).toEqual(expected));
  it.each(Object.entries(expected))('%s → %s', (code, state) => expect(mapZtoStatus(code)).toEqual({ state, partnerStatus: `zto:${code}` }));
  it('unknown actions are flagged (null); settings can add one', () => {
    expect(mapZtoStatus('PROBLEM')).toEqual({ state: null, partnerStatus: 'zto:PROBLEM' });
    expect(mapZtoStatus('PROBLEM', { PROBLEM: 'EXCEPTION' }).state).toBe('EXCEPTION');
    expect(mapZtoStatus(undefined).partnerStatus).toBe('zto:?');
  });
});

describe('ZTO push parser', () => {
  const credentials = { appKey: '72089d3deb0ae445cdd35', appSecret: 'sek' };
  const parse = createZtoPushParser(credentials, ZTO_DEFAULT_OPTIONS);
  // One trace from the captured ZOP push log (protocols.md §5.2 source), re-signed with our secret.
  const data = '{"facilityCode":"02729","actionTime":"2025-05-22 15:08:47","city":"武汉市","billCode":"73100196611386","action":"DISPATCH","courierPhone":"13916794407","facilityName":"武汉藏龙岛","desc":"【武汉市】【武汉藏龙岛】的业务员正在派件"}';
  const body = (fields: Record<string, string>): Buffer => Buffer.from(new URLSearchParams(fields).toString());

  it('verifies data_digest and company_id, maps the trace, answers the ack', () => {
    const out = parse({ headers: {}, body: body({ data, data_digest: ztoDigest(data, 'sek'), company_id: credentials.appKey, msg_type: 'Traces' }) });
    expect(out.results).toEqual([{ partner: 'zto', carrier: 'ZTO', waybillNo: '73100196611386', raw: data, events: [
      { occurredAt: Date.UTC(2025, 4, 22, 7, 8, 47), partnerStatus: 'zto:DISPATCH', state: 'OUT_FOR_DELIVERY', description: '【武汉市】【武汉藏龙岛】的业务员正在派件', location: '武汉市' },
    ] }]);
    expect(JSON.parse(out.reply.body)).toMatchObject({ status: true });
  });
  it('a wrong digest or another app\'s company_id is refused as auth; broken data is malformed', () => {
    expect(() => parse({ headers: {}, body: body({ data, data_digest: ztoDigest(data, 'other'), company_id: credentials.appKey, msg_type: 'Traces' }) })).toThrow(expect.objectContaining({ kind: 'auth' }));
    expect(() => parse({ headers: {}, body: body({ data, data_digest: ztoDigest(data, 'sek'), company_id: 'x', msg_type: 'Traces' }) })).toThrow(expect.objectContaining({ kind: 'auth' }));
    const broken = '{"billCode":"7310';
    expect(() => parse({ headers: {}, body: body({ data: broken, data_digest: ztoDigest(broken, 'sek'), company_id: credentials.appKey, msg_type: 'Traces' }) })).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});
