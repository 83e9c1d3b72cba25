/**
 * Command-line options of the desktop host, shared in spirit with `ops console` so that
 * `npm start -- --demo --data DIR` means the same thing whichever host ends up running.
 * No electron import: tested in Node.
 */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { DEMO_FLAG_OPTIONS, demoFromFlags } from '../node/demo/flags.js';
import type { DemoRequest } from '../node/demo/plan.js';
import { resolveDataDir } from './data-dir.js';

export interface LaunchOptions {
  dataDir: string;
  demo: DemoRequest | false;
}

/**
 * `argv` is everything after the executable. Unknown flags (Chromium switches, the console's
 * `--port`/`--host`) are ignored rather than rejected, because Electron and start.mjs pass them through.
 * The demo flags are read as `ops console` reads them (main/node/demo/flags.ts).
 */
export function parseLaunchOptions(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): LaunchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: { data: { type: 'string' }, ...DEMO_FLAG_OPTIONS },
  });
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const dataDir = resolveDataDir({ env, platform: process.platform, homeDir: homedir(), explicit: str(values.data), cwd });
  // As in `ops console`, the demo flags only tune a demo that --demo asked for.
  return { dataDir, demo: demoFromFlags(values, false) };
}
