import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, platformAppDataDir, resolveDataDir } from './data-dir.js';
import { DEFAULT_DEMO, parseLaunchOptions } from './launch-options.js';

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
    const options = parseLaunchOptions(['.', '--no-sandbox', '--port', '0', '--data', '/tmp/x', '--demo', '--demo-size', '50'], {});
    expect(options).toEqual({ dataDir: '/tmp/x', demo: { size: 50, seed: DEFAULT_DEMO.seed } });
    expect(parseLaunchOptions(['--data=/y', '--demo'], {})).toEqual({ dataDir: '/y', demo: { ...DEFAULT_DEMO } });
  });

  it('needs --demo for a demo, like ops console', () => {
    expect(parseLaunchOptions(['--demo-size', '10', '--data', '/d'], {})).toEqual({ dataDir: '/d', demo: false });
  });

  it('rejects a demo size that is not a whole number', () => {
    expect(() => parseLaunchOptions(['--demo', '--demo-size', 'lots'], {})).toThrow(/--demo-size/);
  });
});
