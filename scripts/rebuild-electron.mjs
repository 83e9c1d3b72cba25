#!/usr/bin/env node
// `npm run rebuild:electron`: builds better-sqlite3 for Electron's ABI into
// native/electron-<abi>/better_sqlite3.node, which the desktop host loads (main/electron/native-binding.ts).
// The build runs on a scratch copy of the package, so node_modules keeps its Node build and
// `npm test` / the browser console keep working. Needs network access once: Electron's headers.
// With Node >= 22.12 it uses @electron/rebuild (its own minimum); on older Node it calls node-gyp
// with the same Electron header settings @electron/rebuild would pass.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// Electron's header server and header cache, the defaults of @electron/rebuild (lib/rebuild.js,
// lib/constants.js), so both paths share one download.
const HEADERS_URL = 'https://www.electronjs.org/headers';
const ELECTRON_GYP_DIR = join(homedir(), '.electron-gyp');
const LOG_FILE = join(root, 'native', 'rebuild-electron.log');

const { electronBindingPath } = await tsImport('../main/electron/native-binding.ts', import.meta.url);

let scratch; // removed on every exit; the log is kept in native/

/** Ends the script with one line saying why; the build output, if any, goes to the log file. */
function fail(reason, log) {
  let where = '';
  if (log) {
    mkdirSync(dirname(LOG_FILE), { recursive: true });
    writeFileSync(LOG_FILE, log);
    where = ` (full log: ${relative(root, LOG_FILE)})`;
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.error(`rebuild:electron failed: ${reason}${where}. node_modules was not changed.`);
  process.exit(1);
}

const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Turns a build log into the one reason worth printing. */
function reasonFrom(log, electronVersion) {
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo|network|proxy/i.test(log)) {
    return `could not download the Electron ${electronVersion} headers from ${HEADERS_URL} (no network access?)`;
  }
  const last = log.split('\n').map((l) => l.trim()).filter((l) => /ERR!|Error:/.test(l)).pop();
  return last ? `the native build failed: ${last.slice(0, 200)}` : 'the native build failed';
}

function nodeVersionAtLeast(major, minor) {
  const [a = 0, b = 0] = process.versions.node.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

let electronVersion, abi, sqliteDir;
try {
  electronVersion = readJson(join(packageDir('electron'), 'package.json')).version;
  abi = readFileSync(join(packageDir('electron'), 'abi_version'), 'utf8').trim(); // e.g. 150 for Electron 45
  sqliteDir = packageDir('better-sqlite3');
} catch (err) {
  fail(`electron or better-sqlite3 is not installed (${err.message.split('\n')[0]}); run npm install first`);
}

// Scratch project: <scratch>/node_modules/better-sqlite3 without its Node build output.
scratch = mkdtempSync(join(tmpdir(), 'orderhub-electron-rebuild-'));
const moduleCopy = join(scratch, 'node_modules', 'better-sqlite3');
cpSync(sqliteDir, moduleCopy, { recursive: true, filter: (src) => relative(sqliteDir, src) !== 'build' });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'orderhub-electron-rebuild', private: true, dependencies: { 'better-sqlite3': '*' } }));

const useElectronRebuild = nodeVersionAtLeast(22, 12);
console.log(
  `Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) with ` +
    (useElectronRebuild ? '@electron/rebuild' : `node-gyp (Node ${process.versions.node} is older than the 22.12 @electron/rebuild 4 needs)`) +
    ' ...',
);
if (useElectronRebuild) {
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: scratch, electronVersion, arch: process.arch, force: true, onlyModules: ['better-sqlite3'], headerURL: HEADERS_URL });
  } catch (err) {
    const log = String(err?.stack ?? err);
    fail(reasonFrom(log, electronVersion), log);
  }
} else {
  const nodeGyp = join(packageDir('node-gyp'), 'bin', 'node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, `--dist-url=${HEADERS_URL}`, '--runtime=electron', `--devdir=${ELECTRON_GYP_DIR}`];
  const build = spawnSync(process.execPath, args, { cwd: moduleCopy, encoding: 'utf8', timeout: 10 * 60_000 });
  const log = `${build.stdout ?? ''}\n${build.stderr ?? ''}${build.error ? `\n${build.error.stack}` : ''}`;
  if (build.status !== 0) fail(reasonFrom(log, electronVersion), log);
}

const built = join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`the build finished but ${built} is missing`);
const target = electronBindingPath(root, abi);
mkdirSync(dirname(target), { recursive: true });
copyFileSync(built, target);
rmSync(scratch, { recursive: true, force: true });
console.log(`Wrote ${relative(root, target)} (Electron ${electronVersion}, ABI ${abi}).`);
