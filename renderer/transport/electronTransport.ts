import type { OperatorInfo } from '../../core/contract/api.js';
import type { CoreResult } from '../../core/contract/errors.js';
import type { OrderHubBridge, Transport } from './bridge.js';

/** Electron: every call goes through the preload bridge; the main process keeps the session. */
export function createElectronTransport(bridge: OrderHubBridge): Transport {
  return {
    kind: 'electron',
    invoke: (name, args) => bridge.invoke(name, args),
    login: (username, password) =>
      bridge.invoke('auth/login', { username, password }) as Promise<CoreResult<{ operator: OperatorInfo }>>,
    logout: async () => {
      await bridge.invoke('auth/logout', {});
    },
    on: (event, cb) => bridge.on(event, cb),
  };
}
