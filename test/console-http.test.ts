/** The browser console's HTTP transport: login cookie, 401s that reveal nothing, invoke, SSE. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { silentLogger } from '../core/kernel/logger.js';
import { tempDir } from './support/engine.js';

let running: RunningConsole;

beforeAll(async () => {
  running = await startConsole({ dataDir: tempDir(), port: 0, demo: { orders: 60, seed: 5, flow: false }, logger: silentLogger, staticDir: tempDir() });
});
afterAll(async () => {
  await running.close();
});

async function login(username: string, password: string) {
  return fetch(`${running.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

async function invoke(cookie: string | null, name: string, args: unknown = {}) {
  return fetch(`${running.url}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify({ name, args }),
  });
}

describe('browser console host', () => {
  it('binds to loopback and answers /healthz', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Strict session cookie at login and serves invoke with it', async () => {
    const res = await login('cs', 'demo-cs');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ohsid=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const body = (await res.json()) as { data: { operator: { username: string } } };
    expect(body.data.operator.username).toBe('cs');
    expect(JSON.stringify(body)).not.toContain(cookie.split(';')[0]!.split('=')[1]!); // the token stays in the cookie
    const list = await invoke(cookie.split(';')[0]!, 'orders/list', { limit: 5 });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { rows: unknown[] } }).data.rows).toHaveLength(5);
  });

  it('answers 401 and reveals nothing without a valid session — not even which handlers exist', async () => {
    for (const [cookie, name] of [[null, 'orders/list'], ['ohsid=forged', 'orders/list'], [null, 'no/such'], ['ohsid=forged', 'no/such']] as const) {
      const res = await invoke(cookie, name);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { type: 'Unauthenticated', message: 'Please log in.' } });
    }
    expect((await fetch(`${running.url}/api/events`)).status).toBe(401);
  });

  it('refuses non-JSON and cross-origin posts', async () => {
    const form = await fetch(`${running.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=cs&password=demo-cs' });
    expect(form.status).toBe(415);
    const cross = await fetch(`${running.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    const bad = await fetch(`${running.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
  });

  it('slows down repeated failed logins', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const res = await login('warehouse', 'wrong-password');
      expect(res.status).toBe(401);
      times.push(performance.now() - start);
    }
    // 3 free attempts, then 500 ms, then 1000 ms before answering.
    expect(times[3]!).toBeGreaterThanOrEqual(450);
    expect(times[4]!).toBeGreaterThanOrEqual(950);
    expect((await login('warehouse', 'demo-warehouse')).status).toBe(200);
  }, 20_000);

  it('streams engine events over Server-Sent Events to a logged-in browser', async () => {
    const cookie = (await login('supervisor', 'demo-supervisor')).headers.get('set-cookie')!.split(';')[0]!;
    const controller = new AbortController();
    const res = await fetch(`${running.url}/api/events`, { headers: { Cookie: cookie }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const list = (await (await invoke(cookie, 'orders/list', { limit: 1 })).json()) as { data: { rows: Array<{ id: number }> } };
    const id = list.data.rows[0]!.id;
    await invoke(cookie, 'orders/edit', { id, changes: { sellerRemark: 'sse' } });
    let text = '';
    while (!text.includes('orders/changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(`"ids":[${id}]`);
    controller.abort();
  });

  it('refuses to run a demo on a non-loopback address', async () => {
    await expect(startConsole({ dataDir: tempDir(), port: 0, host: '0.0.0.0', demo: { orders: 0 }, logger: silentLogger })).rejects.toThrow(/refuses to listen on 0\.0\.0\.0/);
  });
});
