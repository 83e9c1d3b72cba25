import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../../../main/node/console.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/e2e');

/** The demo data set every journey walks: ~300 orders, seed 42 (deterministic). */
export const DEMO = { size: 300, seed: 42 } as const;

export interface TestConsole extends RunningConsole {
  dataDir: string;
  stop(): Promise<void>;
}

export interface TestConsoleOptions {
  /** Partner gateways, e.g. `{ gateways: { taobao: simulator.url } }` (support/partners.ts). */
  partners?: Record<string, unknown>;
  /** Scheduled channel pulls; the engine's default (on) unless a journey wants only its own syncs. */
  schedule?: boolean;
}

/** Starts the browser console in-process on a random loopback port with a fresh data folder. */
export async function startTestConsole(options: TestConsoleOptions = {}): Promise<TestConsole> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_DIR}: run \`npx electron-vite build\` (or \`npm run build:renderer\`) first.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'order-hub-e2e-'));
  const running = await startConsole({ dataDir, port: 0, host: '127.0.0.1', demo: DEMO, staticDir: RENDERER_DIR, logger: silentLogger, ...options });
  return {
    ...running,
    dataDir,
    async stop() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
