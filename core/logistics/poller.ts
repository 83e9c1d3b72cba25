/**
 * Polling: each tick takes the parcels whose next_poll_at is due, asks the partner chosen for their
 * carrier (Kuaidi100 for all by default; a direct courier adapter when `routes` says so), and ingests
 * the answers. A parcel not yet subscribed is subscribed first where the partner pushes and the host
 * can receive (a push arrives 15 min–4 h later, §5.4, so it is queried now as well). Failures back off
 * per parcel (jittered); a rate-limit answer or the per-partner budget pauses that partner only.
 * The bookkeeping of one partner's batch is one transaction with one audit event.
 */
import type { Actor } from '../contract/actors.js';
import { backoffDelay } from '../kernel/backoff.js';
import type { Clock } from '../kernel/clock.js';
import type { MutationQueue, WriteContext } from '../kernel/mutation.js';
import { partnerFor, type LogisticsConfig } from './config.js';
import { ingestTrackingIn, type TrackingIngestOutcome } from './ingest.js';
import type { ParcelDbRow } from './repo.js';
import { CarrierError, type CarrierAdapter, type LogisticsPartner, type TrackingResult } from './types.js';

const SYSTEM = { type: 'system' as const, id: 'logistics', name: '物流跟踪' };

export interface PollReport {
  due: number;
  queried: number;
  subscribed: number;
  failed: number;
  /** Parcels left due because their partner was paused or over its budget. */
  deferred: number;
  added: number;
}

interface Attempt {
  parcel: ParcelDbRow;
  partner: LogisticsPartner;
  subscribed: boolean;
  /** The partner refused the subscription for good (e.g. 700 unsupported company): poll only. */
  subscribeRefused: string | null;
  result: TrackingResult | null;
  error: CarrierError | null;
}

export class TrackingPoller {
  private readonly pausedUntil = new Map<string, number>();
  private readonly calls = new Map<string, number[]>();
  private running = false;

  constructor(
    private readonly deps: {
      mutations: MutationQueue;
      db: WriteContext['db'];
      clock: Clock;
      config: LogisticsConfig;
      adapters: () => ReadonlyMap<LogisticsPartner, CarrierAdapter>;
      random?: () => number;
    },
  ) {}

  /** One scheduler tick. Overlapping ticks are refused (a slow partner must not double the load). */
  async tick(): Promise<PollReport> {
    const report: PollReport = { due: 0, queried: 0, subscribed: 0, failed: 0, deferred: 0, added: 0 };
    if (this.running) return report;
    this.running = true;
    try {
      const now = this.deps.clock.now();
      const due = this.deps.db
        .prepare("SELECT * FROM parcels WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? AND state NOT IN ('DELIVERED', 'RETURNED') ORDER BY next_poll_at, id LIMIT ?")
        .all(now, this.deps.config.poll.batch) as ParcelDbRow[];
      report.due = due.length;
      const byPartner = new Map<LogisticsPartner, ParcelDbRow[]>();
      for (const p of due) {
        const partner = partnerFor(this.deps.config, p.carrier);
        byPartner.set(partner, [...(byPartner.get(partner) ?? []), p]);
      }
      for (const [partner, parcels] of byPartner) await this.pollPartner(partner, parcels, report, { actor: SYSTEM, source: `${partner}:poll` });
      return report;
    } finally {
      this.running = false;
    }
  }

  private budget(partner: LogisticsPartner, now: number): number {
    if ((this.pausedUntil.get(partner) ?? 0) > now) return 0;
    const perMinute = this.deps.config.poll.perMinute[partner] ?? 60;
    const recent = (this.calls.get(partner) ?? []).filter((t) => t > now - 60_000);
    this.calls.set(partner, recent);
    return Math.max(0, perMinute - recent.length);
  }

  private spend(partner: LogisticsPartner): void {
    const list = this.calls.get(partner) ?? [];
    list.push(this.deps.clock.now());
    this.calls.set(partner, list);
  }

  /**
   * Poll these parcels now, whatever their schedule (an operator's "track now", the waybill re-push
   * flow): the same subscribe-and-query path and bookkeeping as a tick, under the caller's actor.
   */
  async pollNow(parcels: ParcelDbRow[], who: { actor: Actor; source: string }): Promise<Map<number, { outcome: TrackingIngestOutcome | null; error: CarrierError | null }>> {
    const report: PollReport = { due: parcels.length, queried: 0, subscribed: 0, failed: 0, deferred: 0, added: 0 };
    const byPartner = new Map<LogisticsPartner, ParcelDbRow[]>();
    for (const p of parcels) {
      const partner = partnerFor(this.deps.config, p.carrier);
      byPartner.set(partner, [...(byPartner.get(partner) ?? []), p]);
    }
    const out = new Map<number, { outcome: TrackingIngestOutcome | null; error: CarrierError | null }>();
    for (const [partner, list] of byPartner) {
      for (const [id, r] of await this.pollPartner(partner, list, report, who, true)) out.set(id, r);
    }
    return out;
  }

  private async pollPartner(
    partner: LogisticsPartner,
    parcels: ParcelDbRow[],
    report: PollReport,
    who: { actor: Actor; source: string },
    /** An operator asked: the per-minute budget still counts the call but does not refuse it. */
    urgent = false,
  ): Promise<Map<number, { outcome: TrackingIngestOutcome | null; error: CarrierError | null }>> {
    const results = new Map<number, { outcome: TrackingIngestOutcome | null; error: CarrierError | null }>();
    const adapter = this.deps.adapters().get(partner);
    const attempts: Attempt[] = [];
    if (!adapter) {
      for (const parcel of parcels) attempts.push({ parcel, partner, subscribed: false, subscribeRefused: null, result: null, error: new CarrierError('permanent', `No ${partner} adapter is configured (partners.logistics.${partner}).`) });
    } else {
      const queue = [...parcels];
      const worker = async () => {
        for (let parcel = queue.shift(); parcel; parcel = queue.shift()) {
          if (!urgent && this.budget(partner, this.deps.clock.now()) <= 0) {
            report.deferred += 1 + queue.length;
            queue.length = 0;
            return;
          }
          attempts.push(await this.attempt(adapter, partner, parcel));
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, this.deps.config.poll.concurrency) }, worker));
    }
    if (attempts.length === 0) return results;
    const outcomes = await this.deps.mutations.run(who.actor, who.source, (w) => this.record(w, attempts));
    attempts.forEach((a, i) => results.set(a.parcel.id, { outcome: outcomes[i] ?? null, error: a.error }));
    for (const a of attempts) {
      if (a.error) report.failed++;
      else report.queried++;
      if (a.subscribed) report.subscribed++;
    }
    report.added += outcomes.reduce((n, o) => n + (o?.added ?? 0), 0);
    return results;
  }

  private async attempt(adapter: CarrierAdapter, partner: LogisticsPartner, parcel: ParcelDbRow): Promise<Attempt> {
    const q = { carrier: parcel.carrier, waybillNo: parcel.waybill_no, ...(parcel.phone_tail ? { phoneTail: parcel.phone_tail } : {}) };
    const attempt: Attempt = { parcel, partner, subscribed: false, subscribeRefused: null, result: null, error: null };
    try {
      if (!adapter.serves(parcel.carrier)) throw new CarrierError('permanent', `${partner} does not follow carrier ${parcel.carrier}.`);
      const callbackUrl = partner === 'kuaidi100' ? this.deps.config.kuaidi100?.callbackUrl : null;
      if (adapter.subscribe && callbackUrl && parcel.subscription !== 'subscribed' && this.mayResubscribe(parcel)) {
        this.spend(partner);
        try {
          await adapter.subscribe({ ...q, callbackUrl });
          attempt.subscribed = true;
        } catch (err) {
          if (!(err instanceof CarrierError) || (err.kind !== 'permanent' && err.kind !== 'not-found')) throw err;
          attempt.subscribeRefused = err.message;
        }
      }
      this.spend(partner);
      attempt.result = await adapter.query(q);
    } catch (err) {
      attempt.error = err instanceof CarrierError ? err : new CarrierError('transient', err instanceof Error ? err.message : String(err));
      if (attempt.error.kind === 'rate-limit') {
        this.pausedUntil.set(partner, this.deps.clock.now() + (attempt.error.retryAfterMs ?? this.deps.config.poll.rateLimitPauseMs));
      }
    }
    return attempt;
  }

  /** After `abort` Kuaidi100 asks for ~30 min before a new subscription (protocols.md §5.4). */
  private mayResubscribe(parcel: ParcelDbRow): boolean {
    if (parcel.subscription === 'failed') return false;
    if (parcel.subscription !== 'ended') return true;
    return parcel.subscribed_at === null || this.deps.clock.now() - parcel.updated_at >= this.deps.config.poll.resubscribeAfterMs;
  }

  private record(w: WriteContext, attempts: Attempt[]): Array<TrackingIngestOutcome | null> {
    const poll = this.deps.config.poll;
    const random = this.deps.random ?? Math.random;
    const outcomes: Array<TrackingIngestOutcome | null> = [];
    let failed = 0;
    for (const a of attempts) {
      let outcome: TrackingIngestOutcome | null = null;
      if (a.subscribeRefused) w.db.prepare("UPDATE parcels SET subscription = 'failed', last_error_kind = 'permanent', last_error = ?, last_error_at = ? WHERE id = ?").run(a.subscribeRefused.slice(0, 500), w.at, a.parcel.id);
      if (a.subscribed) w.db.prepare("UPDATE parcels SET subscription = 'subscribed', subscribed_at = ?, partner = ? WHERE id = ?").run(w.at, a.partner, a.parcel.id);
      if (a.result) {
        outcome = ingestTrackingIn(w, a.result, { kind: 'poll', label: `${a.partner}:poll` });
        const row = w.db.prepare('SELECT state, subscription FROM parcels WHERE id = ?').get(outcome.parcelId) as { state: string; subscription: string };
        const ended = row.state === 'DELIVERED' || row.state === 'RETURNED';
        const next = ended ? null : w.at + (row.subscription === 'subscribed' ? poll.subscribedIntervalMs : poll.intervalMs);
        w.db.prepare('UPDATE parcels SET partner = ?, next_poll_at = ?, poll_failures = 0, last_error_kind = NULL, last_error = NULL, last_error_at = NULL WHERE id = ?').run(a.partner, next, outcome.parcelId);
      } else if (a.error) {
        failed++;
        const kind = a.error.kind;
        // A rate limit is ours to pace, not the parcel's fault: it stays due without a failure counted.
        const failures = kind === 'rate-limit' ? a.parcel.poll_failures : a.parcel.poll_failures + 1;
        const delay = kind === 'rate-limit'
          ? a.error.retryAfterMs ?? poll.rateLimitPauseMs
          : kind === 'not-found'
            ? poll.intervalMs // no trail yet: the first scan has not happened; the SLA rule watches that
            : backoffDelay(failures, { attempts: Number.MAX_SAFE_INTEGER, baseDelayMs: poll.backoffBaseMs, maxDelayMs: poll.backoffMaxMs }, random(), a.error.retryAfterMs);
        w.db.prepare('UPDATE parcels SET partner = ?, poll_failures = ?, last_error_kind = ?, last_error = ?, last_error_at = ?, next_poll_at = ? WHERE id = ?')
          .run(a.partner, failures, kind, a.error.message.slice(0, 500), w.at, w.at + Math.max(1000, delay), a.parcel.id);
        if (kind === 'not-found') recordNoTrailYet(w, a.parcel.id);
      }
      outcomes.push(outcome);
    }
    w.audit({
      entityType: 'logistics', entityId: 'poll', action: 'poll-run',
      changes: [{ field: 'queried', before: null, after: attempts.length - failed }, { field: 'failed', before: null, after: failed }],
      reason: attempts.find((a) => a.error)?.error?.message ?? null,
    });
    return outcomes;
  }
}

/** "No record yet" is an answer: the partner was asked, so the SLA rules may judge the silence (sla/evaluate.ts). */
export function recordNoTrailYet(w: WriteContext, parcelId: number): void {
  w.db.prepare('UPDATE parcels SET last_received_at = ? WHERE id = ?').run(w.at, parcelId);
}
