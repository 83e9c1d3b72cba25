#!/usr/bin/env node
// `npm start`: the desktop app (Electron). Where Electron cannot run (binary not installed, no
// display, no Electron build of better-sqlite3, window process dying at start-up), it says so in
// one line and starts the browser console on the same data folder instead, so `npm start` always
// ends with a usable Order Hub. Arguments pass through: `npm start -- --demo --port 8080`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** An Electron that exits with a failure this soon never showed a usable window (e.g. no X server). */
const EARLY_EXIT_MS = 5000;

// The data-folder and native-binding rules live in TypeScript, shared with the Electron host.
const { resolveDataDir } = await tsImport('../main/electron/data-dir.ts', import.meta.url);
const { chooseNativeBinding } = await tsImport('../main/electron/native-binding.ts', import.meta.url);

/** `--data DIR` / `--data=DIR` is ours (both hosts get the resolved folder); the rest passes through. */
function splitArgs(argv) {
  const rest = [];
  let data;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data') data = argv[++i];
    else if (arg.startsWith('--data=')) data = arg.slice('--data='.length);
    else rest.push(arg);
  }
  return { data, rest };
}

const rel = (p) => relative(root, p) || p;

/** The Electron executable, or why there is none. */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  // require('electron') tries to *download* a missing binary (node_modules/electron/index.js), which
  // hangs or fails offline; so check the file it would return before asking it.
  const pathFile = join(pkgDir, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override ? join(override, exe || 'electron') : exe ? join(pkgDir, 'dist', exe) : undefined;
  if (!expected || !existsSync(expected)) return { reason: `binary not installed: ${rel(expected ?? join(pkgDir, 'dist'))} is missing` };
  try {
    return { path: require('electron'), abi: readFileSync(join(pkgDir, 'abi_version'), 'utf8').trim() };
  } catch (err) {
    return { reason: String(err?.message ?? err).split('\n')[0] };
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds out/ with electron-vite when it is missing or older than the sources. Returns a failure reason. */
function ensureDesktopBuild() {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(root, p));
  const builtAt = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  // main/electron bundles main/node/demo and sandbox/ (the desktop demo's simulators) too.
  const sourcesAt = Math.max(...['core', 'main', 'preload', 'renderer', 'sandbox'].map((p) => newestMtime(join(root, p))));
  if (builtAt > sourcesAt) return undefined;
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  return build.status === 0 ? undefined : 'the desktop build failed (npx electron-vite build)';
}

/** Why Electron cannot be tried at all here, or undefined. */
function electronBlocker(electron) {
  if (electron.reason) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display: $DISPLAY and $WAYLAND_DISPLAY are unset';
  const binding = chooseNativeBinding({ runtime: 'electron', abi: electron.abi, projectRoot: root, exists: existsSync });
  if (binding.error) return binding.error;
  return ensureDesktopBuild();
}

let child; // the running host; signals are forwarded to it so no orphan keeps the port or database
let stopping = false; // a user's Ctrl-C during start-up is not "Electron failed"
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(130);
  });
}

function startConsole(dataDir, rest, reason) {
  console.log(`Electron is not available here (${reason.replace(/\.$/, '')}); starting the browser console instead.`);
  child = spawn(process.execPath, [join(root, 'bin', 'ops.mjs'), 'console', '--data', dataDir, ...rest], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startElectron(electronPath, dataDir, rest) {
  const env = { ...process.env, ORDERHUB_DATA: dataDir };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain node
  const startedAt = Date.now();
  child = spawn(electronPath, ['.', '--data', dataDir, ...rest], { cwd: root, env, stdio: ['inherit', 'inherit', 'pipe'] });
  // Hold stderr back during the first seconds: if Electron dies there, its last line becomes the
  // reason in our one-line notice instead of a wall of Chromium errors.
  let held = '';
  const settle = setTimeout(() => {
    process.stderr.write(held);
    held = undefined;
  }, EARLY_EXIT_MS);
  child.stderr.on('data', (chunk) => (held === undefined ? process.stderr.write(chunk) : (held += chunk)));
  // 'exit' may or may not follow 'error' (Node docs), so the first of them decides, once.
  let decided = false;
  const decide = (action) => {
    if (decided) return;
    decided = true;
    clearTimeout(settle);
    action();
  };
  child.on('error', (err) => decide(() => startConsole(dataDir, rest, `could not launch ${rel(electronPath)}: ${err.message}`)));
  child.on('exit', (code, signal) =>
    decide(() => {
      const failedEarly = !stopping && Date.now() - startedAt < EARLY_EXIT_MS && (code !== 0 || signal !== null);
      if (!failedEarly) process.exit(code ?? 1);
      const lastLine = (held ?? '').trim().split('\n').filter(Boolean).pop()?.slice(0, 200);
      startConsole(dataDir, rest, `Electron exited with ${signal ?? `code ${code}`} at start-up${lastLine ? `: ${lastLine}` : ''}`);
    }),
  );
}

const { data, rest } = splitArgs(process.argv.slice(2));
const dataDir = resolveDataDir({ env: process.env, platform: process.platform, homeDir: homedir(), explicit: data, cwd: process.cwd() });
const electron = findElectron();
const blocker = electronBlocker(electron);
if (blocker) startConsole(dataDir, rest, blocker);
else startElectron(electron.path, dataDir, rest);
