import type { CoreEventMessage, OperatorInfo } from '../../core/contract/api.js';
import type { CoreError, CoreResult } from '../../core/contract/errors.js';
import type { Transport } from './bridge.js';

type Listener = (payload: unknown) => void;

/**
 * Browser console: POST /api/invoke and /api/login with an HttpOnly session cookie; push events
 * over Server-Sent Events from /api/events. A 401 anywhere means the session is gone: the app
 * returns to the login page through `onUnauthenticated`.
 */
export function createHttpTransport(onUnauthenticated: () => void): Transport {
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;
  let signedIn = false;

  function openEvents(): void {
    source?.close();
    source = new EventSource('/api/events', { withCredentials: true });
    source.onmessage = (message) => {
      let parsed: CoreEventMessage;
      try {
        parsed = JSON.parse(String(message.data)) as CoreEventMessage;
      } catch {
        return; // a malformed event is dropped, never fatal
      }
      listeners.get(parsed.name)?.forEach((cb) => cb(parsed.payload));
    };
  }

  function closeEvents(): void {
    signedIn = false;
    source?.close();
    source = null;
  }

  function markSignedIn(): void {
    signedIn = true;
    if (source === null && listeners.size > 0) openEvents();
  }

  async function post(path: string, body: unknown): Promise<CoreResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (cause) {
      return failure('Unavailable', String(cause));
    }
    const parsed = await readJson(response);
    if (response.status === 401 && path === '/api/invoke') {
      closeEvents();
      onUnauthenticated();
    }
    if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed as CoreResult<unknown>;
    if (parsed && typeof parsed === 'object' && 'error' in parsed) {
      // keep the HTTP status: the login page tells "wrong password" (401) from "slow down" (429)
      const error = (parsed as { error: CoreError }).error;
      return response.status === 429 ? { error: { ...error, details: { ...error.details, httpStatus: 429 } } } : { error };
    }
    return failure(response.ok ? 'InternalError' : statusToType(response.status), `HTTP ${response.status}`);
  }

  return {
    kind: 'http',
    invoke: async (name, args) => {
      const result = await post('/api/invoke', { name, args });
      if ('data' in result && !signedIn) markSignedIn();
      return result;
    },
    login: async (username, password) => {
      const result = (await post('/api/login', { username, password })) as CoreResult<{ operator: OperatorInfo }>;
      if ('data' in result) {
        signedIn = true;
        openEvents();
      }
      return result;
    },
    logout: async () => {
      closeEvents();
      await post('/api/logout', {});
    },
    on: (event, cb) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      if (signedIn && source === null) openEvents();
      return () => set.delete(cb);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function statusToType(status: number): CoreError['type'] {
  if (status === 401) return 'Unauthenticated';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'Conflict';
  if (status === 429 || status === 503) return 'Unavailable';
  return 'InternalError';
}

function failure(type: CoreError['type'], message: string): CoreResult<never> {
  return { error: { type, message } };
}
