/**
 * Command-line options of the desktop host, shared in spirit with `ops console` so that
 * `npm start -- --demo --data DIR` means the same thing whichever host ends up running.
 * No electron import: tested in Node.
 */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { resolveDataDir } from './data-dir.js';

export interface LaunchOptions {
  dataDir: string;
  demo: { size: number; seed: number } | false;
}

/** Demo size/seed when `--demo` is given without them: the same defaults as `ops console --demo` (main/node/cli-commands.ts). */
export const DEFAULT_DEMO = { size: 50_000, seed: 20261128 } as const;

function positiveInt(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a whole number, got "${raw}"`);
  return n;
}

/**
 * `argv` is everything after the executable. Unknown flags (Chromium switches, the console's
 * `--port`/`--host`) are ignored rather than rejected, because Electron and start.mjs pass them through.
 */
export function parseLaunchOptions(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): LaunchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      demo: { type: 'boolean' },
      'demo-size': { type: 'string' },
      'demo-seed': { type: 'string' },
    },
  });
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const dataDir = resolveDataDir({ env, platform: process.platform, homeDir: homedir(), explicit: str(values.data), cwd });
  // As in `ops console`, --demo-size/--demo-seed only tune a demo that --demo asked for.
  const demo = values.demo === true
    ? {
        size: positiveInt(str(values['demo-size']), DEFAULT_DEMO.size, '--demo-size'),
        seed: positiveInt(str(values['demo-seed']), DEFAULT_DEMO.seed, '--demo-seed'),
      }
    : false;
  return { dataDir, demo };
}
