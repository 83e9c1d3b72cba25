/**
 * `evaluateSla(now)`: the every-minute job that finds parcels past a rule's deadline and fires the rule
 * once per episode. Cheap with many parcels: it never walks all parcels, only index ranges whose clock
 * started between `now − lookback` and `now − shortest threshold` (parcels_unscanned, parcels_silent,
 * parcels_state), minus episodes that already fired (the sla_hits unique key). Business-hours deadlines
 * are then computed for those few in code.
 *
 * A parcel without a single carrier event is judged only once a tracking partner has answered for it
 * (a trail, or "no record yet": `last_received_at`). Before that the silence is ours, not the
 * carrier's — no partner configured yet, a partner down, a back-filled history not queried yet — and
 * must not text customers that their parcel is stuck. Once answered, the clock still counts from the
 * ship time, so a parcel never picked up fires at once.
 */
import type { SlaRunSummary, SlaSettings } from '../../contract/logistics-exceptions.js';
import { TRACKING_STATES, type TrackingState } from '../../contract/logistics.js';
import type { Clock } from '../../kernel/clock.js';
import type { MutationQueue, WriteContext } from '../../kernel/mutation.js';
import type { TemplateRegistry } from '../../notify/templates.js';
import type { Db } from '../../store/db.js';
import { TERMINAL_STATES } from '../taxonomy.js';
import { deadlineOf } from './calendar.js';
import { fire, linkedOrders, SLA_ACTOR, SLA_SOURCE, type CandidateParcel, type Due } from './fire.js';
import { effectiveRule, shortestThreshold } from './resolve.js';
import { readSlaSettings } from './settings.js';

export interface SlaDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  templates: TemplateRegistry;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Hits per transaction: short transactions keep the write lock available to ingestion between batches. */
const BATCH = 100;

const COLUMNS = 'p.id, p.carrier, p.waybill_no, p.shipped_at, p.state, p.first_scan_at, p.last_event_at, p.warehouse, p.channel';

export function findDue(db: Db, settings: SlaSettings, now: number): { due: Due[]; examined: number } {
  const due: Due[] = [];
  let examined = 0;
  const since = now - settings.lookbackDays * DAY;
  const consider = (parcel: CandidateParcel, ruleId: 'firstScan' | 'stall', anchorField: Due['anchorField'], anchorAt: number) => {
    examined++;
    const rule = effectiveRule(settings, ruleId, parcel);
    if (!rule.enabled) return;
    const deadlineAt = deadlineOf(anchorAt, rule.thresholdMinutes, rule.businessHoursOnly, settings.calendar);
    if (deadlineAt <= now) due.push({ parcel, rule, anchorField, anchorAt, deadlineAt });
  };

  const firstScan = shortestThreshold(settings, 'firstScan');
  if (firstScan !== null) {
    const rows = db
      .prepare(
        `SELECT ${COLUMNS} FROM parcels p WHERE p.first_scan_at IS NULL AND p.shipped_at BETWEEN ? AND ? AND p.last_received_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM sla_hits h WHERE h.parcel_id = p.id AND h.rule = 'firstScan' AND h.anchor_at = p.shipped_at)`,
      )
      .all(since, now - firstScan * MINUTE) as CandidateParcel[];
    for (const p of rows) if (!TERMINAL_STATES.has(p.state)) consider(p, 'firstScan', 'shipped_at', p.shipped_at);
  }

  const stall = shortestThreshold(settings, 'stall');
  if (stall !== null) {
    const bound = now - stall * MINUTE;
    const ignored = new Set<TrackingState>(settings.stallIgnoredStates);
    const byState = db.prepare(
      `SELECT ${COLUMNS} FROM parcels p WHERE p.state = ? AND p.last_event_at BETWEEN ? AND ?
       AND NOT EXISTS (SELECT 1 FROM sla_hits h WHERE h.parcel_id = p.id AND h.rule = 'stall' AND h.anchor_at = p.last_event_at)`,
    );
    for (const state of TRACKING_STATES) {
      if (ignored.has(state)) continue;
      for (const p of byState.all(state, since, bound) as CandidateParcel[]) consider(p, 'stall', 'last_event_at', p.last_event_at!);
    }
    // Never scanned at all: the silence counts from the ship time.
    const silent = db
      .prepare(
        `SELECT ${COLUMNS} FROM parcels p WHERE p.last_event_at IS NULL AND p.shipped_at BETWEEN ? AND ? AND p.last_received_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM sla_hits h WHERE h.parcel_id = p.id AND h.rule = 'stall' AND h.anchor_at = p.shipped_at)`,
      )
      .all(since, bound) as CandidateParcel[];
    for (const p of silent) if (!ignored.has(p.state)) consider(p, 'stall', 'shipped_at', p.shipped_at);
  }
  return { due, examined };
}

interface OpenHit {
  id: number;
  rule: 'firstScan' | 'stall';
  parcel_id: number;
  anchor_at: number;
  carrier: string;
  waybill_no: string;
  shipped_at: number;
  first_scan_at: number | null;
  last_event_at: number | null;
  state: TrackingState;
}

/** Why an open episode is over, or null while it still runs. */
function endOf(h: OpenHit, settings: SlaSettings): string | null {
  if (h.rule === 'firstScan') {
    if (h.first_scan_at !== null) return 'first-scan';
    return TERMINAL_STATES.has(h.state) ? `state:${h.state}` : null;
  }
  if ((h.last_event_at ?? h.shipped_at) !== h.anchor_at) return 'new-event';
  return settings.stallIgnoredStates.includes(h.state) ? `state:${h.state}` : null;
}

function clearHits(w: WriteContext, ended: Array<{ hit: OpenHit; by: string }>): void {
  const update = w.db.prepare('UPDATE sla_hits SET cleared_at = ?, cleared_by = ? WHERE id = ? AND cleared_at IS NULL');
  for (const { hit, by } of ended) {
    if (update.run(w.at, by, hit.id).changes === 0) continue;
    const changes = [{ field: 'logistics.slaFlag', before: hit.rule, after: null }];
    const reason = by === 'first-scan' ? '已揽收扫描，首扫告警解除' : by === 'new-event' ? '收到新物流轨迹，停滞告警解除并重新计时' : `包裹状态 ${by.slice(6)}，告警解除`;
    w.audit({ entityType: 'parcel', entityId: hit.parcel_id, action: 'sla.cleared', changes, reason });
    for (const order of linkedOrders(w, { id: hit.parcel_id })) w.audit({ entityType: 'order', entityId: order.id, action: 'sla.cleared', changes, reason });
  }
}

export async function evaluateSla(deps: SlaDeps, now: number = deps.clock.now()): Promise<SlaRunSummary> {
  const started = performance.now();
  const settings = readSlaSettings(deps.db);
  const summary: SlaRunSummary = { at: now, examined: 0, fired: { firstScan: 0, stall: 0 }, cleared: 0, tickets: 0, notifications: 0, durationMs: 0 };

  // Episodes that ended since the last tick: the red flag comes down and the rule re-arms.
  const open = deps.db
    .prepare(
      `SELECT h.id, h.rule, h.parcel_id, h.anchor_at, p.carrier, p.waybill_no, p.shipped_at, p.first_scan_at, p.last_event_at, p.state
       FROM sla_hits h JOIN parcels p ON p.id = h.parcel_id WHERE h.cleared_at IS NULL`,
    )
    .all() as OpenHit[];
  const ended = open.map((hit) => ({ hit, by: endOf(hit, settings) })).filter((e): e is { hit: OpenHit; by: string } => e.by !== null);
  for (let i = 0; i < ended.length; i += BATCH) {
    const batch = ended.slice(i, i + BATCH);
    await deps.mutations.run(SLA_ACTOR, SLA_SOURCE, (w) => clearHits(w, batch));
  }
  summary.cleared = ended.length;

  const { due, examined } = findDue(deps.db, settings, now);
  summary.examined = examined;
  for (let i = 0; i < due.length; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    await deps.mutations.run(SLA_ACTOR, SLA_SOURCE, (w) => {
      const hitIds: number[] = [];
      const ticketIds: number[] = [];
      for (const d of batch) {
        // Re-read inside the transaction: an event that landed since the scan ends the episode before it fires.
        const fresh = w.db.prepare('SELECT first_scan_at, last_event_at, shipped_at, state FROM parcels WHERE id = ?').get(d.parcel.id) as Pick<CandidateParcel, 'first_scan_at' | 'last_event_at' | 'shipped_at' | 'state'>;
        const anchor = d.rule.rule === 'firstScan' ? (fresh.first_scan_at === null ? fresh.shipped_at : null) : (fresh.last_event_at ?? fresh.shipped_at);
        if (anchor !== d.anchorAt) continue;
        const fired = fire(w, deps.templates, settings, { ...d, parcel: { ...d.parcel, state: fresh.state } });
        if (!fired) continue;
        summary.fired[d.rule.rule]++;
        summary.notifications += fired.notifications;
        hitIds.push(fired.hitId);
        if (fired.ticketId !== null) ticketIds.push(fired.ticketId);
        if (fired.ticketOpened) summary.tickets++;
      }
      if (hitIds.length > 0) w.emit('exceptions/changed', { hitIds, ticketIds });
    });
  }
  summary.durationMs = Math.round((performance.now() - started) * 10) / 10;
  return summary;
}
