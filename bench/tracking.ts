/**
 * Tracking ingest (issue 4 goal: ≥ 5,000 events/s): signed Kuaidi100 pushes through the logistics
 * push router — signature check, parse, map, dedupe, state machine, audited transitions on the
 * orders, raw payload kept — beside the ceiling of inserting the same tracking_events rows raw.
 * Pushes carry the whole trail so far (as Kuaidi100 does), so most items of a later push are
 * duplicates the engine must recognise; the figure counts new events stored.
 */
import { discoverParcels } from '../core/logistics/discovery.js';
import { readLogisticsConfig } from '../core/logistics/config.js';
import { dedupeKey } from '../core/logistics/dedupe.js';
import { LogisticsPushRouter } from '../core/logistics/push-receiver.js';
import { ingestAll } from '../core/orders/seed.js';
import { journeyFor, type Journey } from '../sandbox/common/journeys.js';
import { renderTrail } from '../sandbox/kuaidi100/render.js';
import { pushSignature } from '../sandbox/kuaidi100/signature.js';
import { figure, type Bench } from './harness.js';
import { demoOrders, freshStore } from './fixtures.js';

const SALT = 'bench-salt';
const GOAL = 5_000;
const COMS: Record<string, string> = { SF: 'shunfeng', ZTO: 'zhongtong', YTO: 'yuantong', YUNDA: 'yunda', STO: 'shentong', JD: 'jd', EMS: 'ems', JTEXPRESS: 'jtexpress' };

interface Push { body: Buffer; fresh: number }

/** Each parcel's journey as 3–4 cumulative pushes, the last one repeated (a duplicate delivery). */
function pushesFor(parcels: Array<{ carrier: string; waybill_no: string; shipped_at: number }>): { pushes: Push[]; events: number } {
  const pushes: Push[] = [];
  let events = 0;
  for (const p of parcels) {
    const com = COMS[p.carrier] ?? 'yuantong';
    const journey: Journey = journeyFor({ seed: 5, key: p.waybill_no, carrier: p.carrier, waybillNo: p.waybill_no, shippedAt: p.shipped_at, mix: { 'unknown-code': 2 } });
    const steps = [...journey.steps].sort((a, b) => a.at - b.at);
    const cuts = [Math.ceil(steps.length / 3), Math.ceil((2 * steps.length) / 3), steps.length, steps.length];
    let sent = 0;
    for (const cut of cuts) {
      const ended = cut === steps.length;
      const param = JSON.stringify({ status: ended ? 'shutdown' : 'polling', billstatus: 'got', message: '', autoCheck: '0', comOld: '', comNew: '', lastResult: renderTrail(journey, steps.slice(0, cut), { com, resultv2: true, order: 'desc' }) });
      pushes.push({ body: Buffer.from(new URLSearchParams({ param, sign: pushSignature(param, SALT) }).toString()), fresh: cut - sent });
      sent = cut;
    }
    events += steps.length;
  }
  return { pushes, events };
}

export const trackingBench: Bench = {
  name: 'tracking',
  description: 'Kuaidi100 pushes through the push router (verify, parse, map, dedupe, state machine, audit) vs raw tracking_events inserts',
  async run({ smoke, log }) {
    const size = smoke ? 200 : 6_000;
    const engine = freshStore('tracking');
    const actor = { type: 'system' as const, id: 'bench', name: 'bench' };
    ingestAll(engine.mutations, actor, 'bench', demoOrders(size), 1000);
    await discoverParcels(engine.mutations);
    const parcels = engine.db.prepare('SELECT id, carrier, waybill_no, shipped_at FROM parcels ORDER BY id').all() as Array<{ id: number; carrier: string; waybill_no: string; shipped_at: number }>;
    const { pushes, events } = pushesFor(parcels);
    log(`${size} orders → ${parcels.length} parcels; ${pushes.length} pushes carrying ${events} distinct events`);

    let commits = 0;
    const run = engine.mutations.run.bind(engine.mutations);
    engine.mutations.run = ((...args: Parameters<typeof run>) => (commits++, run(...args))) as typeof run;
    const router = new LogisticsPushRouter(engine.mutations, readLogisticsConfig({ logistics: { kuaidi100: { customer: 'c', key: 'k', salt: SALT } } }));
    // Pushes arrive concurrently (many parcels, one endpoint): keep a window of requests in flight.
    const inFlight = 32;
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < pushes.length; i = next++) {
        const answer = await router.receive('kuaidi100', { headers: {}, body: pushes[i]!.body });
        if (answer.status !== 200) throw new Error(`push ${i} refused: ${JSON.stringify(answer.body)}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - start) / 1000;
    const stored = (engine.db.prepare('SELECT COUNT(*) AS n FROM tracking_events').get() as { n: number }).n;
    if (stored !== events) throw new Error(`stored ${stored} events, expected ${events} (duplicates must not be stored)`);
    const transitions = (engine.db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'logistics-state'").get() as { n: number }).n;
    log(`${commits} group commits for ${pushes.length} pushes (${inFlight} in flight)`);
    log(`${stored} events stored, ${transitions} audited order transitions, ${(engine.db.prepare('SELECT COUNT(*) AS n FROM raw_payloads WHERE source = ?').get('kuaidi100:push') as { n: number }).n} raw payloads`);

    // The ceiling: the same rows straight into tracking_events, committed in groups of the same
    // window of pushes the engine had in flight (its group commit cannot be larger than that).
    const rows = engine.db.prepare('SELECT * FROM tracking_events ORDER BY id').all() as Array<Record<string, unknown>>;
    engine.dispose();
    const raw = freshStore('tracking-raw');
    const insertParcel = raw.db.prepare("INSERT INTO parcels (id, carrier, waybill_no, shipped_at, created_at, updated_at) VALUES (?, 'YTO', ?, 0, 0, 0)");
    raw.db.transaction(() => parcels.forEach((p) => insertParcel.run(p.id, p.waybill_no)))();
    const insert = raw.db.prepare(`INSERT INTO tracking_events (parcel_id, occurred_at, partner, partner_status, state, description, location, source, received_at, raw_payload_id, applied, unknown_code, dedupe_key)
      VALUES (@parcel_id, @occurred_at, @partner, @partner_status, @state, @description, @location, @source, @received_at, NULL, @applied, @unknown_code, @dedupe_key)`);
    const perGroup: number[] = [];
    for (let i = 0; i < pushes.length; i += inFlight) perGroup.push(pushes.slice(i, i + inFlight).reduce((n, p) => n + p.fresh, 0));
    const rawStart = performance.now();
    let at = 0;
    for (const n of perGroup) {
      raw.db.transaction(() => {
        for (let k = 0; k < n; k++) {
          const r = rows[at++]!;
          insert.run({ ...r, dedupe_key: dedupeKey({ occurredAt: r.occurred_at as number, partnerStatus: r.partner_status as string, description: r.description as string }) });
        }
      })();
    }
    const rawSeconds = (performance.now() - rawStart) / 1000;
    raw.dispose();
    const rate = stored / seconds;
    return [
      figure('tracking', 'events ingested via push (new events stored)', rate, 'events/s', { baseline: stored / rawSeconds, goal: `≥ ${GOAL} events/s`, met: rate >= GOAL }),
      figure('tracking', 'pushes handled', pushes.length / seconds, 'pushes/s'),
    ];
  },
};
