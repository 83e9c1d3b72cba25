/** `ops console`: the engine behind a login, for browsers on this machine (or a team's LAN). */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../core/index.js';
import { type Clock, systemClock } from '../../core/kernel/clock.js';
import { consoleLogger, type Logger } from '../../core/kernel/logger.js';
import { httpSender } from '../../sandbox/merchant/index.js';
import { demoNotice, type DemoRequest, type DemoSummary, prepareDemo, type PreparedDemo, type RunningDemo } from './demo/index.js';
import { createConsoleServer } from './http/server.js';

export interface ConsoleOptions {
  dataDir: string;
  /** 0 picks a free port. Default 5178. */
  port?: number;
  host?: string;
  /** Demo operators, and (unless `orders: 0`) the sandbox simulators filling and feeding the store. */
  demo?: DemoRequest | false;
  staticDir?: string;
  logger?: Logger;
  nativeBinding?: string;
  /** Run the scheduled jobs (channel pulls); default true. */
  schedule?: boolean;
  /** Partner gateways and settings (sandbox simulators in tests). A demo with orders brings its own platform gateways. */
  partners?: Record<string, unknown>;
  /** The engine's clock, shared with the demo's simulators (tests inject a ManualClock). */
  clock?: Clock;
}

export interface RunningConsole {
  url: string;
  core: Core;
  /** The running demo (its summary, and one flow round on demand), or null. */
  demo: { summary: DemoSummary; tick: RunningDemo['tick']; simulators: PreparedDemo['simulators'] } | null;
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
  const clock = options.clock ?? systemClock;
  const prepared = options.demo ? await prepareDemo(options.dataDir, options.demo, () => clock.now()) : null;
  let partners = options.partners;
  if (prepared?.partners) {
    // The demo's platform gateways are its simulators; other partners (couriers…) pass through.
    const own = (options.partners?.gateways ?? {}) as Record<string, unknown>;
    const taken = Object.keys(prepared.partners.gateways as Record<string, unknown>).filter((channel) => channel in own);
    if (taken.length > 0) {
      await prepared.close();
      throw new Error(`A demo with orders brings its own ${taken.join(', ')} simulators; pass those gateways only with demo orders 0.`);
    }
    // Tracking partners given by the caller (tests, a deployment's own Kuaidi100) win over the demo's simulator.
    const logistics = options.partners?.logistics ?? (prepared.partners as Record<string, unknown>).logistics;
    partners = { ...options.partners, ...prepared.partners, gateways: { ...own, ...(prepared.partners.gateways as Record<string, unknown>) }, ...(logistics ? { logistics } : {}) };
  }
  let core: Core;
  try {
    core = await createCore({ dataDir: options.dataDir, logger, host: 'console', demo: Boolean(options.demo), clock, schedule: options.schedule ?? true, ...(partners ? { partners } : {}), ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (err) {
    await prepared?.close();
    throw err;
  }
  const server = createConsoleServer(core, options.staticDir ?? DEFAULT_STATIC_DIR, logger);
  const closeServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
    });
  } catch (err) {
    await prepared?.close();
    await core.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  let demo: RunningDemo | null = null;
  if (prepared) {
    try {
      // The merchants and Douyin reach the console as partners do: signed POSTs to its /hooks/<channel>.
      demo = await prepared.fill(core, { send: httpSender(url), douyinHookUrl: `${url}/hooks/douyin` });
    } catch (err) {
      await prepared.close();
      await closeServer();
      await core.close();
      throw err;
    }
    const notice = demoNotice(demo.summary);
    core.startupNotices.push(notice);
    logger.info(notice);
  }
  let closed = false;
  return {
    url,
    core,
    demo: demo && prepared ? { summary: demo.summary, tick: demo.tick, simulators: prepared.simulators } : null,
    async close() {
      if (closed) return;
      closed = true;
      // Partners first (no push arrives at a closing server), then the listener, then the engine.
      await prepared?.close();
      await closeServer();
      await core.close();
    },
  };
}
