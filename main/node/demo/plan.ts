/**
 * What `--demo` puts in the store and keeps flowing: one shop per channel, a seeded story stream per
 * channel (sandbox/common/story.ts), split into history (the last four weeks, back-filled at start)
 * and flow (new orders after start, hour by hour). Deterministic from the seed and the anchor time.
 */
import { generateStories, type OrderStory } from '../../../sandbox/common/story.js';
import type { Channel } from '../../../core/contract/orders.js';

export const DEFAULT_DEMO_SEED = 20261128;
/** Start-up stays around ten seconds on a 2-core machine (README "Demo"); --demo-orders changes it. */
export const DEFAULT_DEMO_ORDERS = 10_000;

export interface FlowSettings {
  /** New orders a minute across the five channels. */
  ordersPerMinute: number;
  /** How often the push paths (Douyin messages, WeChat/POS backends) send what happened. */
  pushEveryMs: number;
  /**
   * Hours of new orders prepared ahead of the present, at most FLOW_STORY_BUDGET orders' worth (a
   * console running longer gets updates only; a restart prepares the next hours).
   */
  hoursAhead: number;
}

export const DEFAULT_FLOW: FlowSettings = { ordersPerMinute: 10, pushEveryMs: 15_000, hoursAhead: 24 };
/**
 * The simulators keep every prepared story in memory and scan them per request, so the prepared
 * flow is bounded: 10/min gets its 24 hours, 120/min about 2 hours.
 */
export const FLOW_STORY_BUDGET = 15_000;

export interface DemoRequest {
  seed?: number;
  /** Orders across the five channels; 0 = demo operators only (no simulators, no shops). */
  orders?: number;
  /** false: a still picture (no event after start-up, no pushes). */
  flow?: Partial<FlowSettings> | false;
}

export interface DemoPlan {
  seed: number;
  orders: number;
  flow: FlowSettings | false;
  /** The demo's "now" at its first start: every story time is relative to it. */
  anchor: number;
}

export const DEMO_CHANNELS = ['taobao', 'pinduoduo', 'douyin', 'wechat', 'pos'] as const satisfies readonly Channel[];
export type DemoChannel = (typeof DEMO_CHANNELS)[number];

/** Shares of the demo's orders (a merchant whose marketplaces outsell its own mini-program and till). */
export const CHANNEL_SHARE: Record<DemoChannel, number> = { taobao: 0.3, pinduoduo: 0.25, douyin: 0.25, wechat: 0.12, pos: 0.08 };
const CHANNEL_SALT: Record<DemoChannel, number> = { taobao: 0x7a0b, pinduoduo: 0x0dd1, douyin: 0xd0e1, wechat: 0x3ec4, pos: 0x9051 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** History is created over these days before the anchor: inside the shops' default 30-day back-fill. */
export const HISTORY_DAYS = 28;
/**
 * History ends this long before the anchor, beyond every shop's safety lag (Pinduoduo's 3 minutes,
 * core/channels/connectors.ts), so that the back-fill alone shows the still picture.
 */
export const STILL_MARGIN_MS = 5 * 60_000;

export function channelSeed(seed: number, channel: DemoChannel): number {
  return (seed ^ CHANNEL_SALT[channel]) >>> 0;
}

export function ordersOf(plan: Pick<DemoPlan, 'orders'>, channel: DemoChannel): number {
  return Math.round(plan.orders * CHANNEL_SHARE[channel]);
}

/** A story as it stands at `t`: later versions have not happened (a still picture). */
function cutAt(story: OrderStory, t: number): OrderStory {
  return { ...story, versions: story.versions.filter((v) => v.at <= t) };
}

/**
 * The channel's stream: history, then (with flow) one block of new orders per hour from the anchor
 * up to `hoursAhead` past `now`, each block from its own seed so a restart rebuilds the same stream.
 * Story n sits at index n (the simulators derive ids from n).
 */
export function channelStories(plan: DemoPlan, channel: DemoChannel, now: number): OrderStory[] {
  const seed = channelSeed(plan.seed, channel);
  const historyEnd = plan.anchor - STILL_MARGIN_MS;
  const historyStart = plan.anchor - HISTORY_DAYS * DAY;
  const history = generateStories({ seed, count: ordersOf(plan, channel), start: historyStart, spanMs: historyEnd - historyStart });
  const stories = plan.flow ? history : history.map((s) => cutAt(s, historyEnd));
  if (plan.flow) {
    const perHour = Math.max(0, Math.round(plan.flow.ordersPerMinute * 60 * CHANNEL_SHARE[channel]));
    const ahead = Math.max(1, Math.min(plan.flow.hoursAhead, Math.floor(FLOW_STORY_BUDGET / (plan.flow.ordersPerMinute * 60))));
    const hours = Math.max(0, Math.ceil((now - plan.anchor) / HOUR)) + ahead;
    for (let h = 0; h < hours && perHour > 0; h++) {
      stories.push(...generateStories({ seed: (seed + 7919 * (h + 1)) >>> 0, count: perHour, start: plan.anchor + h * HOUR, spanMs: HOUR }));
    }
  }
  return stories.map((s, n) => ({ ...s, n }));
}

export function resolvePlan(request: DemoRequest, anchor: number): DemoPlan {
  const flow = request.flow === false ? false : { ...DEFAULT_FLOW, ...request.flow };
  return { seed: request.seed ?? DEFAULT_DEMO_SEED, orders: request.orders ?? DEFAULT_DEMO_ORDERS, flow, anchor };
}
