import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../cli-args.js';
import { main } from '../cli.js';
import { DemoFlagError, demoFromFlags } from './flags.js';
import { DEFAULT_DEMO_ORDERS, DEFAULT_DEMO_SEED, DEFAULT_FLOW } from './plan.js';

const demoOf = (argv: string[]) => demoFromFlags(parseCli(argv).values, true);

describe('ops console demo flags', () => {
  it('reads --demo with --seed, --demo-orders, --no-flow and --flow-rate', () => {
    expect(demoOf(['console', '--demo', '--seed', '7', '--demo-orders', '500', '--no-flow'])).toEqual({ seed: 7, orders: 500, flow: false });
    expect(demoOf(['console', '--demo', '--flow-rate', '30'])).toEqual({ seed: DEFAULT_DEMO_SEED, orders: DEFAULT_DEMO_ORDERS, flow: { ordersPerMinute: 30 } });
    expect(demoOf(['console', '--demo'])).toEqual({ seed: DEFAULT_DEMO_SEED, orders: DEFAULT_DEMO_ORDERS, flow: { ordersPerMinute: DEFAULT_FLOW.ordersPerMinute } });
    expect(demoOf(['console', '--demo', '--demo-orders', '0'])).toMatchObject({ orders: 0 });
    expect(demoOf(['console'])).toBe(false);
  });

  it('refuses bad numbers, contradictions and tuning flags without --demo', () => {
    expect(() => demoOf(['console', '--demo', '--seed=x7'])).toThrow(DemoFlagError);
    expect(() => demoOf(['console', '--demo', '--demo-orders', '1e4'])).toThrow(/--demo-orders must be a whole number from 0 to 200000, got "1e4"/);
    expect(() => demoOf(['console', '--demo', '--demo-orders', '300000'])).toThrow(/--demo-orders/);
    expect(() => demoOf(['console', '--demo', '--no-flow', '--flow-rate', '5'])).toThrow(/contradict/);
    expect(() => demoOf(['console', '--seed', '7', '--no-flow'])).toThrow('--seed, --no-flow only tune --demo.');
    expect(() => parseCli(['console', '--demo', '--seed'])).toThrow(UsageError);
  });

  it('`ops console` answers a bad demo flag with exit code 2 before opening anything', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await main(['console', '--demo', '--demo-orders', 'many', '--data', '/nonexistent/never-created'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).toMatch(/ops: --demo-orders must be a whole number/);
  });
});
