import type { CoreApi, CoreEventName, CoreEvents, HandlerName, OperatorInfo } from '../../core/contract/api.js';
import type { CoreResult } from '../../core/contract/errors.js';
import type { Transport } from './bridge.js';
import { createElectronTransport } from './electronTransport.js';
import { createHttpTransport } from './httpTransport.js';

/**
 * The renderer's one door to the engine (style.md principle 4: the transport is the test seam).
 * Chosen once at start: the Electron preload bridge when present, otherwise HTTP + SSE.
 */
const unauthenticatedListeners = new Set<() => void>();

function notifyUnauthenticated(): void {
  unauthenticatedListeners.forEach((cb) => cb());
}

function chooseTransport(): Transport {
  if (typeof window !== 'undefined' && window.orderHub) return createElectronTransport(window.orderHub);
  return createHttpTransport(notifyUnauthenticated);
}

let transport: Transport = chooseTransport();

/** Tests may swap the transport; components never know. */
export function setTransport(next: Transport): void {
  transport = next;
}

export function transportKind(): Transport['kind'] {
  return transport.kind;
}

export async function send<K extends HandlerName>(name: K, args: CoreApi[K]['args']): Promise<CoreResult<CoreApi[K]['result']>> {
  const result = (await transport.invoke(name, args)) as CoreResult<CoreApi[K]['result']>;
  // Electron answers an ended session with an Unauthenticated error rather than HTTP 401
  if (transport.kind === 'electron' && 'error' in result && result.error.type === 'Unauthenticated') notifyUnauthenticated();
  return result;
}

export function on<E extends CoreEventName>(event: E, cb: (payload: CoreEvents[E]) => void): () => void {
  return transport.on(event, cb as (payload: unknown) => void);
}

export function login(username: string, password: string): Promise<CoreResult<{ operator: OperatorInfo }>> {
  return transport.login(username, password);
}

export function logout(): Promise<void> {
  return transport.logout();
}

/** Called when the HTTP host answers 401: the session expired or was revoked. */
export function onUnauthenticated(cb: () => void): () => void {
  unauthenticatedListeners.add(cb);
  return () => unauthenticatedListeners.delete(cb);
}

export type { Transport, OrderHubBridge } from './bridge.js';
