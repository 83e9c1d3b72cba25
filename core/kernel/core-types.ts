import type { CoreApi, CoreEventMessage, HandlerName, OperatorInfo } from '../contract/api.js';
import type { Actor } from '../contract/actors.js';
import type { CoreResult } from '../contract/errors.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

export interface CoreOptions {
  /** Folder holding the database, the audit anchor, the secrets key file and backups. */
  dataDir: string;
  clock?: Clock;
  /** Partner base URLs and knobs (sandbox in demo/tests). Empty until connectors land. */
  partners?: Record<string, unknown>;
  logger?: Logger;
  /** Path to a better-sqlite3 `.node` built for the running ABI (Electron host); default: the Node build. */
  nativeBinding?: string;
  /**
   * Demo operators: one per role with password `demo-<role>`. `true` for the hosts' `--demo`, whose
   * orders come through the sandbox simulators (main/node/demo); `{ size, seed }` also ingests that
   * many generated orders directly (core/demo), a fixture for engine tests and benches.
   */
  demo?: boolean | { size: number; seed: number };
  /** Start the node-cron jobs (channel pulls). Hosts say yes; tests drive syncs by hand. */
  schedule?: boolean;
  /** Which host is running the engine, written into audit sources ('console', 'desktop', 'cli'). */
  host?: string;
  /** Notification worker knobs: poll interval (default 2 s, only with `schedule`), partner timeout, lease. */
  notify?: { pollMs?: number; timeoutMs?: number; leaseMs?: number };
}

export interface LoginOutcome {
  token: string;
  operator: OperatorInfo;
}

/** Identifies the caller of a handler: a session token (operators) or a trusted host actor (CLI). */
export type Caller = { token: string | null } | { trusted: Actor };

export interface Core {
  readonly dataDir: string;
  /** Every known handler name; hosts refuse anything else before dispatching. */
  readonly handlerNames: ReadonlySet<string>;
  invoke<K extends HandlerName>(caller: Caller, name: K, args: CoreApi[K]['args']): Promise<CoreResult<CoreApi[K]['result']>>;
  /** Untyped entry for transports: validates the name first. */
  invokeUnknown(caller: Caller, name: string, args: unknown): Promise<CoreResult<unknown>>;
  login(username: string, password: string, meta?: { host?: string; address?: string }): Promise<CoreResult<LoginOutcome>>;
  logout(token: string): Promise<void>;
  /** Subscribe to push events; returns the unsubscribe function. */
  onEvent(listener: (event: CoreEventMessage) => void): () => void;
  /** One-time messages the host must show at start (first admin's password, demo accounts). */
  readonly startupNotices: string[];
  /** A partner push at /hooks/<partner>: authenticated by the partner's signature, not a session. */
  receivePush(
    partner: string,
    request: { headers: Record<string, string | undefined>; body: Buffer; url?: string },
  ): Promise<{ status: number; body: unknown; text?: string; contentType?: string }>;
  /**
   * A platform's OAuth redirect (GET /hooks/oauth/<channel>?code&state on the browser-console host):
   * the one-time state issued by `channels/authorise` authenticates it. Answers a small page for the
   * seller's browser.
   */
  receiveOAuthRedirect(channel: string, query: { code: string | null; state: string | null }): Promise<{ status: number; title: string; message: string }>;
  /** Online backup to `destination`, with the audit anchor written beside it. */
  backup(destination: string): Promise<{ count: number; headHash: string }>;
  close(): Promise<void>;
}
