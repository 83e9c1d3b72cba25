import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DouyinSimulator, startDouyinSimulator } from '../../../sandbox/douyin/index.js';
import { createDouyinConnector } from './connector.js';
import { DouyinPushDeduper, type DouyinPushEvent, douyinPushSignature, verifyDouyinPush } from './push.js';

// protocols.md §12.2 locally computed vector (re-checked with Python hashlib.md5).
const VECTOR_BODY = '[{"tag":"106","msg_id":"m1","data":"{\\"p_id\\":1,\\"order_status\\":4}"}]';
const VECTOR_SIGN = '19f1dec49ceb705bfe2730128019c276';

describe('event-sign (protocols.md §12.2)', () => {
  it('matches the documented vector and parses its record', () => {
    expect(douyinPushSignature('app', VECTOR_BODY, 'secret')).toBe(VECTOR_SIGN);
    const result = verifyDouyinPush({ 'Event-Sign': VECTOR_SIGN }, Buffer.from(VECTOR_BODY), { appKey: 'app', appSecret: 'secret' });
    expect(result).toEqual({
      ok: true,
      reply: { code: 0, msg: 'success' },
      events: [{ msgId: 'm1', tag: '106', kind: 'trade-canceled', orderId: '1', payload: { p_id: 1, order_status: 4 }, preShipmentRefund: false, warnings: [] }],
    });
  });

  it.each([
    ['a tampered body', VECTOR_BODY.replace('106', '107'), VECTOR_SIGN, 'secret'],
    ['a wrong secret', VECTOR_BODY, VECTOR_SIGN, 'other-secret'],
    ['no header', VECTOR_BODY, '', 'secret'],
    ['a non-hex header', VECTOR_BODY, '签名'.repeat(16), 'secret'],
  ])('rejects %s with an error reply', (_name, body, sign, secret) => {
    const result = verifyDouyinPush(sign ? { 'event-sign': sign } : {}, body, { appKey: 'app', appSecret: secret });
    expect(result).toMatchObject({ ok: false, reason: 'signature', httpStatus: 401 });
    expect(!result.ok && result.reply.code).not.toBe(0);
  });

  it('keeps 19-digit p_id exact, flags pre-shipment refunds, warns on a status the tag contradicts, tolerates odd records', () => {
    const records = [
      { tag: '200', msg_id: '7001', data: '{"p_id":6912345678901234567,"s_id":6912345678901234568,"aftersale_type":2,"aftersale_status":6,"refund_amount":8900}' },
      { tag: '106', msg_id: '7002', data: '{"p_id":6912345678901234567,"order_status":2}' },
      { tag: '0', msg_id: '0', data: '2026-11-11T00:00:00.000Z' },
      { tag: '999', msg_id: '7003', data: '{"p_id":"5012345678901234567"}' },
      { tag: '100', msg_id: '7004', data: '{not json' },
    ];
    const body = JSON.stringify(records);
    const result = verifyDouyinPush(new Headers({ 'event-sign': douyinPushSignature('k', body, 's') }), body, { appKey: 'k', appSecret: 's' });
    if (!result.ok) throw new Error(result.message);
    const [refund, cancel, test, unknown, bad] = result.events as [DouyinPushEvent, DouyinPushEvent, DouyinPushEvent, DouyinPushEvent, DouyinPushEvent];
    expect(refund).toMatchObject({ kind: 'refund-created', orderId: '6912345678901234567', preShipmentRefund: true, payload: { s_id: '6912345678901234568', refund_amount: 8900 } });
    expect(cancel.warnings[0]).toMatch(/order_status 2, expected 4/);
    expect(test).toMatchObject({ kind: 'connectivity-test', orderId: null, payload: '2026-11-11T00:00:00.000Z' });
    expect(unknown).toMatchObject({ kind: 'unknown', orderId: '5012345678901234567' });
    expect(bad).toMatchObject({ kind: 'malformed', msgId: '7004' });
  });

  it('answers a signed body that is not a record array with an error reply', () => {
    const body = '"hello"';
    expect(verifyDouyinPush({ 'event-sign': douyinPushSignature('k', body, 's') }, body, { appKey: 'k', appSecret: 's' })).toMatchObject({ ok: false, reason: 'body' });
  });
});

describe('pushes from the simulator over real HTTP', () => {
  const START = Date.UTC(2026, 10, 10, 16);
  let clock = START;
  let sim: DouyinSimulator | null = null;
  let closeHook: (() => void) | null = null;
  afterEach(async () => {
    await sim?.close();
    closeHook?.();
  });

  /** A stand-in for the host's /hooks/douyin route: raw bytes in, verifyDouyinPush, its reply out. */
  async function hook(secret: string) {
    const bodies: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
    const events: DouyinPushEvent[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        bodies.push({ headers: req.headers, body });
        const result = verifyDouyinPush(req.headers, body, { appKey: '7123456789012345678', appSecret: secret });
        if (result.ok) events.push(...result.events);
        res.writeHead(result.ok ? 200 : result.httpStatus, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result.reply));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closeHook = () => server.close();
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/douyin`, bodies, events };
  }

  async function start() {
    clock = START + 3600_000;
    sim = await startDouyinSimulator({ seed: 5, orders: 300, start: START, spanMs: 6 * 3600_000, apps: { '7123456789012345678': { secret: 'push-secret', tokens: ['t'] } }, now: () => clock });
    return sim;
  }

  it('verifies and parses every signed push, once per event, with exact order ids', async () => {
    const s = await start();
    const h = await hook('push-secret');
    const first = await s.pushTo(h.url);
    expect(first.records).toBeGreaterThan(50);
    expect(first.replies.every((r) => r.status === 200 && r.body === '{"code":0,"msg":"success"}')).toBe(true);
    expect(h.events.length).toBe(first.records);
    const ids = new Set(s.stories.map((x) => s.orderId(x)));
    for (const e of h.events) expect(ids.has(e.orderId!)).toBe(true);
    clock += 12 * 3600_000;
    const second = await s.pushTo(h.url);
    expect(second.msgIds.filter((m) => first.msgIds.includes(m))).toEqual([]);
    const kinds = new Set(h.events.map((e) => e.kind));
    for (const k of ['trade-created', 'trade-paid', 'trade-canceled', 'trade-shipped', 'refund-created', 'refund-success', 'address-changed'] as const) expect(kinds).toContain(k);
    expect(h.events.filter((e) => e.kind === 'refund-created').every((e) => e.preShipmentRefund)).toBe(true);
    expect(h.events.filter((e) => e.warnings.length > 0)).toEqual([]);
    // A redelivered body is recognised by msg_id.
    const dedupe = new DouyinPushDeduper();
    expect(h.events.every((e) => dedupe.firstSeen(e))).toBe(true);
    const again = verifyDouyinPush(h.bodies[0]!.headers, h.bodies[0]!.body, { appKey: '7123456789012345678', appSecret: 'push-secret' });
    if (!again.ok) throw new Error(again.message);
    expect(again.events.length).toBeGreaterThan(0);
    expect(again.events.map((e) => dedupe.firstSeen(e))).toEqual(again.events.map(() => false));
  });

  it('leads to order.orderDetail: a canceled order is fetched as cancelled, a pre-shipment refund as refunding/refunded', async () => {
    const s = await start();
    const h = await hook('push-secret');
    clock += 24 * 3600_000;
    await s.pushTo(h.url);
    const canceled = h.events.filter((e) => e.kind === 'trade-canceled').map((e) => e.orderId!);
    const refunds = h.events.filter((e) => e.preShipmentRefund).map((e) => e.orderId!);
    expect(canceled.length).toBeGreaterThan(0);
    expect(refunds.length).toBeGreaterThan(0);
    const shop = { shopId: 'dy', credentials: { appKey: '7123456789012345678', appSecret: 'push-secret', accessToken: 't' }, env: { baseUrl: s.url, timeoutMs: 5000, now: () => clock, fetch } };
    const page = await createDouyinConnector().fetchOrders(shop, [...canceled, ...refunds]);
    expect(page.orders.slice(0, canceled.length).map((o) => o.status)).toEqual(canceled.map(() => 'cancelled'));
    for (const o of page.orders.slice(canceled.length)) expect(['refunding', 'refunded']).toContain(o.status);
  });

  it('answers the connectivity test, and refuses pushes signed with another secret', async () => {
    const s = await start();
    const good = await hook('push-secret');
    const test = await s.pushTo(good.url, { connectivityTest: true });
    expect(test.replies[0]!.body).toBe('{"code":0,"msg":"success"}');
    expect(good.events).toMatchObject([{ kind: 'connectivity-test', tag: '0' }]);
    closeHook?.();
    const wrong = await hook('another-secret');
    const refused = await s.pushTo(wrong.url);
    expect(refused.replies.every((r) => r.status === 401 && JSON.parse(r.body).code !== 0)).toBe(true);
    expect(wrong.events).toEqual([]);
  });
});
