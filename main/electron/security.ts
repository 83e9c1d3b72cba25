/**
 * Electron hardening that is not a BrowserWindow option: the CSP header, permission denial, and a
 * guard on every webContents (navigation, new windows, <webview>). Decisions come from
 * renderer-target.ts; this file only wires them into Electron.
 */
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy, isRendererUrl, withContentSecurityPolicy, type RendererTarget } from './renderer-target.js';

/**
 * Writing plain text to the clipboard is the one permission the console uses (copying cells from
 * the grids); everything else (camera, notifications, geolocation, HID, clipboard reads...) is refused.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function applySessionPolicy(ses: Session, target: RendererTarget): void {
  const policy = contentSecurityPolicy(target);
  // Chromium honours CSP headers on http(s) documents; for file:// documents Electron's docs have
  // said headers may not apply, which is why renderer/index.html carries the same policy in a
  // <meta http-equiv> tag. The header covers the dev server and adds frame-ancestors.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  ses.setDevicePermissionHandler(() => false);
}

/** Installed for every webContents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents, target: RendererTarget): void {
  // Only our own renderer document may be loaded; anything else (a dropped file, a link, an
  // injected location change) is stopped before it leaves the page.
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url, target)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(event.url, target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
