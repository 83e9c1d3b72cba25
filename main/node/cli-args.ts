/** Argument parsing for `ops`: unknown flags and missing values are clear errors, never guesses. */
import { parseArgs } from 'node:util';
import { DEMO_FLAG_OPTIONS } from './demo/flags.js';

export class UsageError extends Error {}

export const USAGE = `Usage: ops <command> [options]

  console [--port N] [--host H] [--data DIR]
          [--demo [--seed S] [--demo-orders N] [--no-flow] [--flow-rate N]]
                              start the browser console (binds 127.0.0.1:5178 by default); --demo
                              fills it from the sandbox simulators (default 10000 orders, new ones
                              flowing at 10/min; --no-flow keeps a still picture)
  backup <file> [--data DIR] [--json]      online backup of the store (+ audit anchor beside it)
  restore <file> [--data DIR] [--json]     replace the store with a backup (engine must be stopped)
  audit verify [--data DIR] [--json]       check the audit hash chain and its anchor
  import orders <file> [--channel C] [--shop S] [--dry-run] [--data DIR] [--json]
  user add <username> --role R [--name N] [--password P] [--data DIR] [--json]
  user passwd <username> [--password P] [--data DIR] [--json]
  user list [--data DIR] [--json]
  ocr <image…> [--json]                    read waybill label photos (JPEG, PNG, WebP, HEIC): the
                                           waybill number, carrier, confidence and candidates

The data folder is --data, else $ORDERHUB_DATA, else the desktop app's folder.`;

const OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  ...DEMO_FLAG_OPTIONS,
  port: { type: 'string' },
  host: { type: 'string' },
  channel: { type: 'string' },
  shop: { type: 'string' },
  'dry-run': { type: 'boolean' },
  role: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export function parseCli(argv: string[]): { positionals: string[]; values: CliValues } {
  try {
    const { positionals, values } = parse(argv);
    return { positionals, values };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${value}".`);
  return Number(value);
}
