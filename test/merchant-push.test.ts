/** WeChat/POS orders pushed by the merchant's backend to /hooks/<channel>, over real HTTP. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMerchantPush } from '../core/channels/merchant-push.js';
import { silentLogger } from '../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { tempDir } from './support/engine.js';

let running: RunningConsole;
let admin: { token: string };
const SECRET = 'pos-secret-for-tests-0001';

beforeAll(async () => {
  running = await startConsole({ dataDir: tempDir(), port: 0, demo: { orders: 0 }, logger: silentLogger, staticDir: tempDir(), schedule: false });
  const login = await running.core.login('admin', 'demo-admin');
  if ('error' in login) throw new Error(login.error.message);
  admin = { token: login.data.token };
  const added = await running.core.invoke(admin, 'channels/addShop', { id: 'pos-sh01', channel: 'pos', name: '上海静安店', credentials: { appKey: 'pos-sh01', appSecret: SECRET } });
  if ('error' in added) throw new Error(added.error.message);
});
afterAll(() => running.close());

function posOrder(id: string, updatedAt: number, overrides: Record<string, unknown> = {}) {
  return {
    platformOrderId: id,
    status: 'completed',
    receiver: { name: '王伟', phone: '13812345678', province: '上海市', city: '上海市', district: '静安区', address: '南京西路1266号' },
    amounts: { goodsFen: 34780, platformDiscountFen: 0, sellerDiscountFen: 3478, shippingFen: 0, paidFen: 31302, platformFeeFen: 0 },
    createdAt: updatedAt - 60_000,
    paidAt: updatedAt - 50_000,
    updatedAt,
    lines: [{ platformSku: '6901234567892', title: '西湖龙井 250g', quantity: 1, unitPriceFen: 34780, amountFen: 34780 }],
    ...overrides,
  };
}

async function push(body: unknown, opts: { secret?: string; timestamp?: number; nonce?: string } = {}) {
  const text = JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Date.now());
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  const res = await fetch(`${running.url}/hooks/pos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-OrderHub-Shop': 'pos-sh01', 'X-OrderHub-Timestamp': timestamp, 'X-OrderHub-Nonce': nonce, 'X-OrderHub-Signature': signMerchantPush(opts.secret ?? SECRET, timestamp, nonce, text) },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as { code: number; message: string; results?: Array<{ outcome: string }> } };
}

async function findOrder(id: string) {
  const r = await running.core.invoke(admin, 'orders/list', { search: id });
  if ('error' in r) throw new Error(r.error.message);
  return r.data.rows;
}

describe('merchant order push', () => {
  it('ingests a signed push exactly once, newer updates win, older ones are recorded and not applied', async () => {
    const t = Date.now() - 3_600_000;
    expect(await push({ orders: [posOrder('POS-SH01-20261128-0001', t)] })).toMatchObject({ status: 200, body: { code: 0, results: [{ outcome: 'inserted' }] } });
    expect(await push({ orders: [posOrder('POS-SH01-20261128-0001', t)] })).toMatchObject({ status: 200, body: { results: [{ outcome: 'unchanged' }] } });
    expect(await push({ orders: [posOrder('POS-SH01-20261128-0001', t + 1000, { sellerRemark: '会员95折' })] })).toMatchObject({ body: { results: [{ outcome: 'updated' }] } });
    expect(await push({ orders: [posOrder('POS-SH01-20261128-0001', t - 1000, { sellerRemark: 'old' })] })).toMatchObject({ body: { results: [{ outcome: 'stale' }] } });
    const [row] = await findOrder('POS-SH01-20261128-0001');
    expect(row).toMatchObject({ channel: 'pos', shopId: 'pos-sh01', sellerRemark: '会员95折', paidFen: 31302 });
    const timeline = await running.core.invoke(admin, 'audit/orderTimeline', { orderId: row!.id });
    if ('error' in timeline) throw new Error(timeline.error.message);
    expect(timeline.data.map((e) => [e.action, e.actor.type, e.source])).toEqual([
      ['stale-update-ignored', 'platform', 'push:pos:pos-sh01'],
      ['update', 'platform', 'push:pos:pos-sh01'],
      ['create', 'platform', 'push:pos:pos-sh01'],
    ]);
  });

  it('refuses a wrong signature, a replay and a malformed body, and writes nothing', async () => {
    expect(await push({ orders: [posOrder('POS-BAD-1', Date.now())] }, { secret: 'wrong' })).toEqual({ status: 401, body: { code: 401, message: 'Invalid signature.' } });
    const nonce = randomBytes(12).toString('hex');
    expect((await push({ orders: [posOrder('POS-REPLAY-1', Date.now())] }, { nonce })).status).toBe(200);
    expect((await push({ orders: [posOrder('POS-REPLAY-1', Date.now())] }, { nonce })).body.message).toMatch(/replayed/);
    const malformed = await push({ orders: [posOrder('POS-BAD-2', Date.now(), { amounts: { paidFen: 12.5 } })] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/nothing was written/);
    expect(await findOrder('POS-BAD')).toEqual([]);
    const unknown = await fetch(`${running.url}/hooks/nobody`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });
});
