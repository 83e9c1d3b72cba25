/** Notifications (issue 4): the outbox, its dead letters, delivery targets and the in-app inbox. */
import type { Role } from './roles.js';

export const NOTIFY_CHANNELS = ['wecom', 'dingtalk', 'sms', 'inapp'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
/** Channels that deliver through a configured target (a robot webhook or an SMS gateway account). */
export const TARGET_CHANNELS = ['wecom', 'dingtalk', 'sms'] as const;
export type TargetChannel = (typeof TARGET_CHANNELS)[number];

export const NOTIFICATION_STATES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** How a delivery attempt ended; `crashed` = the worker died between the send and its record. */
export type AttemptOutcome = 'ok' | 'transient' | 'rate-limit' | 'permanent' | 'config' | 'crashed';

export interface NotificationInfo {
  id: number;
  idempotencyKey: string;
  channel: NotifyChannel;
  targetId: string;
  /** SMS phone (masked), `role:<role>` or `operator:<id>` for in-app; null for robots. */
  recipient: string | null;
  template: string;
  title: string;
  body: string;
  state: NotificationState;
  attempts: number;
  failures: number;
  notBefore: number;
  nextAttemptAt: number;
  createdAt: number;
  deliveredAt: number | null;
  deadAt: number | null;
  lastError: { kind: string; message: string } | null;
  cause: { entityType: string; entityId: string } | null;
}

export interface AttemptInfo {
  attempt: number;
  startedAt: number;
  finishedAt: number | null;
  outcome: AttemptOutcome | null;
  code: string | null;
  message: string | null;
}

/** Non-secret settings of a target; credentials are written separately and never read back. */
export interface NotifyTargetSettings {
  /** Robots: text or markdown (protocols.md §6.1, §6.2). */
  format?: 'text' | 'markdown';
  /** WeCom text: userids / '@all'; DingTalk: atMobiles. */
  mentions?: string[];
  /** Sends a minute allowed to this target (robots: 20, protocols.md §6). */
  perMinute?: number;
  /** SMS: gateway endpoint (default https://dysmsapi.aliyuncs.com/), sign name, region. */
  endpoint?: string;
  signName?: string;
  regionId?: string;
  /** SMS: our template name → the TemplateCode Aliyun approved for it. */
  templateCodes?: Record<string, string>;
}

export interface NotifyTargetCredentials {
  /** WeCom/DingTalk webhook URL including its key / access_token (protocols.md §6). */
  webhookUrl?: string;
  /** DingTalk 加签 secret (starts with SEC, protocols.md §6.2). */
  signSecret?: string;
  /** Aliyun AccessKey (protocols.md §7). */
  accessKeyId?: string;
  accessKeySecret?: string;
}

export interface NotifyTargetInfo {
  id: string;
  channel: TargetChannel;
  name: string;
  enabled: boolean;
  settings: NotifyTargetSettings;
  /** Which credentials are stored (never their values). */
  configured: { webhookUrl: boolean; signSecret: boolean; accessKey: boolean };
  /** Set after the partner answered a rate-limit error (DingTalk blocks 10 minutes). */
  pausedUntil: number | null;
  sentLastMinute: number;
  updatedAt: number;
}

export interface InboxMessage {
  id: number;
  notificationId: number;
  recipient: { role: Role } | { operatorId: number };
  template: string;
  title: string;
  body: string;
  createdAt: number;
  readAt: number | null;
  cause: { entityType: string; entityId: string } | null;
}

export interface QuietHours {
  /** 'HH:MM' local time; the window may wrap midnight (22:00–08:00). */
  start: string;
  end: string;
  /** Minutes east of UTC; Asia/Shanghai = 480 (no daylight saving). */
  utcOffsetMinutes: number;
}

export interface NotifySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Robots' default sends per minute (protocols.md §6: 20/min per robot). */
  robotPerMinute: number;
  /** After DingTalk's rate-limit error the robot is blocked this long (protocols.md §6.2: 10 minutes). */
  dingtalkBlockMs: number;
  /** After WeCom's 45009 the robot rests this long (protocols.md §6.1 documents no block) [U]. */
  wecomRateLimitPauseMs: number;
  /** After Aliyun's isv.BUSINESS_LIMIT_CONTROL (per-number throttling) the message waits this long [U]. */
  smsThrottleDelayMs: number;
  /** Rate-limited answers do not count as failures; after this many a message is dead-lettered anyway. */
  maxRateLimited: number;
  quietHours: QuietHours;
  /** Partner error codes by meaning; every [U] code is configurable (protocols.md §6, §7, §9). */
  codes: {
    wecomRateLimit: number[];
    wecomTransient: number[];
    dingtalkRateLimit: number[];
    dingtalkTransient: number[];
    smsThrottle: string[];
    smsTransient: string[];
  };
}

export interface OutboxQuery {
  state?: NotificationState;
  channel?: NotifyChannel;
  targetId?: string;
  limit?: number;
  /** Keyset paging: rows with id below this. */
  beforeId?: number;
}

export interface NotifyHandlers {
  'notify/outbox': { args: OutboxQuery; result: { rows: NotificationInfo[]; counts: Record<NotificationState, number> } };
  'notify/deadLetters': { args: { targetId?: string; limit?: number }; result: NotificationInfo[] };
  'notify/attempts': { args: { id: number }; result: AttemptInfo[] };
  'notify/retry': { args: { id: number; reason?: string }; result: NotificationInfo };
  'notify/targets': { args: Record<string, never>; result: NotifyTargetInfo[] };
  'notify/setTarget': {
    args: { id: string; channel: TargetChannel; name: string; enabled?: boolean; settings?: NotifyTargetSettings; credentials?: NotifyTargetCredentials };
    result: NotifyTargetInfo;
  };
  'notify/testSend': {
    args: { targetId: string; phone?: string };
    result: { notificationId: number; state: NotificationState; ok: boolean; detail: string };
  };
  'notify/settings': { args: Record<string, never>; result: NotifySettings };
  'notify/setSettings': { args: Partial<Omit<NotifySettings, 'codes' | 'quietHours'>> & { quietHours?: QuietHours; codes?: Partial<NotifySettings['codes']> }; result: NotifySettings };
  'notify/inbox': { args: { unreadOnly?: boolean; limit?: number }; result: { rows: InboxMessage[]; unread: number } };
  'notify/markRead': { args: { ids?: number[]; all?: boolean }; result: { marked: number } };
}

export interface NotifyEvents {
  'notify/deadLettered': { id: number; channel: NotifyChannel; targetId: string; template: string; error: string };
  'notify/inbox': { messageId: number; recipient: InboxMessage['recipient'] };
}
