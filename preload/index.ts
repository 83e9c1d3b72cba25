/**
 * The narrow bridge between the sandboxed renderer and the main process (style.md principle 3):
 * `window.orderHub.invoke(name, args)` and `window.orderHub.on(event, cb)`, nothing else.
 * ipcRenderer itself is never exposed. Built as CommonJS (sandboxed preloads cannot be ES modules);
 * only type imports come from core/, so nothing of the engine is bundled here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CoreApi, CoreEventMessage, CoreEventName, CoreEvents, OperatorInfo } from '../core/contract/api.js';
import type { CoreResult } from '../core/contract/errors.js';

// Same strings as main/electron/dispatch.ts (not imported: the preload bundle must stay tiny).
const INVOKE_CHANNEL = 'core:invoke';
const EVENT_CHANNEL = 'core:event';

/**
 * What the desktop transport carries: every core handler plus `auth/login`, which the main process
 * handles itself so that the session token never reaches the page.
 */
export type BridgeApi = CoreApi & {
  'auth/login': { args: { username: string; password: string }; result: { operator: OperatorInfo } };
};

export interface OrderHubBridge {
  invoke<K extends keyof BridgeApi>(name: K, args: BridgeApi[K]['args']): Promise<CoreResult<BridgeApi[K]['result']>>;
  /** Subscribe to one push event; returns the unsubscribe function. */
  on<E extends CoreEventName>(event: E, callback: (payload: CoreEvents[E]) => void): () => void;
}

// One IPC listener fans out to every subscriber, so many `on()` calls add no ipcRenderer listeners.
const subscribers = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT_CHANNEL, (_event, message: CoreEventMessage) => {
  for (const callback of subscribers.get(message?.name) ?? []) {
    try {
      callback(message.payload);
    } catch (err) {
      console.error(`orderHub.on('${message.name}') callback failed`, err);
    }
  }
});

const bridge: OrderHubBridge = {
  invoke(name, args) {
    if (typeof name !== 'string') return Promise.reject(new TypeError('invoke(name, args): name must be a string'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, args);
  },
  on(event, callback) {
    if (typeof event !== 'string' || typeof callback !== 'function') throw new TypeError('on(event, callback): expected a name and a function');
    const listener = callback as (payload: unknown) => void;
    let set = subscribers.get(event);
    if (!set) subscribers.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('orderHub', bridge);
