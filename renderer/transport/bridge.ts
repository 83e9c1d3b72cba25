import type { CoreEventMessage, CoreEventName, CoreEvents, OperatorInfo } from '../../core/contract/api.js';
import type { CoreResult } from '../../core/contract/errors.js';

/**
 * What the Electron preload exposes on `window.orderHub` (contextBridge): only invoke and on,
 * never ipcRenderer (style.md principle 3). `auth/login` is a host-level call, not a CoreApi handler.
 */
export interface OrderHubBridge {
  invoke(name: string, args: unknown): Promise<CoreResult<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    orderHub?: OrderHubBridge;
  }
}

export type EventListener<E extends CoreEventName> = (payload: CoreEvents[E]) => void;

/** One transport per process: Electron IPC or the browser console's HTTP + SSE. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  invoke(name: string, args: unknown): Promise<CoreResult<unknown>>;
  login(username: string, password: string): Promise<CoreResult<{ operator: OperatorInfo }>>;
  logout(): Promise<void>;
  on(event: CoreEventName, cb: (payload: unknown) => void): () => void;
}

export type { CoreEventMessage };
