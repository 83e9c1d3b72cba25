/**
 * Delivery targets: a WeCom or DingTalk robot, or an SMS gateway account. Settings are plain JSON;
 * credentials (webhook URLs carry the robot's key, DingTalk's SEC secret, Aliyun's AccessKey) go to the
 * encrypted secrets store and are never returned, listed or logged.
 */
import type { NotifyTargetCredentials, NotifyTargetInfo, NotifyTargetSettings, TargetChannel } from '../contract/notify.js';
import type { WriteContext } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import type { Db } from '../store/db.js';

export const targetSecretName = (targetId: string) => `notify:${targetId}:credentials`;

export interface TargetRow {
  id: string;
  channel: TargetChannel;
  name: string;
  enabled: boolean;
  settings: NotifyTargetSettings;
  pausedUntil: number | null;
  updatedAt: number;
}

interface RawTarget {
  id: string;
  channel: TargetChannel;
  name: string;
  enabled: number;
  settings: string;
  paused_until: number | null;
  updated_at: number;
}

function fromRow(r: RawTarget): TargetRow {
  return { id: r.id, channel: r.channel, name: r.name, enabled: r.enabled === 1, settings: JSON.parse(r.settings) as NotifyTargetSettings, pausedUntil: r.paused_until, updatedAt: r.updated_at };
}

export function findTarget(db: Db, id: string): TargetRow | undefined {
  const row = db.prepare('SELECT * FROM notify_targets WHERE id = ?').get(id) as RawTarget | undefined;
  return row ? fromRow(row) : undefined;
}

export function listTargets(db: Db): TargetRow[] {
  return (db.prepare('SELECT * FROM notify_targets ORDER BY channel, id').all() as RawTarget[]).map(fromRow);
}

export function readCredentials(secrets: SecretStore, targetId: string): NotifyTargetCredentials {
  const text = secrets.get(targetSecretName(targetId));
  return text ? (JSON.parse(text) as NotifyTargetCredentials) : {};
}

export function saveTarget(w: WriteContext, secrets: SecretStore, input: { id: string; channel: TargetChannel; name: string; enabled?: boolean; settings?: NotifyTargetSettings; credentials?: NotifyTargetCredentials }): void {
  const existing = findTarget(w.db, input.id);
  const settings = { ...existing?.settings, ...input.settings };
  const enabled = input.enabled ?? existing?.enabled ?? true;
  w.db
    .prepare(
      `INSERT INTO notify_targets (id, channel, name, settings, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, settings = excluded.settings, enabled = excluded.enabled, updated_at = excluded.updated_at`,
    )
    .run(input.id, input.channel, input.name, JSON.stringify(settings), enabled ? 1 : 0, w.at, w.at);
  w.audit({
    entityType: 'notify-target',
    entityId: input.id,
    action: existing ? 'update' : 'create',
    changes: [
      { field: 'name', before: existing?.name ?? null, after: input.name },
      { field: 'enabled', before: existing?.enabled ?? null, after: enabled },
      { field: 'settings', before: existing?.settings ?? null, after: settings },
    ],
  });
  if (input.credentials) {
    // Blank fields keep what is stored: the form never shows secrets, so it cannot send them back.
    const merged = { ...readCredentials(secrets, input.id) };
    for (const [key, value] of Object.entries(input.credentials) as Array<[keyof NotifyTargetCredentials, string | undefined]>) if (value) merged[key] = value;
    secrets.put(w, targetSecretName(input.id), JSON.stringify(merged));
  }
}

export function pauseTarget(w: WriteContext, targetId: string, until: number, why: string): void {
  w.db.prepare('UPDATE notify_targets SET paused_until = max(coalesce(paused_until, 0), ?) WHERE id = ?').run(until, targetId);
  w.audit({ entityType: 'notify-target', entityId: targetId, action: 'pause', changes: [{ field: 'pausedUntil', before: null, after: until }], reason: why });
}

export function describeTarget(row: TargetRow, credentials: NotifyTargetCredentials, sentLastMinute: number, now: number): NotifyTargetInfo {
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    enabled: row.enabled,
    settings: row.settings,
    configured: { webhookUrl: Boolean(credentials.webhookUrl), signSecret: Boolean(credentials.signSecret), accessKey: Boolean(credentials.accessKeyId && credentials.accessKeySecret) },
    pausedUntil: row.pausedUntil !== null && row.pausedUntil > now ? row.pausedUntil : null,
    sentLastMinute,
    updatedAt: row.updatedAt,
  };
}
