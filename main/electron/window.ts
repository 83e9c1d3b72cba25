/** The main window and the application menu. */
import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from './data-dir.js';
import type { RendererTarget } from './renderer-target.js';

export function createMainWindow(preloadPath: string, target: RendererTarget): BrowserWindow {
  const win = new BrowserWindow({
    title: APP_NAME,
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on ready-to-show, so no blank white frame flashes first
    webPreferences: {
      preload: preloadPath, // CommonJS: sandboxed preloads cannot be ES modules
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(target.url);
  return win;
}

/** Minimal menu: quit, the standard edit roles (copy/paste shortcuts need them on macOS), view. */
export function buildAppMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        // DevTools only in development: a packaged console does not expose a script prompt.
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
