/**
 * SLA and ticket handlers through the engine: permissions per role (the engine enforces them), argument
 * checks that refuse bad input with nothing written, and a ticket opened by hand on an order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { tempDir } from './support/engine.js';

let core: Core;
const as: Record<string, { token: string }> = {};

beforeAll(async () => {
  // demo operators (one per role) and three generated orders
  core = await createCore({ dataDir: tempDir(), demo: { size: 3, seed: 7 }, clock: new ManualClock(Date.UTC(2026, 10, 28, 2)), schedule: false });
  for (const role of ['admin', 'cs', 'supervisor', 'warehouse', 'finance', 'viewer']) {
    const login = await core.login(role, `demo-${role}`);
    if ('error' in login) throw new Error(login.error.message);
    as[role] = { token: login.data.token };
  }
});
afterAll(() => core.close());

describe('SLA and ticket handlers', () => {
  it('enforces who may read, work tickets and change the rules', async () => {
    expect(await core.invoke(as.finance!, 'tickets/list', {})).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(as.viewer!, 'tickets/list', {})).toMatchObject({ data: { total: 0 } });
    expect(await core.invoke(as.viewer!, 'tickets/create', { type: 'lost', ownerGroup: 'after_sales', title: '客户称未收到' })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(as.cs!, 'sla/setSettings', { rules: { firstScan: { thresholdMinutes: 60 } } })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(as.warehouse!, 'sla/evaluate', {})).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(as.cs!, 'sla/settings', {})).toMatchObject({ data: { rules: { firstScan: { thresholdMinutes: 120, businessHoursOnly: false }, stall: { thresholdMinutes: 1440 } } } });
    const saved = await core.invoke(as.supervisor!, 'sla/setSettings', { rules: { firstScan: { thresholdMinutes: 90 } }, overrides: [{ id: 'sf', rule: 'stall', carrier: 'SF', thresholdMinutes: 720 }], reason: '双十一期间收紧' });
    expect(saved).toMatchObject({ data: { rules: { firstScan: { thresholdMinutes: 90, enabled: true } }, overrides: [{ id: 'sf' }], siteMessageSecretConfigured: false } });
    expect(await core.invoke(as.supervisor!, 'sla/evaluate', {})).toMatchObject({ data: { fired: { firstScan: 0, stall: 0 } } });
  });

  it('refuses bad rule input with the failing fields, and saves nothing', async () => {
    const before = await core.invoke(as.admin!, 'sla/settings', {});
    const bad = await core.invoke(as.admin!, 'sla/setSettings', { rules: { stall: { thresholdMinutes: -5 } }, calendar: { start: '25:00' } });
    expect(bad).toMatchObject({ error: { type: 'ValidationError', details: { 'rules.stall.thresholdMinutes': expect.any(String), 'calendar.start': expect.any(String) } } });
    const secret = await core.invoke(as.admin!, 'sla/setSettings', { siteMessageSecret: 'short' });
    expect(secret).toMatchObject({ error: { type: 'ValidationError', details: { siteMessageSecret: 'too short' } } });
    const override = await core.invoke(as.admin!, 'sla/setSettings', { overrides: [{ id: 'x', rule: 'stall' }] });
    expect(override).toMatchObject({ error: { type: 'ValidationError' } });
    expect(await core.invoke(as.admin!, 'sla/settings', {})).toEqual(before);
    expect(await core.invoke(as.admin!, 'sla/deadlines', {})).toMatchObject({ error: { type: 'ValidationError' } });
  });

  it('two editors: a save over a newer version of the rules is refused and changes nothing', async () => {
    const loaded = await core.invoke(as.supervisor!, 'sla/settings', {});
    if (!('data' in loaded)) throw new Error('settings');
    const first = await core.invoke(as.admin!, 'sla/setSettings', { rules: { stall: { thresholdMinutes: 1200 } }, expectedUpdatedAt: loaded.data.updatedAt });
    expect(first).toMatchObject({ data: { rules: { stall: { thresholdMinutes: 1200 } } } });
    // The supervisor still holds the version loaded before the admin's save.
    const stale = await core.invoke(as.supervisor!, 'sla/setSettings', { rules: { stall: { thresholdMinutes: 2000 } }, expectedUpdatedAt: loaded.data.updatedAt });
    expect(stale).toMatchObject({ error: { type: 'Conflict' } });
    expect(await core.invoke(as.admin!, 'sla/settings', {})).toMatchObject({ data: { rules: { stall: { thresholdMinutes: 1200 } } } });
    if (!('data' in first)) throw new Error('saved');
    expect(await core.invoke(as.supervisor!, 'sla/setSettings', { rules: { stall: { thresholdMinutes: 2000 } }, expectedUpdatedAt: first.data.updatedAt })).toMatchObject({ data: { rules: { stall: { thresholdMinutes: 2000 } } } });
  });

  it('cs opens a ticket by hand on an order, comments, resolves it; the order timeline has every step', async () => {
    const list = await core.invoke(as.admin!, 'orders/list', {});
    if ('error' in list) throw new Error(list.error.message);
    const orderId = list.data.rows[0]!.id;
    const created = await core.invoke(as.cs!, 'tickets/create', { type: 'damaged', ownerGroup: 'after_sales', title: '客户反馈外箱破损', orderId, comment: '客户已拍照' });
    if ('error' in created) throw new Error(created.error.message);
    expect(created.data).toMatchObject({ status: 'open', origin: 'manual', createdBy: '客服 (demo)', comments: [{ body: '客户已拍照' }], dueAt: Date.UTC(2026, 10, 28, 2) + 24 * 3_600_000 });
    const id = created.data.id;
    expect(await core.invoke(as.cs!, 'tickets/setStatus', { id, status: 'resolved' })).toMatchObject({ error: { type: 'ValidationError' } });
    expect(await core.invoke(as.cs!, 'tickets/comment', { id, body: '   ' })).toMatchObject({ error: { type: 'ValidationError' } });
    expect(await core.invoke(as.warehouse!, 'tickets/setStatus', { id, status: 'resolved', note: '已补发新品' })).toMatchObject({ data: { status: 'resolved', resolution: '已补发新品', allowedStatuses: ['in_progress'] } });
    const timeline = await core.invoke(as.admin!, 'audit/orderTimeline', { orderId });
    if ('error' in timeline) throw new Error(timeline.error.message);
    expect(timeline.data.filter((e) => e.action.startsWith('ticket.')).map((e) => [e.action, e.actor.name])).toEqual([
      ['ticket.status', '仓库 (demo)'],
      ['ticket.comment', '客服 (demo)'],
      ['ticket.open', '客服 (demo)'],
    ]);
  });
});
