/**
 * The browser-console host receives a platform's OAuth redirect at GET /hooks/oauth/<channel>: the
 * seller's browser comes back from the (simulated) Taobao authorise page with code + state, the host
 * exchanges the code for tokens and answers a page; the one-time state cannot be used twice, and a
 * redirect without one changes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../main/node/console.js';
import { silentLogger } from '../core/kernel/logger.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { tempDir } from './support/engine.js';

let console_: RunningConsole;
let taobao: Awaited<ReturnType<typeof startTaobaoSimulator>>;
let admin: { token: string };

beforeAll(async () => {
  taobao = await startTaobaoSimulator({ seed: 9, orders: 20, start: Date.now() - 86_400_000, spanMs: 86_400_000, apps: { 'tb-app': { secret: 'tb-secret', sessions: [] } } });
  console_ = await startConsole({
    dataDir: tempDir(),
    port: 0,
    demo: { orders: 0 },
    schedule: false,
    logger: silentLogger,
    partners: { gateways: { taobao: taobao.url }, authoriseUrls: { taobao: taobao.authoriseUrl }, timeoutMs: 5000 },
  });
  const login = await console_.core.login('admin', 'demo-admin');
  if ('error' in login) throw new Error(login.error.message);
  admin = { token: login.data.token };
});

afterAll(async () => {
  await console_.close();
  await taobao.close();
});

it('exchanges the code the platform redirects back with, once', async () => {
  const added = await console_.core.invoke(admin, 'channels/addShop', { id: 'tb-oauth', channel: 'taobao', name: '淘宝授权店', credentials: { appKey: 'tb-app', appSecret: 'tb-secret' } });
  expect('data' in added).toBe(true);
  const redirectUri = `${console_.url}/hooks/oauth/taobao`;
  const link = await console_.core.invoke(admin, 'channels/authorise', { shopId: 'tb-oauth', redirectUri });
  if ('error' in link) throw new Error(link.error.message);
  const grant = await fetch(link.data.url, { redirect: 'manual' });
  const back = grant.headers.get('location')!;
  expect(back.startsWith(redirectUri)).toBe(true);

  const page = await fetch(back);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('授权成功');
  const shops = await console_.core.invoke(admin, 'channels/shops', {});
  if ('error' in shops) throw new Error(shops.error.message);
  expect(shops.data.find((s) => s.id === 'tb-oauth')).toMatchObject({ token: 'ok' });

  const replay = await fetch(back);
  expect(replay.status).toBe(400);
  expect(await replay.text()).toContain('授权失败');
});

it('refuses a redirect without code or state', async () => {
  const page = await fetch(`${console_.url}/hooks/oauth/taobao?code=abc`);
  expect(page.status).toBe(400);
  expect(await page.text()).toContain('授权未完成');
});
