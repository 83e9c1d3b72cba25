/**
 * An outbox on a real in-memory store, a real worker speaking HTTP to the loopback receivers of
 * sandbox/notify, and a manual clock shared by both (the DingTalk and Aliyun timestamp checks use it).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../core/contract/actors.js';
import type { CoreEventMessage } from '../core/contract/api.js';
import type { NotifySettings, NotifyTargetCredentials, NotifyTargetSettings, TargetChannel } from '../core/contract/notify.js';
import { ManualClock } from '../core/kernel/clock.js';
import { MutationQueue, type WriteContext } from '../core/kernel/mutation.js';
import type { NotificationRequest } from '../core/notify/outbox.js';
import { NotifyService } from '../core/notify/service.js';
import { readNotifySettings, writeNotifySettings } from '../core/notify/settings.js';
import { saveTarget } from '../core/notify/targets.js';
import { SecretStore } from '../core/secrets/secrets.js';
import { openDatabase, type Db } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';
import { startNotifyReceivers, type NotifyReceivers } from '../sandbox/notify/index.js';

export const T0 = Date.UTC(2026, 10, 28, 2); // 10:00 Asia/Shanghai
export const OPERATOR: Actor = { type: 'operator', id: '1', name: '管理员' };
export const SYSTEM: Actor = { type: 'system', id: 'rules', name: 'SLA 规则' };
export const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
export const DINGTALK_TOKEN = 'dt-token-0a1b2c3d';
export const DINGTALK_SECRET = 'SECb6f2c1d0e9a8f7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1';
export const SMS_KEY = { id: 'LTAI5tSandboxKeyId01', secret: 'SandboxAccessKeySecret0123456789' };
export const SMS_TEMPLATE = 'SMS_465890123';

export interface NotifyHarness {
  db: Db;
  clock: ManualClock;
  mutations: MutationQueue;
  service: NotifyService;
  receivers: NotifyReceivers;
  events: CoreEventMessage[];
  enqueue(request: NotificationRequest): Promise<number>;
  /** A write of the caller's own (here: an order remark) with the notification in the same transaction. */
  inWrite<T>(write: (w: WriteContext) => T): Promise<T>;
  target(id: string, channel: TargetChannel, settings?: NotifyTargetSettings, credentials?: NotifyTargetCredentials): Promise<void>;
  settings(patch: Partial<NotifySettings>): Promise<void>;
  state(id: number): { state: string; attempts: number; failures: number; next_attempt_at: number; last_error: string | null; last_error_kind: string | null };
  close(): Promise<void>;
}

export async function notifyHarness(options: { timeoutMs?: number; random?: () => number } = {}): Promise<NotifyHarness> {
  const db = openDatabase({ file: ':memory:' });
  migrate(db);
  const clock = new ManualClock(T0);
  const events: CoreEventMessage[] = [];
  const mutations = new MutationQueue(db, clock, { afterCommit: () => undefined, publish: (e) => events.push(e) });
  const secrets = new SecretStore(db, randomBytes(32));
  const receivers = await startNotifyReceivers({
    now: () => clock.now(),
    wecomKeys: [WECOM_KEY],
    dingtalkRobots: { [DINGTALK_TOKEN]: DINGTALK_SECRET },
    smsAccounts: { [SMS_KEY.id]: { accessKeySecret: SMS_KEY.secret, signNames: ['订单中心'], templates: { [SMS_TEMPLATE]: ['orderId', 'carrier', 'waybillNo', 'hours'], SMS_000TEST: ['target', 'at'] } } },
  });
  const service = new NotifyService({ db, mutations, clock, secrets, worker: { random: options.random ?? (() => 0.5), timeoutMs: options.timeoutMs ?? 400, leaseMs: 120_000 } });
  const harness: NotifyHarness = {
    db,
    clock,
    mutations,
    service,
    receivers,
    events,
    enqueue: (request) => mutations.run(SYSTEM, 'rules', (w) => service.enqueue(w, request).id),
    inWrite: (write) => mutations.run(SYSTEM, 'rules', write),
    target: (id, channel, settings = {}, credentials) =>
      mutations.run(OPERATOR, 'test', (w) =>
        saveTarget(w, secrets, {
          id,
          channel,
          name: id,
          // SMS always goes to the loopback gateway, never to dysmsapi.aliyuncs.com
          settings: channel === 'sms' ? { endpoint: receivers.smsEndpoint, ...settings } : settings,
          credentials: credentials ?? (channel === 'wecom' ? { webhookUrl: receivers.wecomUrl(WECOM_KEY) } : channel === 'dingtalk' ? { webhookUrl: receivers.dingtalkUrl(DINGTALK_TOKEN), signSecret: DINGTALK_SECRET } : { accessKeyId: SMS_KEY.id, accessKeySecret: SMS_KEY.secret }),
        }),
      ),
    settings: (patch) => mutations.run(OPERATOR, 'test', (w) => writeNotifySettings(w, { ...readNotifySettings(w.db), ...patch })),
    state: (id) => db.prepare('SELECT state, attempts, failures, next_attempt_at, last_error, last_error_kind FROM notifications WHERE id = ?').get(id) as ReturnType<NotifyHarness['state']>,
    close: async () => {
      await service.worker.stop();
      await receivers.close();
      db.close();
    },
  };
  return harness;
}

export const ORDER_VARS = { orderId: '3901234567890123456', waybillNo: 'SF1234567890123', carrier: '顺丰速运', hours: 2 };
