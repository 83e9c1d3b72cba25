import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, platformAppDataDir, resolveDataDir } from './data-dir.js';
import { DEFAULT_DEMO_ORDERS, DEFAULT_DEMO_SEED, DEFAULT_FLOW } from '../node/demo/plan.js';
import { parseLaunchOptions } from './launch-options.js';

describe('data folder', () => {
  const home = '/home/ana';
  it.each([
    ['linux', {}, join(home, '.config')],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg'],
    ['darwin', {}, join(home, 'Library', 'Application Support')],
    ['win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana\\AppData\\Roaming'],
    ['win32', {}, join(home, 'AppData', 'Roaming')],
  ] as const)('appData on %s with %j', (platform, env, expected) => {
    expect(platformAppDataDir({ env, platform, homeDir: home })).toBe(expected);
  });

  it('puts the data in <appData>/Order Hub, like Electron userData for that app name', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', homeDir: home })).toBe(join(home, '.config', APP_NAME));
    expect(APP_NAME).toBe('Order Hub');
  });

  it('prefers --data over ORDERHUB_DATA over the platform folder, resolving relative paths', () => {
    const env = { ORDERHUB_DATA: 'env-data' };
    expect(resolveDataDir({ env, platform: 'linux', homeDir: home, cwd: '/w' })).toBe('/w/env-data');
    expect(resolveDataDir({ env, platform: 'linux', homeDir: home, cwd: '/w', explicit: '/abs' })).toBe('/abs');
  });
});

describe('parseLaunchOptions', () => {
  it('defaults to no demo and the ORDERHUB_DATA folder', () => {
    expect(parseLaunchOptions(['.'], { ORDERHUB_DATA: '/d' })).toEqual({ dataDir: '/d', demo: false });
  });

  it('reads --data, --demo and the demo knobs, ignoring Chromium and console flags', () => {
    const options = parseLaunchOptions(['.', '--no-sandbox', '--port', '0', '--data', '/tmp/x', '--demo', '--demo-orders', '50', '--seed', '7', '--no-flow'], {});
    expect(options).toEqual({ dataDir: '/tmp/x', demo: { orders: 50, seed: 7, flow: false } });
    expect(parseLaunchOptions(['--data=/y', '--demo'], {})).toEqual({ dataDir: '/y', demo: { orders: DEFAULT_DEMO_ORDERS, seed: DEFAULT_DEMO_SEED, flow: { ordersPerMinute: DEFAULT_FLOW.ordersPerMinute } } });
    expect(parseLaunchOptions(['--demo', '--flow-rate', '30'], {}).demo).toMatchObject({ flow: { ordersPerMinute: 30 } });
  });

  it('needs --demo for a demo, like ops console', () => {
    expect(parseLaunchOptions(['--demo-orders', '10', '--no-flow', '--data', '/d'], {})).toEqual({ dataDir: '/d', demo: false });
  });

  it('rejects demo knobs that are not whole numbers in range', () => {
    expect(() => parseLaunchOptions(['--demo', '--demo-orders', 'lots'], {})).toThrow(/--demo-orders/);
    expect(() => parseLaunchOptions(['--demo', '--seed'], {})).toThrow(/--seed/);
    expect(() => parseLaunchOptions(['--demo', '--flow-rate', '0'], {})).toThrow(/--flow-rate must be a whole number from 1/);
  });
});
