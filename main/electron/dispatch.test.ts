import { describe, expect, it } from 'vitest';
import type { OperatorInfo } from '../../core/contract/api.js';
import type { CoreResult } from '../../core/contract/errors.js';
import type { Caller } from '../../core/kernel/core-types.js';
import { createCoreDispatcher, endWindowSession, isTrustedSender, SessionTokens, type DispatchCore, type IpcSender, type TrustedWindow } from './dispatch.js';
import { fileTarget } from './renderer-target.js';

const target = fileTarget('/app/out/renderer/index.html');
const trusted: TrustedWindow = { webContentsId: 7, target };
const mainFrame: IpcSender = { webContentsId: 7, frameUrl: 'file:///app/out/renderer/index.html#/orders', isMainFrame: true };

const operator: OperatorInfo = {
  id: 1,
  username: 'ana',
  displayName: 'Ana',
  role: 'admin',
  mustChangePassword: false,
  disabled: false,
  permissions: [],
  createdAt: 0,
};

/** A core-like object that records what the dispatcher asked of it. */
function fakeCore() {
  const calls: Array<{ caller: Caller; name: string; args: unknown }> = [];
  const loggedOut: string[] = [];
  let tokens = 0;
  const core: DispatchCore = {
    handlerNames: new Set(['auth/me', 'auth/logout', 'orders/list', 'system/health']),
    async invokeUnknown(caller, name, args): Promise<CoreResult<unknown>> {
      calls.push({ caller, name, args });
      if (name === 'system/health') throw new Error('boom');
      return { data: { echoed: name } };
    },
    async login(username, password) {
      if (password !== 'right') return { error: { type: 'Unauthenticated', message: 'Wrong username or password' } };
      tokens += 1;
      return { data: { token: `tok-${tokens}`, operator: { ...operator, username } } };
    },
    async logout(token) {
      loggedOut.push(token);
    },
  };
  return { core, calls, loggedOut };
}

function setup() {
  const fake = fakeCore();
  const sessions = new SessionTokens();
  const dispatch = createCoreDispatcher({ core: fake.core, sessions, trusted: () => trusted });
  return { ...fake, sessions, dispatch };
}

describe('isTrustedSender', () => {
  it.each([
    ['our main frame', mainFrame, true],
    ['another webContents', { ...mainFrame, webContentsId: 8 }, false],
    ['a subframe', { ...mainFrame, isMainFrame: false }, false],
    ['another file', { ...mainFrame, frameUrl: 'file:///tmp/evil.html' }, false],
    ['a web page', { ...mainFrame, frameUrl: 'https://evil.example/' }, false],
    ['a destroyed frame', { ...mainFrame, frameUrl: undefined }, false],
  ] as const)('%s → %s', (_label, sender, expected) => {
    expect(isTrustedSender(sender, trusted)).toBe(expected);
  });

  it('trusts nobody before the window exists', () => {
    expect(isTrustedSender(mainFrame, undefined)).toBe(false);
  });
});

describe('createCoreDispatcher', () => {
  it('refuses untrusted senders before looking at the name', async () => {
    const { dispatch, calls } = setup();
    const result = await dispatch({ ...mainFrame, isMainFrame: false }, 'orders/list', {});
    expect(result).toEqual({ error: { type: 'Forbidden', message: 'IPC from an untrusted frame is refused' } });
    expect(calls).toEqual([]);
  });

  it('rejects unknown and non-string names as validation errors', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch(mainFrame, 'orders/dropTable', {})).toEqual({ error: { type: 'ValidationError', message: 'Unknown handler: orders/dropTable' } });
    expect(await dispatch(mainFrame, 42, {})).toMatchObject({ error: { type: 'ValidationError' } });
    expect(calls).toEqual([]);
  });

  it('calls known handlers as { token: null } before login', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch(mainFrame, 'orders/list', { limit: 5 })).toEqual({ data: { echoed: 'orders/list' } });
    expect(calls).toEqual([{ caller: { token: null }, name: 'orders/list', args: { limit: 5 } }]);
  });

  it('keeps the login token in main and uses it for later calls', async () => {
    const { dispatch, calls, sessions } = setup();
    const reply = await dispatch(mainFrame, 'auth/login', { username: 'ana', password: 'right' });
    expect(reply).toEqual({ data: { operator: { ...operator, username: 'ana' } } });
    expect(JSON.stringify(reply)).not.toContain('tok-');
    expect(sessions.get(7)).toBe('tok-1');
    await dispatch(mainFrame, 'auth/me', undefined);
    expect(calls.at(-1)).toEqual({ caller: { token: 'tok-1' }, name: 'auth/me', args: {} });
  });

  it('passes a failed login through and stores nothing', async () => {
    const { dispatch, sessions } = setup();
    expect(await dispatch(mainFrame, 'auth/login', { username: 'ana', password: 'wrong' })).toMatchObject({ error: { type: 'Unauthenticated' } });
    expect(sessions.has(7)).toBe(false);
  });

  it('validates login arguments and names the fields', async () => {
    const { dispatch } = setup();
    expect(await dispatch(mainFrame, 'auth/login', { username: '' })).toEqual({
      error: { type: 'ValidationError', message: 'Username and password are required', details: { username: 'required', password: 'required' } },
    });
    expect(await dispatch(mainFrame, 'auth/login', null)).toMatchObject({ error: { type: 'ValidationError' } });
  });

  it('ends the previous session when the window logs in again', async () => {
    const { dispatch, sessions, loggedOut } = setup();
    await dispatch(mainFrame, 'auth/login', { username: 'ana', password: 'right' });
    await dispatch(mainFrame, 'auth/login', { username: 'bo', password: 'right' });
    expect(loggedOut).toEqual(['tok-1']);
    expect(sessions.get(7)).toBe('tok-2');
  });

  it('forgets the token after auth/logout', async () => {
    const { dispatch, calls, sessions } = setup();
    await dispatch(mainFrame, 'auth/login', { username: 'ana', password: 'right' });
    await dispatch(mainFrame, 'auth/logout', {});
    expect(calls.at(-1)?.caller).toEqual({ token: 'tok-1' });
    expect(sessions.has(7)).toBe(false);
  });

  it('turns a thrown handler into an InternalError without the stack', async () => {
    const { dispatch } = setup();
    const result = await dispatch(mainFrame, 'system/health', {});
    expect(result).toEqual({ error: { type: 'InternalError', message: 'Internal error while handling system/health' } });
  });
});

describe('endWindowSession', () => {
  it('logs the window out once when its webContents goes away', async () => {
    const { core, sessions, loggedOut } = setup();
    sessions.set(7, 'tok-9');
    await endWindowSession(core, sessions, 7);
    await endWindowSession(core, sessions, 7);
    expect(loggedOut).toEqual(['tok-9']);
  });
});
