/**
 * The browser console's HTTP transport: login sets an HttpOnly, SameSite=Strict session cookie;
 * /api/invoke carries the same handler calls as Electron IPC; /api/events streams push events as
 * Server-Sent Events. Without a valid session every API call answers 401 and reveals nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Core } from '../../../core/index.js';
import type { Logger } from '../../../core/kernel/logger.js';
import { HttpError, parseCookies, readJsonBody, readRawBody, sameOrigin, SECURITY_HEADERS, sendJson } from './request.js';
import { serveStatic } from './static.js';

export const SESSION_COOKIE = 'ohsid';
const MAX_INVOKE_BYTES = 80 * 1024 * 1024; // imports travel as base64 inside invoke
const MAX_LOGIN_BYTES = 16 * 1024;
const MAX_HOOK_BYTES = 6 * 1024 * 1024;
const UNAUTHENTICATED = { error: { type: 'Unauthenticated', message: 'Please log in.' } };

function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}`;
}

export function createConsoleServer(core: Core, staticDir: string, logger: Logger): Server {
  const tokenOf = (req: IncomingMessage) => parseCookies(req.headers.cookie)[SESSION_COOKIE] ?? null;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console.local');
    const path = url.pathname;
    if (path === '/healthz') return sendJson(res, 200, { ok: true });
    if (path.startsWith('/api/')) {
      if (req.method === 'POST' && !sameOrigin(req)) throw new HttpError(403, 'Cross-origin requests are refused.');
      if (path === '/api/login' && req.method === 'POST') return login(req, res);
      if (path === '/api/logout' && req.method === 'POST') {
        const token = tokenOf(req);
        if (token) await core.logout(token);
        return sendJson(res, 200, { data: { ok: true } }, { 'Set-Cookie': sessionCookie('', 0) });
      }
      if (path === '/api/invoke' && req.method === 'POST') return invoke(req, res);
      if (path === '/api/events' && req.method === 'GET') return events(req, res);
      return sendJson(res, 404, { error: { type: 'NotFound', message: 'No such API.' } });
    }
    if (path.startsWith('/hooks/oauth/') && req.method === 'GET') return oauthRedirect(path.slice('/hooks/oauth/'.length), url, res);
    if (path.startsWith('/hooks/') && req.method === 'POST') return hook(path.slice('/hooks/'.length), req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
    return serveStatic(staticDir, path, res);
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readJsonBody(req, MAX_LOGIN_BYTES)) as { username?: unknown; password?: unknown };
    const result = await core.login(String(body.username ?? ''), String(body.password ?? ''), { host: 'console', address: req.socket.remoteAddress ?? 'unknown' });
    if ('error' in result) return sendJson(res, result.error.type === 'ValidationError' ? 400 : 401, result);
    return sendJson(res, 200, { data: { operator: result.data.operator } }, { 'Set-Cookie': sessionCookie(result.data.token, 12 * 3600) });
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = tokenOf(req);
    if (!token) return sendJson(res, 401, UNAUTHENTICATED);
    const body = (await readJsonBody(req, MAX_INVOKE_BYTES)) as { name?: unknown; args?: unknown };
    if (typeof body.name !== 'string' || !core.handlerNames.has(body.name)) {
      // Unknown names are answered only to a valid session, so a stranger learns nothing.
      const probe = await core.invokeUnknown({ token }, 'auth/me', {});
      if ('error' in probe && probe.error.type === 'Unauthenticated') return sendJson(res, 401, UNAUTHENTICATED);
      return sendJson(res, 400, { error: { type: 'ValidationError', message: `Unknown handler: ${String(body.name).slice(0, 80)}` } });
    }
    const result = await core.invokeUnknown({ token }, body.name, body.args ?? {});
    if ('error' in result && result.error.type === 'Unauthenticated') return sendJson(res, 401, UNAUTHENTICATED);
    return sendJson(res, 200, result);
  }

  /** Partner pushes: the partner's signature authenticates them, not a session cookie. */
  async function hook(partner: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readRawBody(req, MAX_HOOK_BYTES);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
    const answer = await core.receivePush(partner, { headers, body, url: req.url ?? '' });
    if (answer.text !== undefined) {
      // A partner that wants XML (SF's route push) gets exactly the bytes its parser chose.
      res.writeHead(answer.status, { ...SECURITY_HEADERS, 'Content-Type': answer.contentType ?? 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(answer.text) });
      return void res.end(answer.text);
    }
    return sendJson(res, answer.status, answer.body);
  }

  /** The platform sends the seller's browser back here with code + state after they grant the app. */
  async function oauthRedirect(channel: string, url: URL, res: ServerResponse): Promise<void> {
    const answer = await core.receiveOAuthRedirect(channel, { code: url.searchParams.get('code'), state: url.searchParams.get('state') });
    const escape = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${escape(answer.title)}</title><body><h1>${escape(answer.title)}</h1><p>${escape(answer.message)}</p></body></html>`;
    res.writeHead(answer.status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html) });
    res.end(html);
  }

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = tokenOf(req);
    const me = await core.invokeUnknown({ token }, 'auth/me', {});
    if ('error' in me) return sendJson(res, 401, UNAUTHENTICATED);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    const unsubscribe = core.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  return createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger.error('console request failed', { url: req.url, error: err instanceof Error ? err.message : String(err) });
      if (res.headersSent) return res.end();
      sendJson(res, status, { error: { type: status === 500 ? 'InternalError' : 'ValidationError', message: err instanceof Error ? err.message : 'Request failed.' } });
    });
  });
}
