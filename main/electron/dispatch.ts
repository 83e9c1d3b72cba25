/**
 * The desktop host's IPC dispatcher, minus Electron: which sender may call, which names exist, and
 * where the session token lives. `ipc.ts` is the thin glue that feeds it Electron's events; keeping
 * this file free of electron imports lets it run under vitest in plain Node.
 *
 * The renderer never sees a session token: `auth/login` stores it here, per webContents, and every
 * later call is made as `{ token }` on that window's behalf (style.md principle 3).
 */
import type { OperatorInfo } from '../../core/contract/api.js';
import type { CoreError, CoreResult } from '../../core/contract/errors.js';
import type { Core } from '../../core/kernel/core-types.js';
import type { Logger } from '../../core/kernel/logger.js';
import { isRendererUrl, type RendererTarget } from './renderer-target.js';

export const INVOKE_CHANNEL = 'core:invoke';
export const EVENT_CHANNEL = 'core:event';
/** Handled by the host, not a core handler: the token it yields must stay in the main process. */
export const LOGIN_NAME = 'auth/login';
export const LOGOUT_NAME = 'auth/logout';

export type DispatchCore = Pick<Core, 'handlerNames' | 'invokeUnknown' | 'login' | 'logout'>;

/** The parts of an IpcMainInvokeEvent the dispatcher needs. */
export interface IpcSender {
  webContentsId: number;
  /** URL of event.senderFrame; undefined when the frame is already gone. */
  frameUrl: string | undefined;
  /** The sending frame is the top-level frame (senderFrame.parent === null). */
  isMainFrame: boolean;
}

export interface TrustedWindow {
  webContentsId: number;
  target: RendererTarget;
}

export function isTrustedSender(sender: IpcSender, trusted: TrustedWindow | undefined): boolean {
  return (
    trusted !== undefined &&
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    isRendererUrl(sender.frameUrl, trusted.target)
  );
}

/** Session tokens by webContents id; lives only in the main process. */
export class SessionTokens {
  private readonly tokens = new Map<number, string>();
  get(webContentsId: number): string | undefined {
    return this.tokens.get(webContentsId);
  }
  has(webContentsId: number): boolean {
    return this.tokens.has(webContentsId);
  }
  set(webContentsId: number, token: string): void {
    this.tokens.set(webContentsId, token);
  }
  /** Removes and returns the token, e.g. when the window logs out or is destroyed. */
  take(webContentsId: number): string | undefined {
    const token = this.tokens.get(webContentsId);
    this.tokens.delete(webContentsId);
    return token;
  }
}

export type LoginReply = { operator: OperatorInfo };

export interface DispatcherDeps {
  core: DispatchCore;
  sessions: SessionTokens;
  /** Read on every call: the window may not exist yet, or may have been recreated. */
  trusted: () => TrustedWindow | undefined;
  logger?: Logger;
  /** Written into the login's audit metadata. */
  host?: string;
}

export type CoreDispatcher = (sender: IpcSender, name: unknown, args: unknown) => Promise<CoreResult<unknown>>;

const fail = (type: CoreError['type'], message: string, details?: Record<string, unknown>): { error: CoreError } => ({
  error: details ? { type, message, details } : { type, message },
});

export function createCoreDispatcher(deps: DispatcherDeps): CoreDispatcher {
  const { core, sessions, logger } = deps;

  async function login(sender: IpcSender, args: unknown): Promise<CoreResult<LoginReply>> {
    const { username, password } = (args ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
      return fail('ValidationError', 'Username and password are required', {
        ...(typeof username !== 'string' || username === '' ? { username: 'required' } : {}),
        ...(typeof password !== 'string' ? { password: 'required' } : {}),
      });
    }
    const outcome = await core.login(username, password, { host: deps.host ?? 'desktop' });
    if ('error' in outcome) return outcome;
    // One session per window: a second login replaces (and ends) the first.
    const previous = sessions.take(sender.webContentsId);
    if (previous) await core.logout(previous);
    sessions.set(sender.webContentsId, outcome.data.token);
    return { data: { operator: outcome.data.operator } };
  }

  async function dispatch(sender: IpcSender, name: unknown, args: unknown): Promise<CoreResult<unknown>> {
    if (!isTrustedSender(sender, deps.trusted())) {
      logger?.warn('IPC refused: sender is not the main window of our renderer', { name: String(name), url: sender.frameUrl });
      return fail('Forbidden', 'IPC from an untrusted frame is refused');
    }
    if (typeof name !== 'string') return fail('ValidationError', 'Handler name must be a string');
    if (name === LOGIN_NAME) return login(sender, args);
    if (!core.handlerNames.has(name)) return fail('ValidationError', `Unknown handler: ${name}`);

    const token = sessions.get(sender.webContentsId) ?? null;
    const result = await core.invokeUnknown({ token }, name, args ?? {});
    // Whatever the engine answered, this window no longer holds a session after logging out.
    if (name === LOGOUT_NAME) sessions.take(sender.webContentsId);
    return result;
  }

  return async (sender, name, args) => {
    try {
      return await dispatch(sender, name, args);
    } catch (err) {
      // The engine returns errors as data; a throw is a bug. Log it here, send no stack to the page.
      logger?.error('IPC handler threw', { name: String(name), error: err instanceof Error ? err.stack : String(err) });
      return fail('InternalError', `Internal error while handling ${String(name)}`);
    }
  };
}

/** Ends the window's session when its webContents goes away. */
export async function endWindowSession(core: DispatchCore, sessions: SessionTokens, webContentsId: number): Promise<void> {
  const token = sessions.take(webContentsId);
  if (token) await core.logout(token);
}
