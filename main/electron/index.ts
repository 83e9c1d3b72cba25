/**
 * Desktop host: Electron main process. Order of start-up: pick the better-sqlite3 build for
 * Electron's ABI → createCore() on the user's data folder → harden the session → window → IPC.
 * The engine is the same one the browser console runs (architecture.md "One contract, two transports").
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { createCore } from '../../core/index.js';
import type { Core } from '../../core/kernel/core-types.js';
import { consoleLogger } from '../../core/kernel/logger.js';
import { demoNotice, prepareDemo, type PreparedDemo, receiverSender } from '../node/demo/index.js';
import { APP_NAME } from './data-dir.js';
import { registerCoreIpc } from './ipc.js';
import { parseLaunchOptions } from './launch-options.js';
import { chooseNativeBinding } from './native-binding.js';
import { devTarget, fileTarget, type RendererTarget } from './renderer-target.js';
import { applySessionPolicy, guardWebContents } from './security.js';
import { buildAppMenu, createMainWindow } from './window.js';

const logger = consoleLogger;
const outDir = dirname(fileURLToPath(import.meta.url)); // out/main after electron-vite build

// Before `ready`: the name decides app.getPath('userData') (package.json has no productName), and
// must match data-dir.ts so that the browser console fallback opens the same folder.
app.setName(APP_NAME);
app.enableSandbox();

// Dev server only when running unpackaged under `electron-vite dev`.
const target: RendererTarget =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? devTarget(process.env.ELECTRON_RENDERER_URL)
    : fileTarget(join(outDir, '../renderer/index.html'));

let core: Core | undefined;
let demo: PreparedDemo | null = null;
let mainWindow: BrowserWindow | undefined;

/** Shows why the app cannot run, then exits with status 1 (bin/start.mjs reads that as a failed start). */
function fatal(title: string, message: string): void {
  logger.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(): Promise<void> {
  const launch = parseLaunchOptions(process.argv.slice(1), process.env); // positionals such as "." are ignored
  const binding = chooseNativeBinding({
    runtime: 'electron',
    abi: process.versions.modules,
    projectRoot: app.isPackaged ? process.resourcesPath : app.getAppPath(),
    exists: existsSync,
  });
  if ('error' in binding) return fatal('Order Hub cannot open its database', binding.error);

  applySessionPolicy(session.defaultSession, target);
  let engine: Core;
  let prepared: PreparedDemo | null = null;
  try {
    // Demo: the sandbox simulators run in this process; the engine's gateways point at them.
    prepared = launch.demo ? await prepareDemo(launch.dataDir, launch.demo, Date.now) : null;
    engine = await createCore({ dataDir: launch.dataDir, nativeBinding: binding.path, host: 'desktop', demo: Boolean(launch.demo), logger, schedule: true, ...(prepared?.partners ? { partners: prepared.partners } : {}) });
  } catch (err) {
    await prepared?.close();
    const reason = err instanceof Error ? err.message : String(err);
    return fatal('Order Hub could not start its engine', `${reason}\nData folder: ${launch.dataDir}`);
  }
  core = engine;
  demo = prepared;
  logger.info(`Order Hub desktop: data folder ${launch.dataDir}`);

  Menu.setApplicationMenu(buildAppMenu());
  const win = createMainWindow(join(outDir, '../preload/index.cjs'), target);
  mainWindow = win;
  const disposeIpc = registerCoreIpc(engine, win, target, logger);
  win.on('closed', () => {
    disposeIpc();
    mainWindow = undefined;
  });

  // One-time notices (first admin's password, demo accounts): createCore already logged them
  // through `logger`; the desktop user, who has no terminal, also gets them in a dialog.
  const notices = engine.startupNotices;
  if (notices.length > 0) {
    win.once('ready-to-show', () => {
      void dialog.showMessageBox(win, { type: 'info', title: APP_NAME, message: 'Order Hub is ready', detail: notices.join('\n') });
    });
  }
  if (prepared) fillDemo(engine, prepared, win);
}

/**
 * The demo's shops back-fill while the window is already up. Partners cannot reach the desktop app,
 * so the WeChat/POS backends' signed pushes go to the same receiver function the console's
 * /hooks/<channel> calls, and Douyin is polled rather than pushed (README "Demo").
 */
function fillDemo(engine: Core, prepared: PreparedDemo, win: BrowserWindow): void {
  prepared
    .fill(engine, { send: receiverSender(engine) })
    .then((running) => {
      const notice = demoNotice(running.summary);
      logger.info(notice);
      if (!win.isDestroyed()) void dialog.showMessageBox(win, { type: 'info', title: APP_NAME, message: 'Demo data is in', detail: notice });
    })
    .catch((err: unknown) => logger.error('The demo could not fill the store', { error: err instanceof Error ? err.message : String(err) }));
}

// One engine per data folder: a second launch focuses the running window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, target));
  app.on('window-all-closed', () => app.quit());

  // Close the engine (flush the write queue, close SQLite) before the process goes.
  app.on('before-quit', (event) => {
    if (!core) return; // not started, or already closed: let the quit proceed
    event.preventDefault();
    const engine = core;
    core = undefined;
    const stopping = demo;
    demo = null;
    // The demo's simulators and flow timer first, so nothing writes into a closing engine.
    (stopping ? stopping.close().catch((err: unknown) => logger.error('demo close failed', { error: String(err) })) : Promise.resolve())
      .then(() => engine.close())
      .catch((err: unknown) => logger.error('engine close failed', { error: String(err) }))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('Order Hub failed to start', err instanceof Error ? err.message : String(err)));
}
