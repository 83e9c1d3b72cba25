/** The Notifications handlers through the engine's one entry point: permissions, secrets kept secret, test sends. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { startNotifyReceivers, type NotifyReceivers } from '../sandbox/notify/index.js';
import { tempDir } from './support/engine.js';
import { DINGTALK_SECRET, DINGTALK_TOKEN, SMS_KEY, T0, WECOM_KEY } from './notify-harness.js';

let core: Core;
let receivers: NotifyReceivers;
const clock = new ManualClock(T0);

beforeEach(async () => {
  clock.set(T0);
  receivers = await startNotifyReceivers({ now: () => clock.now(), wecomKeys: [WECOM_KEY], dingtalkRobots: { [DINGTALK_TOKEN]: DINGTALK_SECRET }, smsAccounts: { [SMS_KEY.id]: { accessKeySecret: SMS_KEY.secret, signNames: ['订单中心'], templates: { SMS_000TEST: ['target', 'at'] } } } });
  core = await createCore({ dataDir: tempDir(), demo: { size: 1, seed: 1 }, clock, notify: { timeoutMs: 1_000 } });
});
afterEach(async () => {
  await core.close();
  await receivers.close();
});

async function as(role: string) {
  const r = await core.login(role, `demo-${role}`);
  if ('error' in r) throw new Error(r.error.message);
  return { token: r.data.token };
}

function ok<T>(r: { data: T } | { error: { message: string } }): T {
  if ('error' in r) throw new Error(`expected data, got error: ${r.error.message}`);
  return r.data;
}

describe('notify handlers', () => {
  it('targets: credentials are stored encrypted, never returned; a test send reaches each robot and the SMS gateway', async () => {
    const admin = await as('admin');
    const dingtalk = ok(await core.invoke(admin, 'notify/setTarget', { id: 'ops-dingtalk', channel: 'dingtalk', name: '运营钉钉群', settings: { format: 'markdown' }, credentials: { webhookUrl: receivers.dingtalkUrl(DINGTALK_TOKEN), signSecret: DINGTALK_SECRET } }));
    expect(dingtalk.configured).toEqual({ webhookUrl: true, signSecret: true, accessKey: false });
    ok(await core.invoke(admin, 'notify/setTarget', { id: 'warehouse-wecom', channel: 'wecom', name: '仓库群', credentials: { webhookUrl: receivers.wecomUrl(WECOM_KEY) } }));
    ok(await core.invoke(admin, 'notify/setTarget', { id: 'sms', channel: 'sms', name: '阿里云短信', settings: { endpoint: receivers.smsEndpoint, signName: '订单中心', templateCodes: { 'notify.test': 'SMS_000TEST' } }, credentials: { accessKeyId: SMS_KEY.id, accessKeySecret: SMS_KEY.secret } }));
    const listed = JSON.stringify(ok(await core.invoke(admin, 'notify/targets', {})));
    for (const secret of [DINGTALK_SECRET, DINGTALK_TOKEN, WECOM_KEY, SMS_KEY.secret]) expect(listed).not.toContain(secret);

    for (const targetId of ['ops-dingtalk', 'warehouse-wecom']) expect(ok(await core.invoke(admin, 'notify/testSend', { targetId }))).toMatchObject({ ok: true, state: 'delivered' });
    expect(ok(await core.invoke(admin, 'notify/testSend', { targetId: 'sms', phone: '13800138000' }))).toMatchObject({ ok: true });
    expect(receivers.messages.map((m) => [m.channel, m.accepted])).toEqual([['dingtalk', true], ['wecom', true], ['sms', true]]);
    expect(receivers.messages[0]!.text).toContain('运营钉钉群');

    // Blank credential fields keep what is stored; a wrong secret is reported by the robot's own words.
    ok(await core.invoke(admin, 'notify/setTarget', { id: 'ops-dingtalk', channel: 'dingtalk', name: '运营钉钉群', credentials: { webhookUrl: '', signSecret: 'SECwrong' } }));
    const refused = ok(await core.invoke(admin, 'notify/testSend', { targetId: 'ops-dingtalk' }));
    expect(refused).toMatchObject({ ok: false, state: 'dead' });
    expect(refused.detail).toMatch(/permanent: 310000 sign not match/);
    const dead = ok(await core.invoke(admin, 'notify/deadLetters', {}));
    expect(dead.map((d) => d.id)).toEqual([refused.notificationId]);
    // Narrowed to one target: the DingTalk robot's dead letter, none for the WeCom robot.
    expect(ok(await core.invoke(admin, 'notify/deadLetters', { targetId: 'ops-dingtalk' })).map((d) => d.id)).toEqual([refused.notificationId]);
    expect(ok(await core.invoke(admin, 'notify/deadLetters', { targetId: 'warehouse-wecom' }))).toEqual([]);
    expect(ok(await core.invoke(admin, 'notify/outbox', { targetId: 'warehouse-wecom' })).counts).toEqual({ pending: 0, sending: 0, delivered: 1, dead: 0 });
    expect(ok(await core.invoke(admin, 'notify/outbox', { state: 'delivered' })).counts).toEqual({ pending: 0, sending: 0, delivered: 3, dead: 1 });
    expect(ok(await core.invoke(admin, 'notify/attempts', { id: refused.notificationId }))).toMatchObject([{ attempt: 1, outcome: 'permanent', code: '310000' }]);
  });

  it('permissions: viewers see nothing, warehouse reads, only managers retry or configure; everyone has an inbox', async () => {
    const viewer = await as('viewer');
    const warehouse = await as('warehouse');
    expect(await core.invoke(viewer, 'notify/outbox', {})).toMatchObject({ error: { type: 'Forbidden' } });
    expect(ok(await core.invoke(warehouse, 'notify/outbox', {})).rows).toEqual([]);
    expect(await core.invoke(warehouse, 'notify/retry', { id: 1 })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(warehouse, 'notify/setTarget', { id: 'x-robot', channel: 'wecom', name: 'x' })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(ok(await core.invoke(viewer, 'notify/inbox', {}))).toEqual({ rows: [], unread: 0 });
    expect(await core.invoke(viewer, 'notify/markRead', {})).toMatchObject({ error: { type: 'ValidationError' } });
    const supervisor = await as('supervisor');
    expect(await core.invoke(supervisor, 'notify/retry', { id: 999 })).toMatchObject({ error: { type: 'NotFound' } });
    expect(await core.invoke(supervisor, 'notify/setSettings', { quietHours: { start: '25:00', end: '08:00', utcOffsetMinutes: 480 } })).toMatchObject({ error: { type: 'ValidationError' } });
    expect(ok(await core.invoke(supervisor, 'notify/setSettings', { maxAttempts: 3, quietHours: { start: '21:30', end: '08:30', utcOffsetMinutes: 480 } }))).toMatchObject({ maxAttempts: 3, robotPerMinute: 20, quietHours: { start: '21:30' } });
    // Partner error codes: blank, repeated or endless lists are refused (the HTTP route takes what a form would not send).
    for (const codes of [{ smsThrottle: [''] }, { dingtalkRateLimit: [410100, 410100] }, { wecomTransient: Array.from({ length: 21 }, (_, i) => i) }]) {
      expect(await core.invoke(supervisor, 'notify/setSettings', { codes })).toMatchObject({ error: { type: 'ValidationError' } });
    }
    expect(ok(await core.invoke(supervisor, 'notify/setSettings', { codes: { dingtalkRateLimit: [410100, 130101] } })).codes.dingtalkRateLimit).toEqual([410100, 130101]);
  });
});

describe('the engine runs the worker', () => {
  it('with schedule on, its own poll retries and delivers without anyone calling runOnce', async () => {
    const own = await createCore({ dataDir: tempDir(), demo: { size: 1, seed: 1 }, clock, schedule: true, notify: { pollMs: 50, timeoutMs: 1_000 } });
    const admin = { trusted: { type: 'operator' as const, id: '1', name: 'admin' } };
    ok(await own.invoke(admin, 'notify/setTarget', { id: 'warehouse-wecom', channel: 'wecom', name: '仓库群', credentials: { webhookUrl: receivers.wecomUrl(WECOM_KEY) } }));
    receivers.wecom.failNext(1, 'http-502');
    const sent = ok(await own.invoke(admin, 'notify/testSend', { targetId: 'warehouse-wecom' }));
    expect(sent).toMatchObject({ ok: false, state: 'pending' });
    clock.advance(10_000); // past the first backoff; the worker's own poll picks it up
    for (let i = 0; i < 100 && receivers.hits('测试消息') === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(receivers.hits('测试消息')).toBe(1);
    await own.close(); // awaits the worker's pass in flight before the store closes
  });
});
