/**
 * SLA bench (issue 4): with 100,000 followed parcels, how long from a stalled parcel's deadline to its
 * ticket and notifications in the outbox. The evaluation runs once a minute (core/logistics/sla/jobs.ts),
 * so the goal is that every hit whose deadline passed before a tick is in the outbox before the next
 * tick starts: latency = (tick − deadline) + the tick's own processing, at most one tick interval plus
 * that processing. The clock runs in real time from each simulated tick, so outbox `created_at` is the
 * moment the row was really written. The store is filled by plain inserts (not timed, not the subject).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/kernel/clock.js';
import { MutationQueue } from '../core/kernel/mutation.js';
import { evaluateSla } from '../core/logistics/sla/evaluate.js';
import { TemplateRegistry } from '../core/notify/templates.js';
import { ORDER_INSERT_SQL } from '../core/orders/statements.js';
import { openDatabase, type Db } from '../core/store/db.js';
import { migrate } from '../core/store/migrate.js';
import { BENCH_NOW } from './fixtures.js';
import { figure, type Bench, type Figure } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK_MS = MINUTE;

/** Simulated time that runs at real speed from the moment a tick starts. */
class TickClock implements Clock {
  private base = 0;
  private realStart = 0;
  startTick(at: number): void {
    this.base = at;
    this.realStart = performance.now();
  }
  now(): number {
    return this.base + Math.floor(performance.now() - this.realStart);
  }
}

interface Mix {
  total: number;
  stalledNow: number;
  unscannedNow: number;
  oldStalled: number;
  oldLost: number;
  fresh: number;
}

function mix(smoke: boolean): Mix {
  const total = smoke ? 2_000 : 100_000;
  const k = total / 100_000;
  return { total, stalledNow: Math.round(1_000 * k), unscannedNow: Math.round(500 * k), oldStalled: Math.round(2_000 * k), oldLost: Math.round(500 * k), fresh: Math.round(1_000 * k) };
}

/** Deterministic pseudo-random numbers so each run fills the same store. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function fill(db: Db, m: Mix, tick: number): { stalledDeadlines: Map<number, number>; unscannedDeadlines: Map<number, number> } {
  const random = rng(42);
  const insertOrder = db.prepare(ORDER_INSERT_SQL);
  const insertParcel = db.prepare(
    `INSERT INTO parcels (carrier, waybill_no, shipped_at, state, state_at, progress_state, first_scan_at, last_event_at, last_received_at, event_count, channel, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'taobao', ?, ?)`,
  );
  const link = db.prepare('INSERT INTO parcel_orders (parcel_id, order_id) VALUES (?, ?)');
  const stalledDeadlines = new Map<number, number>();
  const unscannedDeadlines = new Map<number, number>();
  const carriers = ['YTO', 'ZTO', 'STO', 'YUNDA', 'SF', 'JD'];
  db.transaction(() => {
    for (let i = 0; i < m.total; i++) {
      const phone = `13${String(100000000 + Math.floor(random() * 899999999)).slice(0, 9)}`;
      const orderId = Number(
        insertOrder.run({
          channel: 'taobao', shop_id: 'tb-bench', platform_order_id: `37900000${String(i).padStart(11, '0')}`, status: 'shipped', platform_status: null, buyer_nick: null,
          receiver_name: '张三', receiver_phone: phone, receiver_phone_tail: phone.slice(-4), receiver_province: '浙江省', receiver_city: '杭州市', receiver_district: '西湖区', receiver_address: '文三路 100 号',
          goods_fen: 10000, platform_discount_fen: 0, seller_discount_fen: 0, shipping_fen: 0, paid_fen: 10000, platform_fee_fen: 0,
          created_at: tick - 12 * DAY, paid_at: null, ship_by_at: null, platform_modified_at: tick - 12 * DAY, updated_at: tick - 12 * DAY, tags: '[]', buyer_remark: '', seller_remark: '', waybill_nos: '', line_count: 0, raw_payload_id: null,
        }).lastInsertRowid,
      );
      let shipped: number;
      let state = 'IN_TRANSIT';
      let firstScan: number | null;
      let lastEvent: number | null;
      let group: 'stalledNow' | 'unscannedNow' | null = null;
      const jitter = Math.floor(random() * TICK_MS); // deadlines spread over the minute before the tick
      if (i < m.stalledNow) {
        lastEvent = tick - DAY - jitter;
        shipped = lastEvent - 6 * HOUR;
        firstScan = shipped + HOUR;
        group = 'stalledNow';
      } else if (i < m.stalledNow + m.unscannedNow) {
        shipped = tick - 2 * HOUR - jitter;
        firstScan = null;
        lastEvent = null;
        state = 'AWAITING_PICKUP';
        group = 'unscannedNow';
      } else if (i < m.stalledNow + m.unscannedNow + m.oldStalled) {
        lastEvent = tick - 3 * DAY - Math.floor(random() * 7 * DAY);
        shipped = lastEvent - DAY;
        firstScan = shipped + HOUR;
      } else if (i < m.stalledNow + m.unscannedNow + m.oldStalled + m.oldLost) {
        shipped = tick - 3 * DAY - Math.floor(random() * 2 * DAY);
        firstScan = null;
        lastEvent = null;
        state = 'AWAITING_PICKUP';
      } else if (i < m.stalledNow + m.unscannedNow + m.oldStalled + m.oldLost + m.fresh) {
        shipped = tick - Math.floor(random() * 90 * MINUTE);
        firstScan = null;
        lastEvent = null;
        state = 'AWAITING_PICKUP';
      } else if (random() < 0.67) {
        state = 'DELIVERED';
        lastEvent = tick - Math.floor(random() * 10 * DAY);
        shipped = lastEvent - 2 * DAY;
        firstScan = shipped + HOUR;
      } else {
        lastEvent = tick - Math.floor(random() * 20 * HOUR);
        shipped = lastEvent - Math.floor(random() * 2 * DAY);
        firstScan = shipped + HOUR;
      }
      // last_received_at: the partner has answered for every parcel (a parcel without events: "no record yet").
      const parcelId = Number(
        insertParcel.run(carriers[i % carriers.length]!, `BN${String(i).padStart(12, '0')}`, shipped, state, lastEvent, state, firstScan, lastEvent, lastEvent ?? shipped, lastEvent === null ? 0 : 3, tick - 12 * DAY, tick - 12 * DAY).lastInsertRowid,
      );
      link.run(parcelId, orderId);
      if (group === 'stalledNow') stalledDeadlines.set(parcelId, lastEvent! + DAY);
      if (group === 'unscannedNow') unscannedDeadlines.set(parcelId, shipped + 2 * HOUR);
    }
  }).immediate();
  return { stalledDeadlines, unscannedDeadlines };
}

export const slaBench: Bench = {
  name: 'sla',
  description: 'SLA rules over 100,000 parcels: a stalled parcel\'s deadline → its ticket and notifications in the outbox (evaluation every minute)',
  async run({ smoke, log }) {
    const m = mix(smoke);
    const dir = mkdtempSync(join(tmpdir(), 'bench-sla-'));
    const db = openDatabase({ file: join(dir, 'orderhub.sqlite') });
    try {
      migrate(db);
      const clock = new TickClock();
      const mutations = new MutationQueue(db, clock, { afterCommit: () => undefined, publish: () => undefined });
      const deps = { db, mutations, clock, templates: new TemplateRegistry() };
      const tick = BENCH_NOW;
      const fillStart = performance.now();
      const { stalledDeadlines, unscannedDeadlines } = fill(db, m, tick);
      db.pragma('optimize');
      log(`${m.total} parcels filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s: ${m.stalledNow} stall and ${m.unscannedNow} first-scan deadlines in the minute before the tick, ${m.oldStalled + m.oldLost} parcels that stalled days ago`);

      // The tick before: the backlog of old stalls fires (a burst, as on the first start of the engine).
      clock.startTick(tick - TICK_MS);
      const burst = await evaluateSla(deps, tick - TICK_MS);
      log(`backlog tick: ${burst.fired.stall} stall + ${burst.fired.firstScan} first-scan hits, ${burst.tickets} tickets, ${burst.notifications} notifications in ${burst.durationMs} ms`);

      // The measured tick: every deadline of the last minute.
      clock.startTick(tick);
      const due = await evaluateSla(deps, tick);
      const nextTick = tick + TICK_MS;
      const latencies: number[] = [];
      const outboxAt = db.prepare("SELECT min(n.created_at) AS at FROM sla_hits h JOIN notifications n ON n.cause_type = 'sla-hit' AND n.cause_id = CAST(h.id AS TEXT) WHERE h.parcel_id = ? AND h.fired_at >= ?");
      const ticketAt = db.prepare("SELECT t.created_at AS at FROM exception_tickets t WHERE t.parcel_id = ? AND t.created_at >= ?");
      let missing = 0;
      for (const [parcelId, deadline] of [...stalledDeadlines, ...unscannedDeadlines]) {
        const n = (outboxAt.get(parcelId, tick) as { at: number | null }).at;
        const t = stalledDeadlines.has(parcelId) ? ((ticketAt.get(parcelId, tick) as { at: number } | undefined)?.at ?? null) : n;
        if (n === null || t === null) {
          missing++;
          continue;
        }
        latencies.push(Math.max(n, t) - deadline);
      }
      const maxLatency = latencies.length ? Math.max(...latencies) : NaN;
      const lastWrite = tick + due.durationMs;
      log(`deadline tick: ${due.fired.stall} stall + ${due.fired.firstScan} first-scan hits, ${due.tickets} tickets, ${due.notifications} notifications in ${due.durationMs} ms (examined ${due.examined})`);

      clock.startTick(nextTick);
      const quiet = await evaluateSla(deps, nextTick);
      log(`next tick: ${quiet.fired.stall + quiet.fired.firstScan} hits, ${quiet.examined} parcels examined, ${quiet.durationMs} ms`);

      const expected = stalledDeadlines.size + unscannedDeadlines.size;
      const figures: Figure[] = [
        figure('sla', 'deadline tick: hits fired', due.fired.stall + due.fired.firstScan, 'hits', { goal: `= ${expected}`, met: due.fired.stall + due.fired.firstScan === expected && missing === 0 }),
        figure('sla', 'deadline tick: processing', due.durationMs, 'ms', { goal: `< ${TICK_MS} ms (before the next tick)`, met: lastWrite < nextTick }),
        figure('sla', 'deadline → ticket + outbox, max', maxLatency / 1000, 's', { goal: `≤ ${TICK_MS / 1000} s + processing (one tick)`, met: missing === 0 && maxLatency <= TICK_MS + due.durationMs }),
        figure('sla', 'backlog tick (old stalls fire)', burst.durationMs, 'ms', { baseline: null }),
        figure('sla', 'steady tick, nothing due', quiet.durationMs, 'ms', { goal: '< 1000 ms', met: quiet.durationMs < 1000 && quiet.fired.stall + quiet.fired.firstScan === 0 }),
      ];
      return figures;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
