/**
 * What counts as "our renderer": the exact out/renderer/index.html file URL in a build, or the dev
 * server's origin under `electron-vite dev`. The IPC dispatcher, the navigation guard and the CSP
 * all key off this one description. No electron import: tested in Node.
 */
import { pathToFileURL } from 'node:url';

export type RendererTarget =
  /** Built renderer loaded from disk. file:// URLs all share the opaque origin "null", so we compare the file itself. */
  | { kind: 'file'; url: string }
  /** `electron-vite dev`: ELECTRON_RENDERER_URL, compared by origin. */
  | { kind: 'dev'; url: string; origin: string };

export function fileTarget(indexHtmlPath: string): RendererTarget {
  return { kind: 'file', url: pathToFileURL(indexHtmlPath).href };
}

export function devTarget(url: string): RendererTarget {
  return { kind: 'dev', url, origin: new URL(url).origin };
}

/** True when `url` is a document of our renderer (hash and query ignored for the file case). */
export function isRendererUrl(url: string | undefined, target: RendererTarget): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (target.kind === 'dev') return parsed.origin === target.origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  return parsed.pathname === new URL(target.url).pathname;
}

/**
 * The renderer's Content-Security-Policy, the same as the <meta> tag in renderer/index.html (both
 * apply, so they must agree) plus frame-ancestors, which only works as a header. 'unsafe-inline'
 * styles only: ag-grid injects its theme stylesheet at run time; scripts stay 'self'.
 * connect-src 'self' keeps the page off the network: all data comes over IPC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Under `electron-vite dev` only: Vite's HMR websocket and @vitejs/plugin-react's inline refresh
 * preamble need ws: and an inline script. Never used for a built renderer.
 */
const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
);

export function contentSecurityPolicy(target: RendererTarget): string {
  return target.kind === 'dev' ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}

/** Response headers with `policy` replacing any Content-Security-Policy the response carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}
