/**
 * Site messages to the merchant's own app or mini-program backend (issue 4: "a site message through a
 * documented webhook"). The contract mirrors the merchant order push (README): HTTPS POST, JSON body,
 * HMAC-SHA256 over timestamp + "\n" + nonce + "\n" + body with a shared secret. Messages are written to
 * `site_messages` in the rule hit's own transaction (an outbox) and delivered afterwards, at least
 * once: the backend de-duplicates by the message id, which stays the same across retries.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../../contract/actors.js';
import { backoffDelay } from '../../kernel/backoff.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { MutationQueue, WriteContext } from '../../kernel/mutation.js';
import type { SecretStore } from '../../secrets/secrets.js';
import type { Db } from '../../store/db.js';
import { readSlaSettings, SITE_MESSAGE_SECRET } from './settings.js';

export const SITE_MESSAGE_HEADERS = {
  event: 'X-OrderHub-Event',
  delivery: 'X-OrderHub-Delivery',
  timestamp: 'X-OrderHub-Timestamp',
  nonce: 'X-OrderHub-Nonce',
  signature: 'X-OrderHub-Signature',
} as const;

/** Retry policy: six attempts over about an hour, then the message is dead (listed with its error). */
export const SITE_MESSAGE_RETRY = { attempts: 6, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };
const ACTOR: Actor = { type: 'system', id: 'site-messages', name: '站内信投递' };
const SOURCE = 'sla:site-messages';

export function signSiteMessage(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n`).update(body).digest('hex');
}

/** The JSON the merchant backend receives for `logistics.stalled` (documented in the README). */
export interface StalledSiteMessage {
  id: string;
  event: 'logistics.stalled';
  occurredAt: number;
  order: { platformOrderId: string; channel: string; shopId: string; receiverPhoneTail: string };
  parcel: { carrier: string; carrierName: string; waybillNo: string; state: string; lastEventAt: number | null; shippedAt: number };
  stalledHours: number;
  message: { title: string; text: string };
}

export function enqueueSiteMessage(w: WriteContext, message: StalledSiteMessage, orderId: number): { id: number; created: boolean } {
  const existing = w.db.prepare('SELECT id FROM site_messages WHERE idempotency_key = ?').get(message.id) as { id: number } | undefined;
  if (existing) return { id: existing.id, created: false };
  const info = w.db
    .prepare("INSERT INTO site_messages (idempotency_key, event, order_id, body, state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)")
    .run(message.id, message.event, orderId, JSON.stringify(message), w.at, w.at);
  const id = Number(info.lastInsertRowid);
  w.audit({ entityType: 'site-message', entityId: id, action: 'enqueue', changes: [{ field: 'event', before: null, after: message.event }] });
  return { id, created: true };
}

interface SiteMessageRow {
  id: number;
  idempotency_key: string;
  event: string;
  body: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: number;
}

export interface SiteMessageInfo {
  id: number;
  key: string;
  event: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export function siteMessageStates(db: Db, ids: number[]): Map<number, SiteMessageInfo> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare('SELECT * FROM site_messages WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<SiteMessageRow & { delivered_at: number | null; last_error: string | null }>;
  return new Map(rows.map((r) => [r.id, { id: r.id, key: r.idempotency_key, event: r.event, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, deliveredAt: r.delivered_at, lastError: r.last_error }]));
}

type Outcome = { kind: 'ok' } | { kind: 'retry' | 'dead'; error: string };

export interface SiteMessageSenderDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  secrets: SecretStore;
  logger?: Logger;
  fetch?: typeof fetch;
  random?: () => number;
  timeoutMs?: number;
}

export class SiteMessageSender {
  private running: Promise<{ delivered: number; retrying: number; dead: number }> | null = null;

  constructor(private readonly deps: SiteMessageSenderDeps) {}

  runOnce(): Promise<{ delivered: number; retrying: number; dead: number }> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass() {
    const summary = { delivered: 0, retrying: 0, dead: 0 };
    const now = this.deps.clock.now();
    const due = this.deps.db.prepare("SELECT id FROM site_messages WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 200").all(now) as Array<{ id: number }>;
    if (due.length === 0) return summary;
    const { siteMessages } = readSlaSettings(this.deps.db);
    const secret = this.deps.secrets.get(SITE_MESSAGE_SECRET);
    for (const { id } of due) {
      const claimed = await this.deps.mutations.run(ACTOR, SOURCE, (w) => this.claim(w, id));
      if (!claimed) continue;
      const outcome: Outcome =
        !siteMessages.url || !secret
          ? { kind: 'retry', error: !siteMessages.url ? 'No site-message URL is configured (SLA rules → site messages).' : 'No site-message signing secret is stored.' }
          : await this.post(siteMessages.url, secret, claimed);
      const final = outcome.kind === 'retry' && claimed.attempts >= SITE_MESSAGE_RETRY.attempts ? { kind: 'dead' as const, error: outcome.error } : outcome;
      await this.deps.mutations.run(ACTOR, SOURCE, (w) => this.record(w, claimed, final));
      summary[final.kind === 'ok' ? 'delivered' : final.kind === 'dead' ? 'dead' : 'retrying']++;
    }
    return summary;
  }

  /** Counts the attempt and pushes the next attempt past the call's timeout: a crash mid-send is retried, once. */
  private claim(w: WriteContext, id: number): SiteMessageRow | null {
    const row = w.db.prepare('SELECT * FROM site_messages WHERE id = ?').get(id) as SiteMessageRow | undefined;
    if (!row || row.state !== 'pending' || row.next_attempt_at > w.at) return null;
    const attempts = row.attempts + 1;
    w.db.prepare('UPDATE site_messages SET attempts = ?, next_attempt_at = ?, lease_until = ? WHERE id = ?').run(attempts, w.at + this.timeout() + 60_000, w.at + this.timeout() + 60_000, id);
    w.audit({ entityType: 'site-message', entityId: id, action: 'attempt', changes: [{ field: 'attempts', before: row.attempts, after: attempts }] });
    return { ...row, attempts };
  }

  private timeout(): number {
    return this.deps.timeoutMs ?? 10_000;
  }

  private async post(url: string, secret: string, row: SiteMessageRow): Promise<Outcome> {
    const timestamp = String(this.deps.clock.now());
    const nonce = randomBytes(16).toString('hex');
    try {
      const res = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          [SITE_MESSAGE_HEADERS.event]: row.event,
          [SITE_MESSAGE_HEADERS.delivery]: row.idempotency_key,
          [SITE_MESSAGE_HEADERS.timestamp]: timestamp,
          [SITE_MESSAGE_HEADERS.nonce]: nonce,
          [SITE_MESSAGE_HEADERS.signature]: signSiteMessage(secret, timestamp, nonce, row.body),
        },
        body: row.body,
        signal: AbortSignal.timeout(this.timeout()),
      });
      const text = (await res.text()).slice(0, 300);
      if (res.ok) return { kind: 'ok' };
      // 408 and 429 are "later", other 4xx mean the backend refuses this message for good.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      return { kind: permanent ? 'dead' : 'retry', error: `HTTP ${res.status}: ${text}` };
    } catch (err) {
      return { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
  }

  private record(w: WriteContext, row: SiteMessageRow, outcome: Outcome): void {
    if (outcome.kind === 'ok') {
      w.db.prepare("UPDATE site_messages SET state = 'delivered', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?").run(w.at, row.id);
    } else if (outcome.kind === 'dead') {
      w.db.prepare("UPDATE site_messages SET state = 'dead', lease_until = NULL, last_error = ? WHERE id = ?").run(outcome.error, row.id);
    } else {
      const delay = backoffDelay(row.attempts, SITE_MESSAGE_RETRY, (this.deps.random ?? Math.random)());
      w.db.prepare('UPDATE site_messages SET next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?').run(w.at + Math.max(delay, 1_000), outcome.error, row.id);
    }
    w.audit({ entityType: 'site-message', entityId: row.id, action: outcome.kind === 'ok' ? 'delivered' : outcome.kind === 'dead' ? 'dead' : 'retry', reason: outcome.kind === 'ok' ? null : outcome.error });
  }
}
