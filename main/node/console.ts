/** `ops console`: the engine behind a login, for browsers on this machine (or a team's LAN). */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../core/index.js';
import { consoleLogger, type Logger } from '../../core/kernel/logger.js';
import { createConsoleServer } from './http/server.js';

export interface ConsoleOptions {
  dataDir: string;
  /** 0 picks a free port. Default 5178. */
  port?: number;
  host?: string;
  demo?: { size: number; seed: number } | false;
  staticDir?: string;
  logger?: Logger;
  nativeBinding?: string;
  /** Run the scheduled jobs (channel pulls); default true. */
  schedule?: boolean;
  /** Partner gateways (sandbox simulators in demo and tests). */
  partners?: Record<string, unknown>;
}

export interface RunningConsole {
  url: string;
  core: Core;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 5178;
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1';
  if (options.demo && !isLoopback(host)) {
    throw new Error(`Demo mode has well-known passwords and refuses to listen on ${host}; use 127.0.0.1 or drop --demo.`);
  }
  const logger = options.logger ?? consoleLogger;
  const core = await createCore({ dataDir: options.dataDir, logger, host: 'console', demo: options.demo ?? false, schedule: options.schedule ?? true, ...(options.partners ? { partners: options.partners } : {}), ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const server = createConsoleServer(core, options.staticDir ?? DEFAULT_STATIC_DIR, logger);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
    });
  } catch (err) {
    await core.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    core,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}
