/**
 * Engine-wide notification knobs, stored as one JSON row so an administrator can change them; every
 * value a partner did not firmly document ([U] in protocols.md) is here rather than in code.
 */
import type { NotifySettings } from '../contract/notify.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { DEFAULT_QUIET_HOURS } from './quiet-hours.js';

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  maxAttempts: 6,
  baseDelayMs: 5_000,
  maxDelayMs: 10 * 60_000,
  robotPerMinute: 20, // protocols.md §6.1 and §6.2: 20 messages/minute per robot [S]
  dingtalkBlockMs: 10 * 60_000, // protocols.md §6.2: throttled for 10 minutes after exceeding [S]
  wecomRateLimitPauseMs: 60_000, // protocols.md §6.1 names no block: wait for the minute to pass [U]
  smsThrottleDelayMs: 10 * 60_000, // protocols.md §7: throttling code documented, its duration not [U]
  maxRateLimited: 50,
  quietHours: DEFAULT_QUIET_HOURS,
  codes: {
    wecomRateLimit: [45009], // protocols.md §6.1 45009 接口调用超过频率限制
    wecomTransient: [-1], // busy [U]
    // protocols.md §6.2 410100 发送速度太快而限流; 130101 "send too fast" is what robots answer in the wild [U]
    dingtalkRateLimit: [410100, 130101],
    dingtalkTransient: [-1], // protocols.md §6.2 -1 系统繁忙
    smsThrottle: ['isv.BUSINESS_LIMIT_CONTROL', 'Throttling.User', 'Throttling'], // protocols.md §7 [U]
    smsTransient: ['isp.SYSTEM_ERROR', 'ServiceUnavailable', 'InternalError'], // [U]
  },
};

export function readNotifySettings(db: Db): NotifySettings {
  const row = db.prepare('SELECT settings FROM notify_settings WHERE id = 1').get() as { settings: string } | undefined;
  if (!row) return DEFAULT_NOTIFY_SETTINGS;
  const stored = JSON.parse(row.settings) as Partial<NotifySettings>;
  return { ...DEFAULT_NOTIFY_SETTINGS, ...stored, quietHours: { ...DEFAULT_NOTIFY_SETTINGS.quietHours, ...stored.quietHours }, codes: { ...DEFAULT_NOTIFY_SETTINGS.codes, ...stored.codes } };
}

export function writeNotifySettings(w: WriteContext, next: NotifySettings): void {
  const before = readNotifySettings(w.db);
  w.db
    .prepare('INSERT INTO notify_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at')
    .run(JSON.stringify(next), w.at);
  w.audit({ entityType: 'notify-settings', entityId: 1, action: 'update', changes: [{ field: 'settings', before, after: next }] });
}
