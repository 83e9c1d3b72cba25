import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createCore, DB_FILE, type Core } from '../../core/index.js';
import { anchorPath } from '../../core/audit/anchor.js';
import type { Actor } from '../../core/contract/actors.js';
import type { HandlerName, CoreApi } from '../../core/contract/api.js';
import { CHANNELS, type Channel, type ImportPreview, type ImportResult } from '../../core/contract/orders.js';
import { isRole } from '../../core/contract/roles.js';
import { silentLogger } from '../../core/kernel/logger.js';
import { restoreFrom } from '../../core/store/backup.js';
import { type CliValues, intOption, UsageError } from './cli-args.js';
import { ocrCommand } from './cli-ocr.js';
import { startConsole } from './console.js';
import { DemoFlagError, demoFromFlags } from './demo/flags.js';

const CLI_ACTOR: Actor = { type: 'system', id: 'cli', name: 'ops 命令行' };

function print(values: CliValues, data: unknown, text: string): void {
  process.stdout.write(values.json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
}

async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir, logger: silentLogger, host: 'cli' });
  // The first start's one-time admin password must reach a person, whichever command opened the store.
  for (const notice of core.startupNotices) process.stderr.write(`${notice}\n`);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function call<K extends HandlerName>(core: Core, name: K, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']> {
  const result = await core.invoke({ trusted: CLI_ACTOR }, name, args);
  if ('error' in result) {
    const details = result.error.details ? ` ${JSON.stringify(result.error.details)}` : '';
    throw new Error(`${result.error.message}${details}`);
  }
  return result.data;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`Missing ${what}.`);
  return value;
}

export async function runCommand(positionals: string[], values: CliValues, dataDir: string): Promise<number> {
  const [command, sub, arg] = positionals;
  switch (command) {
    case 'console':
      return runConsole(values, dataDir);
    case 'backup':
      return withCore(dataDir, async (core) => {
        const file = resolve(need(sub, 'the backup file path'));
        const head = await core.backup(file);
        print(values, { file, anchor: `${file}.anchor.json`, auditEvents: head.count, headHash: head.headHash }, `Backed up to ${file} (${head.count} audit events, head ${head.headHash.slice(0, 12)}…).`);
        return 0;
      });
    case 'restore': {
      const file = resolve(need(sub, 'the backup file path'));
      const outcome = restoreFrom(file, join(dataDir, DB_FILE), anchorPath(dataDir));
      print(values, { restored: file, keptAs: outcome.keptAs, auditEvents: outcome.anchor.count }, `Restored ${basename(file)} (${outcome.anchor.count} audit events).${outcome.keptAs ? ` The previous store is kept as ${outcome.keptAs}.` : ''}`);
      return 0;
    }
    case 'audit':
      if (sub !== 'verify') throw new UsageError('Did you mean `ops audit verify`?');
      return withCore(dataDir, async (core) => {
        const report = await call(core, 'audit/verify', {});
        const lines = report.ok
          ? [`Audit chain OK: ${report.count} events, head ${report.headHash?.slice(0, 12) ?? '-'}…${report.anchor ? `, anchor at #${report.anchor.count} matches` : ' (no anchor file yet)'}.`]
          : [`Audit chain BROKEN: ${report.problems.length} problem(s) in ${report.count} events.`, ...report.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.message}`)];
        print(values, report, lines.join('\n'));
        return report.ok ? 0 : 1;
      });
    case 'import':
      if (sub !== 'orders') throw new UsageError('Did you mean `ops import orders <file>`?');
      return importOrders(values, dataDir, need(arg, 'the file to import'));
    case 'user':
      return userCommand(sub, arg, values, dataDir);
    case 'ocr':
      if (positionals.length < 2) throw new UsageError('Missing the image file(s) to read.');
      return ocrCommand(positionals.slice(1), Boolean(values.json));
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function isApplied(r: ImportPreview | ImportResult): r is ImportResult {
  return 'inserted' in r;
}

async function importOrders(values: CliValues, dataDir: string, file: string): Promise<number> {
  if (values.channel && !(CHANNELS as readonly string[]).includes(values.channel)) throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}.`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const args = { fileName: basename(file), base64: bytes.toString('base64'), ...(values.channel ? { channel: values.channel as Channel } : {}), ...(values.shop ? { shopId: values.shop } : {}) };
  return withCore(dataDir, async (core) => {
    const result: ImportPreview | ImportResult = values['dry-run'] ? await call(core, 'orders/importPreview', args) : await call(core, 'orders/import', args);
    const applied = isApplied(result) ? `inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.skipped}` : `would insert ${result.newOrders}, update ${result.changedOrders}, leave ${result.unchangedOrders} unchanged`;
    const errors = result.errors.map((e) => `  row ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
    print(values, result, [`${result.fileName} (${result.encoding}): ${result.rowsRead} rows, ${result.ordersRead} orders; ${applied}.${result.alreadyImported ? ' This file was imported before.' : ''}`, ...errors].join('\n'));
    return result.ordersRead === 0 && result.errors.length > 0 ? 1 : 0;
  });
}

async function userCommand(sub: string | undefined, username: string | undefined, values: CliValues, dataDir: string): Promise<number> {
  return withCore(dataDir, async (core) => {
    if (sub === 'list') {
      const users = await call(core, 'users/list', {});
      print(values, users, users.map((u) => `${u.username.padEnd(16)} ${u.role.padEnd(10)} ${u.displayName}${u.disabled ? ' (disabled)' : ''}${u.mustChangePassword ? ' (must change password)' : ''}`).join('\n'));
      return 0;
    }
    if (sub === 'add') {
      const role = need(values.role, '--role');
      if (!isRole(role)) throw new UsageError(`--role must be one of admin, finance, cs, supervisor, warehouse, viewer.`);
      const out = await call(core, 'users/add', { username: need(username, 'the username'), role, ...(values.name ? { displayName: values.name } : {}), ...(values.password ? { password: values.password } : {}) });
      print(values, out, `Added ${out.operator.username} (${out.operator.role}).${out.oneTimePassword ? ` One-time password: ${out.oneTimePassword} (must be changed at first login).` : ''}`);
      return 0;
    }
    if (sub === 'passwd') {
      const out = await call(core, 'users/setPassword', { username: need(username, 'the username'), ...(values.password ? { password: values.password } : {}) });
      print(values, out, out.oneTimePassword ? `New one-time password for ${username}: ${out.oneTimePassword} (must be changed at first login).` : `Password of ${username} changed.`);
      return 0;
    }
    throw new UsageError('Use `ops user add|passwd|list`.');
  });
}

async function runConsole(values: CliValues, dataDir: string): Promise<number> {
  let demo;
  try {
    demo = demoFromFlags(values, true);
  } catch (err) {
    throw err instanceof DemoFlagError ? new UsageError(err.message) : err;
  }
  const running = await startConsole({ dataDir, port: intOption(values.port, 'port', 5178), ...(values.host ? { host: values.host } : {}), demo });
  process.stdout.write(`Order Hub console listening on ${running.url} (data: ${dataDir})\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
