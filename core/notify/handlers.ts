import { z } from 'zod';
import type { OperatorInfo } from '../contract/api.js';
import { NOTIFICATION_STATES, NOTIFY_CHANNELS, TARGET_CHANNELS, type NotifyHandlers, type NotifySettings } from '../contract/notify.js';
import { fail } from '../kernel/errors.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { listInbox, markInboxRead } from './inbox.js';
import { describeNotification, findNotification } from './outbox.js';
import { listAttempts, listOutbox } from './queries.js';
import { parseClockTime } from './quiet-hours.js';
import { sendsInWindow } from './rate-window.js';
import type { NotifyService } from './service.js';
import { readNotifySettings, writeNotifySettings } from './settings.js';
import { describeTarget, findTarget, listTargets, readCredentials, saveTarget } from './targets.js';

const targetSettings = z.object({
  format: z.enum(['text', 'markdown']).optional(),
  mentions: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
  perMinute: z.number().int().min(1).max(10_000).optional(),
  endpoint: z.string().url().optional(),
  signName: z.string().trim().min(1).max(40).optional(),
  regionId: z.string().trim().min(1).max(40).optional(),
  templateCodes: z.record(z.string(), z.string().trim().max(40)).optional(),
});
const credentials = z.object({
  webhookUrl: z.string().trim().url().max(1000).optional().or(z.literal('')),
  signSecret: z.string().trim().max(200).optional(),
  accessKeyId: z.string().trim().max(128).optional(),
  accessKeySecret: z.string().trim().max(256).optional(),
});
const clockTime = z.string().refine((v) => { try { parseClockTime(v); return true; } catch { return false; } }, 'HH:MM');
// Partner error codes (protocols.md §6, §7 [U]): a short list of distinct values, nothing blank.
const distinct = <T>(list: T[]) => new Set(list).size === list.length;
const errcodes = z.array(z.number().int().min(0).max(99_999_999)).max(20).refine(distinct, { message: 'codes repeat' });
const smsCodes = z.array(z.string().trim().min(1).max(64)).max(20).refine(distinct, { message: 'codes repeat' });

const settingsArgs = z.object({
  maxAttempts: z.number().int().min(1).max(100).optional(),
  baseDelayMs: z.number().int().min(100).max(3_600_000).optional(),
  maxDelayMs: z.number().int().min(1000).max(86_400_000).optional(),
  robotPerMinute: z.number().int().min(1).max(1000).optional(),
  dingtalkBlockMs: z.number().int().min(0).max(86_400_000).optional(),
  wecomRateLimitPauseMs: z.number().int().min(0).max(86_400_000).optional(),
  smsThrottleDelayMs: z.number().int().min(0).max(86_400_000).optional(),
  maxRateLimited: z.number().int().min(1).max(10_000).optional(),
  quietHours: z.object({ start: clockTime, end: clockTime, utcOffsetMinutes: z.number().int().min(-720).max(840) }).optional(),
  codes: z.object({ wecomRateLimit: errcodes, wecomTransient: errcodes, dingtalkRateLimit: errcodes, dingtalkTransient: errcodes, smsThrottle: smsCodes, smsTransient: smsCodes }).partial().optional(),
});

export function notifyHandlers(service: NotifyService): ModuleHandlers<keyof NotifyHandlers> {
  const { db, mutations, clock, secrets } = service.deps;
  const target = (id: string) => {
    const row = findTarget(db, id);
    if (!row) throw fail.notFound(`No notification target ${id}.`);
    return describeTarget(row, readCredentials(secrets, id), sendsInWindow(db, id, clock.now()), clock.now());
  };
  const operatorOf = (operator: OperatorInfo | null): OperatorInfo => {
    if (!operator) throw fail.forbidden('The inbox belongs to a logged-in operator.');
    return operator;
  };
  return {
    'notify/outbox': {
      permission: 'notify.read',
      args: z.object({ state: z.enum(NOTIFICATION_STATES).optional(), channel: z.enum(NOTIFY_CHANNELS).optional(), targetId: z.string().max(64).optional(), limit: z.number().int().min(1).max(1000).optional(), beforeId: z.number().int().positive().optional() }).default({}),
      run: (_ctx, args) => listOutbox(db, args),
    },
    'notify/deadLetters': {
      permission: 'notify.read',
      args: z.object({ targetId: z.string().max(64).optional(), limit: z.number().int().min(1).max(1000).optional() }).default({}),
      run: (_ctx, args) => listOutbox(db, { state: 'dead', limit: args.limit ?? 200, ...(args.targetId ? { targetId: args.targetId } : {}) }).rows,
    },
    'notify/attempts': {
      permission: 'notify.read',
      args: z.object({ id: z.number().int().positive() }),
      run: (_ctx, args) => {
        if (!findNotification(db, args.id)) throw fail.notFound(`No notification ${args.id}.`);
        return listAttempts(db, args.id);
      },
    },
    'notify/retry': {
      permission: 'notify.manage',
      args: z.object({ id: z.number().int().positive(), reason: z.string().max(500).optional() }),
      run: (ctx, args) => service.retry(ctx.actor, ctx.source, args.id, args.reason),
    },
    'notify/targets': {
      permission: 'notify.read',
      args: z.object({}).default({}),
      run: () => listTargets(db).map((row) => describeTarget(row, readCredentials(secrets, row.id), sendsInWindow(db, row.id, clock.now()), clock.now())),
    },
    'notify/setTarget': {
      permission: 'notify.manage',
      args: z.object({ id: z.string().trim().min(2).max(40).regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and - only'), channel: z.enum(TARGET_CHANNELS), name: z.string().trim().min(1).max(60), enabled: z.boolean().optional(), settings: targetSettings.optional(), credentials: credentials.optional() }),
      run: async (ctx, args) => {
        const existing = findTarget(db, args.id);
        if (existing && existing.channel !== args.channel) throw fail.conflict(`Target ${args.id} is a ${existing.channel} target.`, { channel: 'cannot change' });
        const { webhookUrl, ...rest } = args.credentials ?? {};
        const creds = { ...rest, ...(webhookUrl ? { webhookUrl } : {}) };
        await mutations.run(ctx.actor, ctx.source, (w) => saveTarget(w, secrets, { ...args, ...(args.credentials ? { credentials: creds } : {}) }));
        return target(args.id);
      },
    },
    'notify/testSend': {
      permission: 'notify.manage',
      args: z.object({ targetId: z.string().max(64), phone: z.string().trim().max(20).optional() }),
      run: async (ctx, args) => {
        const row = findTarget(db, args.targetId);
        if (!row) throw fail.notFound(`No notification target ${args.targetId}.`);
        if (row.channel === 'sms' && !args.phone) throw fail.validation('A test SMS needs a phone number.', { phone: 'required' });
        const at = clock.now();
        const variables = { target: row.name, at: new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') };
        const to = row.channel === 'sms' ? { kind: 'sms' as const, phone: args.phone!, target: row.id, audience: 'staff' as const } : { kind: 'robot' as const, target: row.id };
        const queued = await mutations.run(ctx.actor, ctx.source, (w) => service.enqueue(w, { template: 'notify.test', variables, to, key: `test:${row.id}:${at}:${Math.random().toString(36).slice(2, 10)}`, cause: { entityType: 'notify-target', entityId: row.id } }));
        await service.worker.deliverNow(queued.id);
        const info = describeNotification(findNotification(db, queued.id)!);
        const ok = info.state === 'delivered';
        const detail = ok ? 'delivered' : info.lastError ? `${info.lastError.kind}: ${info.lastError.message}` : `queued until ${new Date(info.nextAttemptAt).toISOString()} (rate limit)`;
        return { notificationId: info.id, state: info.state, ok, detail };
      },
    },
    'notify/settings': { permission: 'notify.read', args: z.object({}).default({}), run: () => readNotifySettings(db) },
    'notify/setSettings': {
      permission: 'notify.manage',
      args: settingsArgs,
      run: async (ctx, args) => {
        const current = readNotifySettings(db);
        const next: NotifySettings = { ...current, ...args, quietHours: args.quietHours ?? current.quietHours, codes: { ...current.codes, ...args.codes } } as NotifySettings;
        if (next.maxDelayMs < next.baseDelayMs) throw fail.validation('The longest retry delay must not be shorter than the first.', { maxDelayMs: 'below baseDelayMs' });
        await mutations.run(ctx.actor, ctx.source, (w) => writeNotifySettings(w, next));
        return readNotifySettings(db);
      },
    },
    'notify/inbox': {
      permission: 'session',
      args: z.object({ unreadOnly: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).default({}),
      run: (ctx, args) => listInbox(db, operatorOf(ctx.operator), args),
    },
    'notify/markRead': {
      permission: 'session',
      args: z.object({ ids: z.array(z.number().int().positive()).max(1000).optional(), all: z.boolean().optional() }).refine((a) => a.all || (a.ids && a.ids.length > 0), 'name the messages, or all'),
      run: async (ctx, args) => {
        const operator = operatorOf(ctx.operator);
        const marked = await mutations.run(ctx.actor, ctx.source, (w) => markInboxRead(w, operator, args.all ? 'all' : (args.ids ?? [])));
        return { marked };
      },
    },
  };
}
