/** The engine through its one entry point, as both hosts use it: sessions, permissions, audit. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { tempDir } from './support/engine.js';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function open(dataDir = tempDir(), demo: { size: number; seed: number } | false = false) {
  const core = await createCore({ dataDir, demo, clock: new ManualClock(Date.UTC(2026, 10, 28, 2)) });
  cores.push(core);
  return core;
}

async function session(core: Core, username: string, password = `demo-${username}`) {
  const r = await core.login(username, password);
  if ('error' in r) throw new Error(r.error.message);
  return { token: r.data.token };
}

function ok<T>(r: { data: T } | { error: { message: string } }): T {
  if ('error' in r) throw new Error(`expected data, got error: ${r.error.message}`);
  return r.data;
}

describe('first start', () => {
  it('creates an admin with a one-time password that must be changed before anything else', async () => {
    const dir = tempDir();
    const core = await open(dir);
    const notice = core.startupNotices.find((n) => n.includes('one-time password'));
    const password = /password (\S+) /.exec(notice ?? '')?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const caller = await session(core, 'admin', password);
    expect(ok(await core.invoke(caller, 'auth/me', {}))).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    expect(await core.invoke(caller, 'orders/list', {})).toMatchObject({ error: { type: 'Forbidden', details: { mustChangePassword: true } } });
    expect(await core.invoke(caller, 'auth/changePassword', { oldPassword: password!, newPassword: 'short' })).toMatchObject({ error: { type: 'ValidationError' } });
    ok(await core.invoke(caller, 'auth/changePassword', { oldPassword: password!, newPassword: 'a-much-better-passphrase' }));
    expect(ok(await core.invoke(caller, 'orders/list', {})).rows).toEqual([]);
    await core.close();
    const again = await open(dir);
    expect(again.startupNotices).toEqual([]);
    expect('data' in (await again.login('admin', 'a-much-better-passphrase'))).toBe(true);
    expect(await again.login('admin', password!)).toMatchObject({ error: { type: 'Unauthenticated' } });
  });

  it('answers every handler with Unauthenticated without a valid session, and rejects unknown names', async () => {
    const core = await open();
    expect(await core.invoke({ token: null }, 'orders/list', {})).toMatchObject({ error: { type: 'Unauthenticated' } });
    expect(await core.invoke({ token: 'forged' }, 'orders/detail', { id: 1 })).toMatchObject({ error: { type: 'Unauthenticated' } });
    expect(await core.invokeUnknown({ token: null }, 'orders/dropAll', {})).toMatchObject({ error: { type: 'ValidationError', message: 'Unknown handler: orders/dropAll' } });
  });
});

describe('roles and permissions (demo operators)', () => {
  it('lets finance change an amount with a reason, forbids cs, and the timeline answers "who changed the amount?"', async () => {
    const core = await open(tempDir(), { size: 40, seed: 3 });
    const cs = await session(core, 'cs');
    const finance = await session(core, 'finance');
    const viewer = await session(core, 'viewer');
    const order = ok(await core.invoke(cs, 'orders/list', { limit: 1 })).rows[0]!;
    const detail = ok(await core.invoke(cs, 'orders/detail', { id: order.id }));

    expect(await core.invoke(cs, 'orders/edit', { id: order.id, changes: { amounts: { paidFen: 1 } }, reason: 'x' })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(viewer, 'orders/edit', { id: order.id, changes: { sellerRemark: 'x' } })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(finance, 'orders/edit', { id: order.id, changes: { amounts: { paidFen: detail.paidFen - 1240 } } })).toMatchObject({
      error: { type: 'ValidationError', details: { reason: expect.any(String) } },
    });
    const edited = ok(await core.invoke(finance, 'orders/edit', { id: order.id, expectedVersion: detail.version, changes: { amounts: { paidFen: detail.paidFen - 1240 } }, reason: '平台服务费未扣除' }));
    expect(edited.paidFen).toBe(detail.paidFen - 1240);
    ok(await core.invoke(cs, 'orders/edit', { id: order.id, changes: { sellerRemark: '客户要求周末送货' } }));

    const amountEvents = ok(await core.invoke(finance, 'audit/orderTimeline', { orderId: order.id, field: 'amounts' }));
    expect(amountEvents.map((e) => e.action)).toEqual(['edit', 'create']); // the remark edit is filtered out
    expect(amountEvents[0]).toMatchObject({
      actor: { type: 'operator', name: '财务 (demo)' },
      source: 'console',
      reason: '平台服务费未扣除',
      changes: [{ field: 'paidFen', before: detail.paidFen, after: detail.paidFen - 1240 }],
    });
    const all = ok(await core.invoke(viewer, 'audit/orderTimeline', { orderId: order.id }));
    expect(all.map((e) => e.action)).toEqual(['edit', 'edit', 'create']);
    expect(all[0]).toMatchObject({ actor: { name: '客服 (demo)' }, changes: [{ field: 'sellerRemark', before: detail.sellerRemark, after: '客户要求周末送货' }] });
  });

  it('rejects a stale edit and an illegal status change with clear errors', async () => {
    const core = await open(tempDir(), { size: 40, seed: 3 });
    const cs = await session(core, 'cs');
    const cancelled = ok(await core.invoke(cs, 'orders/list', { filters: { status: { kind: 'set', values: ['cancelled', 'closed', 'completed'] } }, limit: 1 })).rows[0]!;
    const detail = ok(await core.invoke(cs, 'orders/detail', { id: cancelled.id }));
    ok(await core.invoke(cs, 'orders/edit', { id: detail.id, expectedVersion: detail.version, changes: { tags: ['VIP'] } }));
    expect(await core.invoke(cs, 'orders/edit', { id: detail.id, expectedVersion: detail.version, changes: { sellerRemark: 'late' } })).toMatchObject({ error: { type: 'Conflict' } });
    expect(await core.invoke(cs, 'orders/edit', { id: detail.id, changes: { status: 'pending_payment' } })).toMatchObject({
      error: { type: 'ValidationError', message: expect.stringMatching(/cannot go from \w+ to pending_payment/) },
    });
  });

  it('masks receivers in lists and reveals them only with permission, audited', async () => {
    const core = await open(tempDir(), { size: 40, seed: 3 });
    const cs = await session(core, 'cs');
    const viewer = await session(core, 'viewer');
    const rows = ok(await core.invoke(cs, 'orders/list', { limit: 50 })).rows;
    // Full numbers are masked here; platforms that mask on their side (138****1234, 1381234****) stay as sent.
    expect(rows.every((r) => r.receiverPhoneMasked.includes('****') && !/\d{8}/.test(r.receiverPhoneMasked))).toBe(true);
    const id = rows[0]!.id;
    expect(await core.invoke(viewer, 'orders/reveal', { id })).toMatchObject({ error: { type: 'Forbidden' } });
    const receiver = ok(await core.invoke(cs, 'orders/reveal', { id, reason: '客户来电核对地址' }));
    expect(receiver.address.length).toBeGreaterThan(4);
    const [event] = ok(await core.invoke(cs, 'audit/orderTimeline', { orderId: id }));
    expect(event).toMatchObject({ action: 'reveal-receiver', actor: { name: '客服 (demo)' }, reason: '客户来电核对地址' });
  });
});

describe('backup and audit verification', () => {
  it('backs up online with the anchor beside it, and the chain verifies', async () => {
    const dir = tempDir();
    const core = await open(dir, { size: 30, seed: 1 });
    const admin = await session(core, 'admin');
    const file = join(tempDir(), 'backup.sqlite');
    const head = await core.backup(file);
    expect(existsSync(file) && existsSync(`${file}.anchor.json`)).toBe(true);
    expect(head.count).toBeGreaterThan(30);
    expect(ok(await core.invoke(admin, 'audit/verify', {}))).toMatchObject({ ok: true, problems: [] });
    await expect(core.backup(file)).rejects.toThrow(/overwrite/);
  });
});
