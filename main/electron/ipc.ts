/**
 * Electron glue for the dispatcher in dispatch.ts: one `ipcMain.handle('core:invoke')` and the push
 * of engine events to the window. Everything worth testing lives in dispatch.ts.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../../core/kernel/core-types.js';
import type { Logger } from '../../core/kernel/logger.js';
import { createCoreDispatcher, endWindowSession, EVENT_CHANNEL, INVOKE_CHANNEL, SessionTokens, type IpcSender } from './dispatch.js';
import type { RendererTarget } from './renderer-target.js';

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame; // null once the frame has navigated away or been destroyed
  return { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null };
}

/** Serves `core:invoke` for `win` and pushes core events to it; returns the teardown. */
export function registerCoreIpc(core: Core, win: BrowserWindow, target: RendererTarget, logger: Logger): () => void {
  const sessions = new SessionTokens();
  const webContentsId = win.webContents.id; // read now: the getter throws after destruction
  const dispatch = createCoreDispatcher({
    core,
    sessions,
    logger,
    host: 'desktop',
    trusted: () => (win.isDestroyed() ? undefined : { webContentsId, target }),
  });
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, args: unknown) => dispatch(describeSender(event), name, args));

  // Events only reach a window with a signed-in operator, as with the browser console's event stream.
  const unsubscribe = core.onEvent((message) => {
    if (!win.isDestroyed() && sessions.has(webContentsId)) win.webContents.send(EVENT_CHANNEL, message);
  });
  win.webContents.once('destroyed', () => {
    void endWindowSession(core, sessions, webContentsId).catch((err: unknown) => logger.warn('logout on window close failed', { error: String(err) }));
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
