/**
 * Carrier-neutral parcel journeys from a seed, for every carrier simulator (Kuaidi100, SF, ZTO, JD,
 * Kdniao): a list of steps with taxonomy-like kinds, true times and the time the carrier's system
 * shows each one (a lost first scan surfaces hours late). Each simulator renders the steps into its
 * own codes and wire format. Never imports core/ (sandbox/README.md).
 *
 * Scenarios (issue 4 "realistic journeys"): normal delivery, locker/station pickup, a first scan lost
 * and surfacing later, a stall (no scan for 30 h mid-route), a failed attempt then delivery, an
 * exception then recovery, a refusal (refused at the door → returning → returned), a return without
 * delivery attempt, customs, a code no mapping table knows, and a parcel never picked up.
 */
import { createHash } from 'node:crypto';
import { Rng } from './rng.js';

export const STEP_KINDS = [
  'AWAITING_PICKUP', 'PICKED_UP', 'IN_TRANSIT', 'ARRIVED_DEST_CITY', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP',
  'DELIVERED', 'DELIVERY_FAILED', 'EXCEPTION', 'REFUSED', 'RETURNING', 'RETURNED', 'CUSTOMS', 'UNKNOWN',
] as const;
/** The 12 tracking classes, with REFUSED (拒收, ends as returned) and UNKNOWN (a code no table maps) apart. */
export type StepKind = (typeof STEP_KINDS)[number];

export const SCENARIOS = [
  'normal', 'locker', 'lost-first-scan', 'stall', 'failed-then-delivered', 'exception-recovered', 'refused', 'returned', 'customs', 'unknown-code', 'never-picked-up',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface JourneyStep {
  n: number;
  kind: StepKind;
  /** When it happened (the carrier's scan time, UTC ms). */
  at: number;
  /** When the carrier's system shows it (≥ at; a lost first scan surfaces late). */
  visibleAt: number;
  city: string;
  facility: string;
  /** Chinese scan text like carriers print it. */
  description: string;
}

export interface Journey {
  key: string;
  carrier: string;
  waybillNo: string;
  scenario: Scenario;
  shippedAt: number;
  steps: JourneyStep[];
}

export type ScenarioMix = Partial<Record<Scenario, number>>;

export const DEFAULT_MIX: Record<Scenario, number> = {
  normal: 40, locker: 12, 'lost-first-scan': 8, stall: 6, 'failed-then-delivered': 8, 'exception-recovered': 5,
  refused: 5, returned: 3, customs: 3, 'unknown-code': 5, 'never-picked-up': 5,
};

const CITIES = ['上海市', '杭州市', '广州市', '深圳市', '北京市', '成都市', '武汉市', '南京市', '郑州市', '西安市', '长沙市', '苏州市'];
const HOUR = 3_600_000;

/** A waybill number of the shape the carrier prints (the engine's pattern table recognises these). */
export function waybillFor(carrier: string, rng: Rng): string {
  switch (carrier) {
    case 'SF': return `SF${rng.digits(13)}`;
    case 'YTO': return `YT${rng.digits(13)}`;
    case 'ZTO': return `73${rng.digits(12)}`;
    case 'STO': return `77${rng.digits(13)}`;
    case 'YUNDA': return `43${rng.digits(11)}`;
    case 'JD': return `JDVA${rng.digits(11)}`;
    case 'EMS': return `98${rng.digits(11)}`;
    case 'JTEXPRESS': return `JT${rng.digits(13)}`;
    case 'DBL': return `DPK${rng.digits(12)}`;
    default: return rng.digits(14);
  }
}

function pickScenario(rng: Rng, mix: ScenarioMix): Scenario {
  const entries = Object.entries({ ...DEFAULT_MIX, ...mix }).filter(([, w]) => w > 0) as Array<[Scenario, number]>;
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [s, w] of entries) if ((x -= w) < 0) return s;
  return entries[entries.length - 1]![0];
}

/** The true sequence of a scenario, as kinds with gaps (hours) before each. */
function plan(scenario: Scenario, rng: Rng): Array<[StepKind, number]> {
  const transit = (): Array<[StepKind, number]> => Array.from({ length: rng.int(1, 3) }, () => ['IN_TRANSIT', rng.int(3, 10)] as [StepKind, number]);
  const head: Array<[StepKind, number]> = [['AWAITING_PICKUP', 0], ['PICKED_UP', rng.int(1, 3)], ...transit(), ['ARRIVED_DEST_CITY', rng.int(4, 12)]];
  const out: Array<[StepKind, number]> = [['OUT_FOR_DELIVERY', rng.int(2, 8)]];
  switch (scenario) {
    case 'normal': case 'lost-first-scan': return [...head, ...out, ['DELIVERED', rng.int(1, 4)]];
    case 'locker': return [...head, ...out, ['AVAILABLE_FOR_PICKUP', rng.int(1, 3)], ['DELIVERED', rng.int(3, 30)]];
    case 'stall': return [['AWAITING_PICKUP', 0], ['PICKED_UP', 1], ['IN_TRANSIT', 4], ['IN_TRANSIT', 30], ['ARRIVED_DEST_CITY', 8], ...out, ['DELIVERED', 2]];
    case 'failed-then-delivered': return [...head, ...out, ['DELIVERY_FAILED', rng.int(1, 3)], ['OUT_FOR_DELIVERY', rng.int(16, 24)], ['DELIVERED', rng.int(1, 3)]];
    case 'exception-recovered': return [...head.slice(0, 3), ['EXCEPTION', rng.int(4, 12)], ...head.slice(3), ...out, ['DELIVERED', 2]];
    case 'refused': return [...head, ...out, ['REFUSED', rng.int(1, 3)], ['RETURNING', rng.int(4, 10)], ['IN_TRANSIT', rng.int(6, 12)], ['RETURNED', rng.int(20, 40)]];
    case 'returned': return [...head.slice(0, 3), ['EXCEPTION', rng.int(4, 12)], ['RETURNING', rng.int(4, 8)], ['IN_TRANSIT', 10], ['RETURNED', rng.int(20, 40)]];
    case 'customs': return [['AWAITING_PICKUP', 0], ['PICKED_UP', 2], ['CUSTOMS', 10], ['CUSTOMS', 20], ['IN_TRANSIT', 12], ['ARRIVED_DEST_CITY', 8], ...out, ['DELIVERED', 2]];
    case 'unknown-code': return [...head.slice(0, 3), ['UNKNOWN', rng.int(2, 6)], ...head.slice(3), ...out, ['DELIVERED', 2]];
    case 'never-picked-up': return [['AWAITING_PICKUP', 0]];
  }
}

function describe(kind: StepKind, city: string, facility: string, next: string): string {
  switch (kind) {
    case 'AWAITING_PICKUP': return '商家已发货，等待快递员揽收';
    case 'PICKED_UP': return `【${city}】${facility} 已揽收`;
    case 'IN_TRANSIT': return `快件离开【${city}${facility}】，发往【${next}】`;
    case 'ARRIVED_DEST_CITY': return `快件已到达【${city}】，即将派送`;
    case 'OUT_FOR_DELIVERY': return `【${city}】${facility} 派件员正在为您派件`;
    case 'AVAILABLE_FOR_PICKUP': return `快件已放入【${city}】${facility} 驿站，请凭取件码取件`;
    case 'DELIVERED': return `【${city}】快件已签收，签收人：本人`;
    case 'DELIVERY_FAILED': return `【${city}】派件不成功，收件人电话无人接听，将再次派送`;
    case 'EXCEPTION': return `【${city}】快件异常：天气原因滞留`;
    case 'REFUSED': return `【${city}】收件人拒收，快件将退回`;
    case 'RETURNING': return `快件退回中，发往【${next}】`;
    case 'RETURNED': return `【${next}】退件已签收`;
    case 'CUSTOMS': return `【${city}】海关清关中`;
    case 'UNKNOWN': return `【${city}】${facility} 操作：特殊处理`;
  }
}

export interface JourneyOptions {
  seed: number;
  /** Anything unique per parcel (a waybill number, an index): the journey is a pure function of seed + key. */
  key: string;
  carrier: string;
  /** Given or generated from the key. */
  waybillNo?: string;
  shippedAt: number;
  mix?: ScenarioMix;
  /** Force a scenario (tests). */
  scenario?: Scenario;
}

export function journeyFor(o: JourneyOptions): Journey {
  const digest = createHash('sha256').update(`${o.seed}:${o.key}`).digest();
  const rng = new Rng(digest.readUInt32LE(0));
  const scenario = o.scenario ?? pickScenario(rng, o.mix ?? {});
  const waybillNo = o.waybillNo ?? waybillFor(o.carrier, rng);
  const from = rng.pick(CITIES);
  const to = rng.pick(CITIES.filter((c) => c !== from));
  let at = o.shippedAt;
  const planned = plan(scenario, rng);
  const steps: JourneyStep[] = planned.map(([kind, gapHours], n) => {
    at += gapHours * HOUR + rng.int(0, 59) * 60_000;
    const late = n >= (planned.length * 2) / 3;
    const returning = ['RETURNING', 'RETURNED'].includes(kind);
    const city = returning ? to : late || kind === 'ARRIVED_DEST_CITY' ? to : from;
    const facility = `${city.replace('市', '')}${rng.pick(['转运中心', '分拨中心', '营业部', '集散中心'])}`;
    return { n, kind, at, visibleAt: at + rng.int(1, 20) * 60_000, city, facility, description: describe(kind, city, facility, returning ? from : to) };
  });
  if (scenario === 'lost-first-scan') {
    // The pickup scan reaches the carrier's system 6–12 h late, and only after a later scan did.
    const pickup = steps.find((s) => s.kind === 'PICKED_UP')!;
    const after = steps[pickup.n + 1]!;
    pickup.visibleAt = Math.max(pickup.at + rng.int(6, 12) * HOUR, after.visibleAt + rng.int(1, 120) * 60_000);
  }
  return { key: o.key, carrier: o.carrier, waybillNo, scenario, shippedAt: o.shippedAt, steps };
}

export function generateJourneys(o: { seed: number; count: number; start: number; spanMs: number; carriers?: string[]; mix?: ScenarioMix }): Journey[] {
  const rng = new Rng(o.seed);
  const carriers = o.carriers ?? ['YTO', 'ZTO', 'SF', 'STO', 'YUNDA', 'JD'];
  return Array.from({ length: o.count }, (_, i) => journeyFor({ seed: o.seed, key: String(i), carrier: rng.pick(carriers), shippedAt: o.start + Math.floor(rng.next() * o.spanMs), ...(o.mix ? { mix: o.mix } : {}) }));
}

/** What the carrier's system shows at `now`, in true order. */
export function visibleSteps(journey: Journey, now: number): JourneyStep[] {
  return journey.steps.filter((s) => s.visibleAt <= now).sort((a, b) => a.at - b.at || a.n - b.n);
}

/** Has the journey ended (delivered or returned) in what is visible at `now`? */
export function journeyEnded(journey: Journey, now: number): boolean {
  return visibleSteps(journey, now).some((s) => s.kind === 'DELIVERED' || s.kind === 'RETURNED');
}
