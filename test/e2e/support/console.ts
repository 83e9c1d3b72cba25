import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../../../main/node/console.js';
import type { DemoRequest } from '../../../main/node/demo/index.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/e2e');

/**
 * The demo every journey walks: ~300 orders from the sandbox simulators through the connectors and
 * pushes, seed 42, as a still picture (--no-flow) so the counts a journey reads stay put.
 */
export const DEMO = { seed: 42, orders: 300, flow: false } as const satisfies DemoRequest;

export interface TestConsole extends RunningConsole {
  dataDir: string;
  /** How many orders the demo's simulators put in the store (deterministic from the seed). */
  demoOrders: number;
  stop(): Promise<void>;
}

export interface TestConsoleOptions {
  /** Partner gateways, e.g. `{ gateways: { taobao: simulator.url } }` (support/partners.ts). */
  partners?: Record<string, unknown>;
  /** Scheduled channel pulls; the engine's default (on) unless a journey wants only its own syncs. */
  schedule?: boolean;
  /** Another demo, e.g. `{ orders: 0 }` (demo operators only) for a journey that brings its own partners. */
  demo?: DemoRequest;
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
    demoOrders: running.demo?.summary.total ?? 0,
    async stop() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
