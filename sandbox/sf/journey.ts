/**
 * Seeded courier journeys shared by the courier simulators (sf, zto, jd, kdniao) — a small local
 * interface until sandbox/common/journeys.ts lands; each simulator renders these platform-neutral
 * steps in its own wire vocabulary. Journeys include lost first scans, stalls, returns, refusals,
 * locker deliveries and exceptions. Never imports core/.
 */
import { Rng } from '../common/rng.js';

export type Stage = 'picked_up' | 'departed' | 'arrived' | 'dest_city' | 'out_for_delivery' | 'locker' | 'delivered' | 'failed' | 'refused' | 'returning' | 'returned' | 'exception';
export type JourneyKind = 'normal' | 'lost-first-scan' | 'stall' | 'return' | 'refusal' | 'locker' | 'exception';

export interface JourneyStep {
  /** Stable per waybill: the simulator's event id. */
  seq: number;
  at: number;
  stage: Stage;
  city: string;
  facility: string;
}

export interface Journey {
  waybillNo: string;
  phoneTail: string;
  kind: JourneyKind;
  steps: JourneyStep[];
}

const CITIES = ['深圳市', '广州市', '杭州市', '上海市', '郑州市', '武汉市', '成都市', '北京市'];
const KINDS: JourneyKind[] = ['normal', 'normal', 'normal', 'lost-first-scan', 'stall', 'return', 'refusal', 'locker', 'exception'];
const H = 3600_000;

export interface JourneyOptions {
  seed: number;
  count: number;
  /** Ship time of the first parcel (epoch ms); parcels ship 10 minutes apart. */
  start: number;
  waybillNo: (rng: Rng, index: number) => string;
  /** Force kinds by index (tests). */
  kinds?: readonly JourneyKind[];
}

export function generateJourneys(options: JourneyOptions): Journey[] {
  const rng = new Rng(options.seed);
  return Array.from({ length: options.count }, (_, i) => {
    const kind = options.kinds?.[i] ?? rng.pick(KINDS);
    const from = rng.pick(CITIES);
    const to = rng.pick(CITIES.filter((c) => c !== from));
    const hub = rng.pick(CITIES.filter((c) => c !== from && c !== to));
    let t = options.start + i * 600_000 + rng.int(20, 90) * 60_000;
    const steps: JourneyStep[] = [];
    const add = (stage: Stage, city: string, facility: string, gapH: [number, number]): void => {
      t += rng.int(gapH[0] * 60, gapH[1] * 60) * 60_000;
      steps.push({ seq: steps.length + 1, at: t, stage, city, facility });
    };
    if (kind !== 'lost-first-scan') add('picked_up', from, `${from.slice(0, 2)}营业点`, [0, 1]);
    add('departed', from, `${from.slice(0, 2)}转运中心`, [2, 5]);
    add('arrived', hub, `${hub.slice(0, 2)}中转场`, [4, 12]);
    if (kind === 'stall') return { waybillNo: options.waybillNo(rng, i), phoneTail: rng.digits(4), kind, steps };
    add('departed', hub, `${hub.slice(0, 2)}中转场`, [1, 3]);
    add('dest_city', to, `${to.slice(0, 2)}派送网点`, [4, 12]);
    add('out_for_delivery', to, `${to.slice(0, 2)}派送网点`, [1, 4]);
    if (kind === 'locker') {
      add('locker', to, '丰巢智能柜', [1, 3]);
      add('delivered', to, '丰巢智能柜', [2, 20]);
    } else if (kind === 'return' || kind === 'refusal') {
      add(kind === 'return' ? 'failed' : 'refused', to, `${to.slice(0, 2)}派送网点`, [1, 3]);
      add('returning', to, `${to.slice(0, 2)}派送网点`, [2, 6]);
      add('returned', from, `${from.slice(0, 2)}营业点`, [24, 48]);
    } else if (kind === 'exception') {
      add('exception', to, `${to.slice(0, 2)}派送网点`, [1, 3]);
    } else {
      add('delivered', to, `${to.slice(0, 2)}派送网点`, [1, 3]);
    }
    return { waybillNo: options.waybillNo(rng, i), phoneTail: rng.digits(4), kind, steps };
  });
}

/** What the carrier knows at `now`. */
export function visibleSteps(journey: Journey, now: number): JourneyStep[] {
  return journey.steps.filter((s) => s.at <= now);
}

/** Beijing wall-clock text of an epoch ms (the simulators' own conversion, not core's). */
export function beijingText(ms: number, dateSep = '-'): string {
  const d = new Date(ms + 8 * H);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${dateSep}${p(d.getUTCMonth() + 1)}${dateSep}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * Push delivery order with the faults real partners show: every `duplicateEvery`-th step sent twice,
 * and with `reorder` the batch is sent newest first.
 */
export function pushOrder<T>(items: readonly T[], knobs: { duplicateEvery?: number; reorder?: boolean }): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    out.push(item);
    if (knobs.duplicateEvery && (i + 1) % knobs.duplicateEvery === 0) out.push(item);
  });
  return knobs.reorder ? out.reverse() : out;
}
