import type { OperatorInfo } from '../../core/contract/api.js';
import type { CoreResult } from '../../core/contract/errors.js';
import type { OrderHubBridge, Transport } from './bridge.js';

/** Electron: every call goes through the preload bridge; the main process keeps the session. */
export function createElectronTransport(bridge: OrderHubBridge): Transport {
  return {
    kind: 'electron',
    // an IPC failure (main process gone, handler threw) becomes data like every other error
    invoke: (name, args) => bridge.invoke(name, args).catch((cause: unknown) => unavailable(cause)),
    login: (username, password) =>
      bridge.invoke('auth/login', { username, password }).catch((cause: unknown) => unavailable(cause)) as Promise<
        CoreResult<{ operator: OperatorInfo }>
      >,
    logout: async () => {
      await bridge.invoke('auth/logout', {}).catch(() => undefined);
    },
    on: (event, cb) => bridge.on(event, cb),
  };
}

function unavailable(cause: unknown): CoreResult<never> {
  return { error: { type: 'Unavailable', message: cause instanceof Error ? cause.message : String(cause) } };
}
