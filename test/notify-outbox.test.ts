/**
 * The outbox end to end: enqueue in the caller's transaction, deliver over real HTTP to the sandbox
 * receivers (which verify signatures with their own code), rate limits, retries, dead letters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreFailure } from '../core/kernel/errors.js';
import { listInbox, markInboxRead } from '../core/notify/inbox.js';
import { listAttempts, listOutbox } from '../core/notify/queries.js';
import { startNotifyReceivers } from '../sandbox/notify/index.js';
import { DINGTALK_TOKEN, notifyHarness, OPERATOR, ORDER_VARS, SMS_TEMPLATE, T0, WECOM_KEY, type NotifyHarness } from './notify-harness.js';

const MINUTE = 60_000;
let h: NotifyHarness;

beforeEach(async () => {
  h = await notifyHarness();
  await h.target('warehouse-wecom', 'wecom');
  await h.target('ops-dingtalk', 'dingtalk', { format: 'markdown' });
  await h.target('sms', 'sms', { signName: '订单中心', templateCodes: { 'logistics.stalled.customer': SMS_TEMPLATE } });
});
afterEach(() => h.close());

const robot = (target: string, n: number) => ({ template: 'logistics.firstScanOverdue', variables: { ...ORDER_VARS, orderId: `ORDER-${n}` }, to: { kind: 'robot' as const, target }, key: `first-scan:${target}:${n}` });

describe('enqueue is part of the caller’s transaction', () => {
  it('a rolled-back event leaves no notification; a committed one leaves exactly one per key', async () => {
    await expect(
      h.inWrite((w) => {
        w.audit({ entityType: 'order', entityId: 1, action: 'sla-first-scan' });
        h.service.enqueue(w, robot('warehouse-wecom', 1));
        throw new Error('the rule hit failed after enqueueing');
      }),
    ).rejects.toThrow('the rule hit failed');
    expect(listOutbox(h.db, {}).rows).toHaveLength(0);

    const ids = await h.inWrite((w) => {
      w.audit({ entityType: 'order', entityId: 1, action: 'sla-first-scan' });
      return [h.service.enqueue(w, robot('warehouse-wecom', 1)), h.service.enqueue(w, robot('warehouse-wecom', 1))];
    });
    expect(ids[0]!.created).toBe(true);
    expect(ids[1]).toMatchObject({ id: ids[0]!.id, created: false });
    expect(listOutbox(h.db, {}).rows).toHaveLength(1);
  });

  it('a missing variable is a ValidationError at enqueue and rolls the caller back', async () => {
    const failure = await h
      .inWrite((w) => {
        w.audit({ entityType: 'order', entityId: 7, action: 'sla-first-scan' });
        h.service.enqueue(w, { ...robot('warehouse-wecom', 7), variables: { orderId: '7', carrier: '中通' } });
      })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CoreFailure);
    expect((failure as CoreFailure).message).toMatch(/needs \{hours\}, \{waybillNo\}/);
    expect(h.db.prepare("SELECT count(*) AS n FROM audit_events WHERE entity_type = 'order'").get()).toEqual({ n: 0 });
  });
});

describe('delivery over the real wire formats', () => {
  it('WeCom text: the group gets the rendered zh-CN message once; attempt and audit rows recorded', async () => {
    const id = await h.enqueue(robot('warehouse-wecom', 1));
    const summary = await h.service.runOnce();
    expect(summary).toMatchObject({ sent: 1, delivered: 1 });
    expect(h.state(id).state).toBe('delivered');
    expect(h.receivers.messages).toHaveLength(1);
    expect(h.receivers.messages[0]).toMatchObject({ channel: 'wecom', account: WECOM_KEY, accepted: true, text: '【首扫超时】订单 ORDER-1 已发货 2 小时，运单 SF1234567890123（顺丰速运）仍无揽收扫描，请仓库核查是否已交接快递。' });
    expect(listAttempts(h.db, id)).toMatchObject([{ attempt: 1, outcome: 'ok' }]);
    const actions = (h.db.prepare("SELECT action FROM audit_events WHERE entity_type = 'notification' ORDER BY seq").all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['enqueue', 'attempt', 'delivered']);
    expect(await h.service.runOnce()).toMatchObject({ sent: 0 });
  });

  it('DingTalk markdown with 加签: the robot verifies the signature; a wrong secret is a dead letter at once', async () => {
    const id = await h.enqueue(robot('ops-dingtalk', 1));
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
    expect(h.receivers.messages[0]).toMatchObject({ channel: 'dingtalk', account: DINGTALK_TOKEN, accepted: true });
    expect(h.receivers.messages[0]!.text).toContain('### 首扫超时');

    await h.target('ops-dingtalk', 'dingtalk', {}, { signSecret: 'SECnot-the-secret' });
    const bad = await h.enqueue(robot('ops-dingtalk', 2));
    await h.service.runOnce();
    expect(h.state(bad)).toMatchObject({ state: 'dead', last_error_kind: 'permanent', attempts: 1 });
    expect(h.state(bad).last_error).toContain('310000');
    expect(h.receivers.messages[1]).toMatchObject({ accepted: false, problem: 'bad signature' });
    expect(h.events).toContainEqual({ name: 'notify/deadLettered', payload: expect.objectContaining({ id: bad, channel: 'dingtalk', targetId: 'ops-dingtalk' }) });
  });

  it('SMS via Aliyun SendSms: signed GET, template code + JSON params, our key as OutId', async () => {
    const id = await h.enqueue({ template: 'logistics.stalled.customer', variables: { ...ORDER_VARS, hours: 24 }, to: { kind: 'sms', phone: '138 0013 8000' }, key: 'stall:ORDER-9:1' });
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
    const sms = h.receivers.messages[0]!;
    expect(sms).toMatchObject({ channel: 'sms', accepted: true, phone: '13800138000', outId: 'stall:ORDER-9:1', templateParams: { orderId: ORDER_VARS.orderId, carrier: '顺丰速运', waybillNo: 'SF1234567890123', hours: '24' } });
    expect(listOutbox(h.db, { channel: 'sms' }).rows[0]!.recipient).toBe('138****8000');
  });

  it('SMS without a TemplateCode for the template: a configuration dead letter naming what is missing', async () => {
    const id = await h.enqueue({ template: 'logistics.stalled.customer', variables: ORDER_VARS, to: { kind: 'sms', phone: '13800138000', target: 'sms', audience: 'staff' }, key: 'k1' });
    await h.target('sms', 'sms', { templateCodes: {} });
    await h.service.runOnce();
    expect(h.state(id)).toMatchObject({ state: 'dead', last_error_kind: 'config' });
    expect(h.state(id).last_error).toMatch(/no Aliyun TemplateCode for template "logistics.stalled.customer"/);
    expect(h.receivers.messages).toHaveLength(0);
  });

  it('a robot nobody configured: the event still commits, the message dead-letters and goes out once the robot is configured and retried', async () => {
    const id = await h.enqueue(robot('night-shift-wecom', 1));
    await h.service.runOnce();
    expect(h.state(id)).toMatchObject({ state: 'dead', last_error_kind: 'config', last_error: 'No wecom target "night-shift-wecom" is configured.' });
    await h.target('night-shift-wecom', 'dingtalk');
    await h.service.retry(OPERATOR, 'test', id, 'robot configured');
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
    expect(h.receivers.messages.map((m) => m.channel)).toEqual(['dingtalk']);
    expect(listOutbox(h.db, {}).rows[0]!.channel).toBe('dingtalk');
  });
});

describe('credentials stay out of errors', () => {
  it('an unreachable robot: the error names the failure, never the webhook key', async () => {
    await h.receivers.close();
    const id = await h.enqueue(robot('warehouse-wecom', 1));
    await h.service.runOnce();
    expect(h.state(id)).toMatchObject({ state: 'pending', last_error_kind: 'transient' });
    expect(h.state(id).last_error).toMatch(/fetch failed/);
    const everything = JSON.stringify(h.db.prepare('SELECT * FROM notifications').all()) + JSON.stringify(h.db.prepare('SELECT * FROM notification_attempts').all()) + JSON.stringify(h.db.prepare('SELECT * FROM audit_events').all());
    expect(everything).not.toContain(WECOM_KEY);
    h.receivers = await startNotifyReceivers({ wecomKeys: [WECOM_KEY] }); // afterEach closes it
  });
});

describe('per-target rate limits (protocols.md §6: 20 messages a minute per robot)', () => {
  it('the 21st message in a minute waits for the window; the robot never has to refuse one', async () => {
    const ids: number[] = [];
    for (let n = 1; n <= 21; n++) ids.push(await h.enqueue(robot('warehouse-wecom', n)));
    const first = await h.service.runOnce();
    expect(first).toMatchObject({ sent: 20, delivered: 20, deferred: 1 });
    expect(h.state(ids[20]!)).toMatchObject({ state: 'pending', attempts: 0, next_attempt_at: T0 + MINUTE });
    h.clock.advance(MINUTE - 1);
    expect(await h.service.runOnce()).toMatchObject({ sent: 0 });
    h.clock.advance(1);
    expect(await h.service.runOnce()).toMatchObject({ sent: 1, delivered: 1 });
    expect(h.receivers.messages.filter((m) => m.accepted)).toHaveLength(21);
    expect(h.receivers.messages.some((m) => m.problem === 'rate limit')).toBe(false);
  });

  it('DingTalk’s rate-limit error pauses the robot 10 minutes (configurable), without counting as a failure', async () => {
    // Our limit set above the robot's so the robot itself throttles the 21st (410100) and blocks.
    await h.target('ops-dingtalk', 'dingtalk', { perMinute: 100 });
    const ids: number[] = [];
    for (let n = 1; n <= 23; n++) ids.push(await h.enqueue(robot('ops-dingtalk', n)));
    expect(await h.service.runOnce()).toMatchObject({ sent: 21, delivered: 20, deferred: 1 });
    expect(h.state(ids[20]!)).toMatchObject({ state: 'pending', failures: 0, last_error_kind: 'rate-limit', next_attempt_at: T0 + 10 * MINUTE });
    expect((h.db.prepare("SELECT paused_until FROM notify_targets WHERE id = 'ops-dingtalk'").get() as { paused_until: number }).paused_until).toBe(T0 + 10 * MINUTE);
    h.clock.advance(9 * MINUTE);
    expect(await h.service.runOnce()).toMatchObject({ sent: 0 });
    h.clock.advance(MINUTE);
    expect(await h.service.runOnce()).toMatchObject({ sent: 3, delivered: 3 });
    for (const id of ids) expect(h.state(id).state).toBe('delivered');

    await h.settings({ dingtalkBlockMs: 2 * MINUTE });
    h.receivers.dingtalk.failNext(1, { errcode: 130101, message: 'send too fast, exceed 20 times per minute' });
    const next = await h.enqueue(robot('ops-dingtalk', 99));
    await h.service.runOnce();
    expect(h.state(next)).toMatchObject({ state: 'pending', next_attempt_at: h.clock.now() + 2 * MINUTE });
  });

  it('WeCom 45009 rests the robot a minute; Aliyun throttling delays only that SMS', async () => {
    h.receivers.wecom.failNext(1, 'rate-limit');
    const w = await h.enqueue(robot('warehouse-wecom', 1));
    await h.service.runOnce();
    expect(h.state(w)).toMatchObject({ state: 'pending', failures: 0, next_attempt_at: T0 + MINUTE });
    h.receivers.sms.failNext(1, 'rate-limit');
    const s = await h.enqueue({ template: 'logistics.stalled.customer', variables: ORDER_VARS, to: { kind: 'sms', phone: '13800138000' }, key: 'sms-1' });
    const other = await h.enqueue({ template: 'logistics.stalled.customer', variables: ORDER_VARS, to: { kind: 'sms', phone: '13900139000' }, key: 'sms-2' });
    await h.service.runOnce();
    expect(h.state(s)).toMatchObject({ state: 'pending', failures: 0, last_error_kind: 'rate-limit', next_attempt_at: T0 + 10 * MINUTE });
    expect(h.state(other).state).toBe('delivered');
  });
});

describe('retries and dead letters', () => {
  it('5xx twice then OK: retried after jittered exponential backoff, delivered exactly once', async () => {
    h.receivers.wecom.failNext(2, 'http-500');
    const id = await h.enqueue(robot('warehouse-wecom', 1));
    await h.service.runOnce();
    // random pinned at 0.5: full jitter = floor(0.5 × min(max, 5 s × 2^n))
    expect(h.state(id)).toMatchObject({ state: 'pending', failures: 1, next_attempt_at: T0 + 2_500 });
    h.clock.advance(2_499);
    expect(await h.service.runOnce()).toMatchObject({ sent: 0 });
    h.clock.advance(1);
    await h.service.runOnce();
    expect(h.state(id)).toMatchObject({ state: 'pending', failures: 2, next_attempt_at: T0 + 2_500 + 5_000 });
    h.clock.advance(5_000);
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
    expect(h.receivers.hits('ORDER-1')).toBe(1);
    expect(listAttempts(h.db, id).map((a) => a.outcome)).toEqual(['transient', 'transient', 'ok']);
  });

  it('a receiver that hangs: the send times out and is retried', async () => {
    h.receivers.wecom.failNext(1, 'hang');
    const id = await h.enqueue(robot('warehouse-wecom', 1));
    await h.service.runOnce();
    expect(h.state(id)).toMatchObject({ state: 'pending', failures: 1, last_error_kind: 'transient' });
    expect(listAttempts(h.db, id)[0]).toMatchObject({ outcome: 'transient', code: 'timeout' });
    h.clock.advance(MINUTE);
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
  });

  it('after maxAttempts failures: dead letter with an event; retry (audited) delivers it', async () => {
    await h.settings({ maxAttempts: 3 });
    h.receivers.wecom.mode = 'http-502';
    const id = await h.enqueue(robot('warehouse-wecom', 1));
    for (let i = 0; i < 3; i++) {
      await h.service.runOnce();
      h.clock.advance(10 * MINUTE);
    }
    expect(h.state(id)).toMatchObject({ state: 'dead', failures: 3 });
    expect(listOutbox(h.db, { state: 'dead' }).rows.map((r) => r.id)).toEqual([id]);
    expect(h.events.filter((e) => e.name === 'notify/deadLettered')).toHaveLength(1);
    expect(await h.service.runOnce()).toMatchObject({ sent: 0 });

    h.receivers.wecom.reset();
    const info = await h.service.retry(OPERATOR, 'console', id, '机器人已恢复');
    expect(info).toMatchObject({ state: 'pending', failures: 0 });
    await expect(h.service.retry(OPERATOR, 'console', id)).rejects.toThrow(/not a dead letter/);
    await h.service.runOnce();
    expect(h.state(id).state).toBe('delivered');
    expect(h.receivers.hits('ORDER-1')).toBe(1);
    const audit = h.db.prepare("SELECT actor_type, actor_id, reason FROM audit_events WHERE entity_type = 'notification' AND action = 'retry'").get();
    expect(audit).toEqual({ actor_type: 'operator', actor_id: '1', reason: '机器人已恢复' });
  });
});

describe('quiet hours and the in-app inbox', () => {
  it('a customer SMS enqueued at 23:00 Shanghai waits until 08:00; a staff SMS does not', async () => {
    h.clock.set(Date.UTC(2026, 10, 28, 15)); // 23:00 Asia/Shanghai
    const customer = await h.enqueue({ template: 'logistics.stalled.customer', variables: ORDER_VARS, to: { kind: 'sms', phone: '13800138000' }, key: 'night-1' });
    const staff = await h.enqueue({ template: 'logistics.stalled.customer', variables: ORDER_VARS, to: { kind: 'sms', phone: '13900139000', audience: 'staff' }, key: 'night-2' });
    expect(h.state(customer).next_attempt_at).toBe(Date.UTC(2026, 10, 29, 0)); // 08:00 Shanghai
    await h.service.runOnce();
    expect(h.state(customer).state).toBe('pending');
    expect(h.state(staff).state).toBe('delivered');
    h.clock.set(Date.UTC(2026, 10, 29, 0));
    await h.service.runOnce();
    expect(h.state(customer).state).toBe('delivered');
  });

  it('in-app messages: delivered in the enqueueing transaction, listed per role and operator, marked read per operator', async () => {
    const forRole = await h.enqueue({ template: 'logistics.firstScanOverdue', variables: ORDER_VARS, to: { kind: 'inbox', role: 'warehouse' }, key: 'in-1', cause: { entityType: 'order', entityId: 12 } });
    await h.enqueue({ template: 'notify.test', variables: { target: '收件箱', at: '10:00' }, to: { kind: 'inbox', operatorId: 5 }, key: 'in-2' });
    const later = await h.enqueue({ template: 'notify.test', variables: { target: '收件箱', at: '11:00' }, to: { kind: 'inbox', role: 'warehouse' }, key: 'in-3', notBefore: T0 + MINUTE });
    expect(h.state(forRole).state).toBe('delivered');
    expect(h.state(later).state).toBe('pending');
    const lead = { id: 5, role: 'warehouse' as const };
    const inbox = listInbox(h.db, lead, {});
    expect(inbox.unread).toBe(2);
    expect(inbox.rows.map((r) => r.title)).toEqual(['通知测试', '首扫超时：订单 3901234567890123456']);
    expect(inbox.rows[1]!.cause).toEqual({ entityType: 'order', entityId: '12' });
    expect(listInbox(h.db, { id: 6, role: 'cs' }, {}).rows).toHaveLength(0);
    expect(listInbox(h.db, { id: 7, role: 'warehouse' }, {}).unread).toBe(1);
    expect(await h.mutations.run(OPERATOR, 'test', (w) => markInboxRead(w, lead, [inbox.rows[1]!.id, 999]))).toBe(1);
    expect(listInbox(h.db, lead, { unreadOnly: true }).rows.map((r) => r.title)).toEqual(['通知测试']);
    expect(listInbox(h.db, { id: 7, role: 'warehouse' }, {}).unread).toBe(1); // another warehouse operator still has it unread
    h.clock.advance(MINUTE);
    await h.service.runOnce();
    expect(h.state(later).state).toBe('delivered');
    expect(listInbox(h.db, lead, {}).unread).toBe(2);
  });
});
