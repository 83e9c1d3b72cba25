/**
 * `ops`: the engine from a terminal. Commands that print data accept --json; bad input gives one
 * clear line on stderr and a non-zero exit.
 */
import { homedir } from 'node:os';
import { resolveDataDir } from '../electron/data-dir.js';
import { intOption, parseCli, USAGE, UsageError } from './cli-args.js';
import { runCommand } from './cli-commands.js';

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (err) {
    process.stderr.write(`ops: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const dataDir = resolveDataDir({ explicit: values.data, env: process.env, platform: process.platform, homeDir: homedir() });
  try {
    intOption(values.port, 'port', 0); // validated early so a typo fails before anything opens
    return await runCommand(positionals, values, dataDir);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`ops: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
