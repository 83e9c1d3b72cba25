/**
 * The simulated seller's trades: every story gets a 19-digit tid, and the simulator's "now" decides
 * which version of each story the gateway shows. Queries follow protocols.md §1.4 (by `created`,
 * descending) and §1.5 (by `modified`, descending); ties are broken by tid so paging is stable.
 */
import { Rng } from '../common/rng.js';
import { type OrderStory, type StoryVersion, versionAt } from '../common/story.js';
import type { TradeIds } from './render.js';
import { wholeSecond } from './wire.js';

export interface TradeBookKnobs {
  /** Every Nth story is a trade type outside the API's default `type` set (§1.4). Default 25. */
  otherTypeEvery?: number;
  /** Every Nth story shows a status §1.8 does not document. */
  unknownStatusEvery?: number;
  /** Every Nth story has a `payment` with three decimals. */
  badTradeEvery?: number;
}

export interface VisibleTrade {
  story: OrderStory;
  version: StoryVersion;
  ids: TradeIds;
  /** Whole seconds, as TOP records them. */
  createdAt: number;
  modifiedAt: number;
}

/** §1.4: what `type` selects when the caller does not send it; `guarantee_trade` = fixed + auction. */
const DEFAULT_TYPES = ['guarantee_trade', 'auto_delivery', 'ec', 'cod', 'step'];

export function selectedTypes(param: string | undefined): Set<string> {
  const listed = param ? param.split(',').map((t) => t.trim()).filter(Boolean) : DEFAULT_TYPES;
  const set = new Set(listed);
  if (set.has('guarantee_trade')) set.add('fixed').add('auction');
  return set;
}

const every = (n: number, k: number | undefined): boolean => k !== undefined && k > 0 && n % k === k - 1;

export class TradeBook {
  private readonly ids: TradeIds[];
  private readonly byTid = new Map<string, number>();

  constructor(
    readonly stories: readonly OrderStory[],
    seed: number,
    knobs: TradeBookKnobs = {},
  ) {
    const rng = new Rng(seed ^ 0x7a0ba0);
    const seedPart = String(Math.abs(seed) % 100).padStart(2, '0');
    this.ids = stories.map((s) => {
      // 19 digits: 3 + seed(2) + story number(7) + random(9): unique per story, far beyond 2^53.
      const tid = `3${seedPart}${String(s.n).padStart(7, '0')}${rng.digits(9)}`;
      const oids = s.lines.length === 1 ? [tid] : s.lines.map((_, i) => `${tid.slice(0, 17)}${String(i + 11)}`);
      const oddity = every(s.n, knobs.unknownStatusEvery) ? 'unknown-status' : every(s.n, knobs.badTradeEvery) ? 'bad-money' : null;
      return { tid, oids, type: every(s.n, knobs.otherTypeEvery ?? 25) ? 'tmall_i18n' : 'fixed', oddity };
    });
    this.ids.forEach((ids, i) => this.byTid.set(ids.tid, i));
  }

  tidOf(n: number): string {
    const ids = this.ids[n];
    if (!ids) throw new RangeError(`no story ${n}`);
    return ids.tid;
  }

  private visibleAt(index: number, now: number): VisibleTrade | null {
    const story = this.stories[index]!;
    const version = versionAt(story, now);
    if (!version) return null;
    return { story, version, ids: this.ids[index]!, createdAt: wholeSecond(story.createdAt), modifiedAt: wholeSecond(version.at) };
  }

  find(tid: string, now: number): VisibleTrade | null {
    const index = this.byTid.get(tid);
    return index === undefined ? null : this.visibleAt(index, now);
  }

  /** Paging asks the same question once per page: the last answer is kept until any input changes. */
  private last: { question: string; hits: VisibleTrade[] } | null = null;

  /** Trades whose `key` time lies in [start, end] — both ends inclusive, whole seconds — newest first. */
  query(now: number, key: 'createdAt' | 'modifiedAt', start: number, end: number, types: ReadonlySet<string>): VisibleTrade[] {
    const question = [now, key, start, end, [...types].sort().join(',')].join('|');
    if (this.last?.question === question) return this.last.hits;
    const hits = this.search(now, key, start, end, types);
    this.last = { question, hits };
    return hits;
  }

  private search(now: number, key: 'createdAt' | 'modifiedAt', start: number, end: number, types: ReadonlySet<string>): VisibleTrade[] {
    const hits: VisibleTrade[] = [];
    for (let i = 0; i < this.stories.length; i++) {
      const t = this.visibleAt(i, now);
      if (t && t[key] >= start && t[key] <= end && types.has(t.ids.type)) hits.push(t);
    }
    return hits.sort((a, b) => b[key] - a[key] || (a.ids.tid < b.ids.tid ? 1 : a.ids.tid > b.ids.tid ? -1 : 0));
  }
}
