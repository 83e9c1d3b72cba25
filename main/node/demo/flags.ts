/**
 * The demo's command-line flags, read the same way by `ops console` (main/node/cli-commands.ts) and
 * the desktop host (main/electron/launch-options.ts): `--demo [--seed S] [--demo-orders N]
 * [--no-flow] [--flow-rate N]`. Bad numbers are errors, never guesses.
 */
import { DEFAULT_DEMO_ORDERS, DEFAULT_DEMO_SEED, DEFAULT_FLOW, type DemoRequest } from './plan.js';

export interface DemoFlagValues {
  demo?: boolean | string;
  seed?: boolean | string;
  'demo-orders'?: boolean | string;
  'no-flow'?: boolean | string;
  'flow-rate'?: boolean | string;
}

export const DEMO_FLAG_OPTIONS = {
  demo: { type: 'boolean' },
  seed: { type: 'string' },
  'demo-orders': { type: 'string' },
  'no-flow': { type: 'boolean' },
  'flow-rate': { type: 'string' },
} as const;

/** Upper bound of --demo-orders: the demo lives in memory in the simulators, and start-up grows with it. */
export const MAX_DEMO_ORDERS = 200_000;

export class DemoFlagError extends Error {}

function wholeNumber(raw: boolean | string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new DemoFlagError(`--${flag} must be a whole number from ${min} to ${max}, got "${String(raw)}".`);
  }
  return Number(raw);
}

/** The demo asked for, or false without --demo. `strict`: tuning flags without --demo are an error. */
export function demoFromFlags(values: DemoFlagValues, strict: boolean): DemoRequest | false {
  if (values.demo !== true) {
    const stray = (['seed', 'demo-orders', 'no-flow', 'flow-rate'] as const).filter((f) => values[f] !== undefined);
    if (strict && stray.length > 0) throw new DemoFlagError(`${stray.map((f) => `--${f}`).join(', ')} only tune --demo.`);
    return false;
  }
  const seed = wholeNumber(values.seed, 'seed', DEFAULT_DEMO_SEED, 0, 0xffffffff);
  const orders = wholeNumber(values['demo-orders'], 'demo-orders', DEFAULT_DEMO_ORDERS, 0, MAX_DEMO_ORDERS);
  if (values['no-flow'] === true) {
    if (values['flow-rate'] !== undefined) throw new DemoFlagError('--flow-rate and --no-flow contradict each other.');
    return { seed, orders, flow: false };
  }
  const ordersPerMinute = wholeNumber(values['flow-rate'], 'flow-rate', DEFAULT_FLOW.ordersPerMinute, 1, 600);
  return { seed, orders, flow: { ordersPerMinute } };
}
