/**
 * Shop authorisation and token refresh against the three platform simulators over real HTTP: the
 * authorise page gives a one-time code for the shop's state, the code is exchanged with the real
 * signed token call, tokens are refreshed before they expire and once on the platform's expired-token
 * answer, and a refused refresh leaves the shop 'auth-failed' with the platform's own words and
 * nothing lost. Engine and simulators share one manual clock, so expiry is driven, not waited for.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopHealth, SyncRunInfo } from '../core/contract/channels.js';
import { createCore, DB_FILE, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { openDatabase } from '../core/store/db.js';
import type { OAuthBook } from '../sandbox/common/oauth-book.js';
import { startDouyinSimulator } from '../sandbox/douyin/index.js';
import { startPinduoduoSimulator } from '../sandbox/pinduoduo/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { tempDir } from './support/engine.js';
import { data, loginAs } from './support/results.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const clock = new ManualClock(Date.now());
const common = { seed: 11, orders: 60, start: clock.now() - 2 * DAY, spanMs: 1.5 * DAY, now: () => clock.now() };
const REDIRECT = 'https://console.example.test/hooks/oauth/x';
let core: Core;
let dataDir: string;
let admin: { token: string };
const sims: Array<{ close(): Promise<void> }> = [];
const oauth: Record<string, OAuthBook> = {};

beforeAll(async () => {
  // No static tokens: only what the simulated authorisation issues works. Tokens live 2 h.
  const taobao = await startTaobaoSimulator({ ...common, apps: { 'tb-app': { secret: 'tb-secret', sessions: [] } }, knobs: { accessTtlS: 2 * 3600, unknownStatusEvery: 7 } });
  const pdd = await startPinduoduoSimulator({ ...common, apps: { 'pdd-client': { secret: 'pdd-secret', tokens: [] } }, knobs: { accessTtlS: 2 * 3600 } });
  const douyin = await startDouyinSimulator({ ...common, apps: { '7000000000000000001': { secret: 'dy-secret', tokens: [] } }, oauth: { accessTtlS: 2 * 3600 } });
  sims.push(taobao, pdd, douyin);
  Object.assign(oauth, { taobao: taobao.oauth, pinduoduo: pdd.oauth, douyin: douyin.oauth });
  dataDir = tempDir();
  core = await createCore({
    dataDir,
    clock,
    demo: { size: 1, seed: 1 },
    partners: {
      gateways: { taobao: taobao.url, pinduoduo: pdd.url, douyin: douyin.url },
      authoriseUrls: { taobao: taobao.authoriseUrl, pinduoduo: pdd.authoriseUrl, douyin: douyin.authoriseUrl },
      tokenRefreshMarginMs: 30 * 60_000,
      timeoutMs: 10_000,
    },
  });
  admin = await loginAs(core, 'admin');
});
afterAll(async () => {
  await core.close();
  await Promise.all(sims.map((s) => s.close()));
});

const shopOf = async (id: string): Promise<ShopHealth> => data(await core.invoke(admin, 'channels/shops', {})).find((s) => s.id === id)!;

async function settled(id: string): Promise<ShopHealth> {
  for (let i = 0; i < 600; i++) {
    const shop = await shopOf(id);
    if (shop.state !== 'syncing') return shop;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${id} kept syncing`);
}

/** "Sync now", then the run's summary from the channels/syncFinished event. */
async function syncNow(shopId: string, kind: 'modified' | 'rescan' = 'modified'): Promise<SyncRunInfo> {
  await settled(shopId);
  let off = () => undefined as void;
  const finished = new Promise<SyncRunInfo>((resolve) => {
    off = core.onEvent((e) => {
      if (e.name === 'channels/syncFinished' && (e.payload as SyncRunInfo).shopId === shopId) resolve(e.payload as SyncRunInfo);
    });
  });
  const started = data(await core.invoke(admin, 'channels/syncNow', { shopId, kind }));
  if (started.status !== 'started') throw new Error(`not started: ${started.reason}`);
  const run = await finished;
  off();
  expect(run.id).toBe(started.runId);
  return run;
}

function auditRows(shopId: string): Array<{ action: string; changes: string | null; reason: string | null }> {
  const db = openDatabase({ file: join(dataDir, DB_FILE), readonly: true });
  try {
    return db.prepare("SELECT action, changes, reason FROM audit_events WHERE entity_type = 'shop' AND entity_id = ? ORDER BY seq").all(shopId) as never;
  } finally {
    db.close();
  }
}

describe.each([
  ['taobao', 'tb-auth', { appKey: 'tb-app', appSecret: 'tb-secret' }, 'client_id', /isv\.refresh-token-invalid/],
  ['pinduoduo', 'pdd-auth', { appKey: 'pdd-client', appSecret: 'pdd-secret' }, 'client_id', /refresh_token无效或已过期/],
  ['douyin', 'dy-auth', { appKey: '7000000000000000001', appSecret: 'dy-secret' }, 'app_key', /dop\.token-generate-failed/],
] as const)('%s shop authorisation and token refresh', (channel, id, credentials, appParam, refusedRaw) => {
  let firstExpiry = 0;

  it('builds the authorise URL with a one-time state, exchanges the returned code for tokens, audits it without the secrets', async () => {
    data(await core.invoke(admin, 'channels/addShop', { id, channel, name: `${channel} 授权店`, credentials, settings: { backfillDays: 1 } }));
    const added = await settled(id);
    expect(added).toMatchObject({ state: 'auth-failed', token: 'unknown', tokenExpiresAt: null, canAuthorise: true });
    // Pinduoduo answers a missing and an expired token with the same [U] code 10019 (protocols.md §2.6).
    expect(added.lastError?.code).toMatch(/^auth\.token(Missing|Invalid|Expired)$/);

    const link = data(await core.invoke(admin, 'channels/authorise', { shopId: id, redirectUri: REDIRECT }));
    const url = new URL(link.url);
    expect(url.searchParams.get(appParam)).toBe(credentials.appKey);
    expect(url.searchParams.get('state')).toBe(link.state);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    // The seller grants on the platform's page, which redirects back with code + state.
    const answer = await fetch(link.url, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const back = answer.headers.get('location')!;
    expect(new URL(back).searchParams.get('state')).toBe(link.state);

    // Pasting the whole redirected URL works (a desktop app receives no redirect).
    const shop = data(await core.invoke(admin, 'channels/exchangeCode', { shopId: id, state: link.state, code: back }));
    expect(shop.token).toBe('ok');
    expect(Math.abs(shop.tokenExpiresAt! - (clock.now() + 2 * HOUR))).toBeLessThan(1000); // Pinduoduo answers whole seconds
    firstExpiry = shop.tokenExpiresAt!;
    // One-time state: the same link cannot be used twice.
    const again = await core.invoke(admin, 'channels/exchangeCode', { shopId: id, state: link.state, code: back });
    expect(again).toMatchObject({ error: { type: 'ValidationError' } });

    const audit = auditRows(id);
    expect(audit.map((a) => a.action)).toContain('authorise');
    const text = JSON.stringify(audit);
    expect(text).not.toContain(credentials.appSecret);
    expect(text).not.toMatch(/(tb|pdd|dy)(at|rt)[0-9a-z]+\d{12}/); // no issued token in the log

    // Added before it was authorised, the shop gets its history now.
    expect(await settled(id)).toMatchObject({ state: 'ok', token: 'ok', lastError: null });
    expect(data(await core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: id } } })).total).toBeGreaterThan(0);
    clock.advance(60_000);
    expect(await syncNow(id)).toMatchObject({ status: 'ok', errorCode: null });
  }, 60_000);

  it('refreshes before expiry (inside the margin) and keeps syncing', async () => {
    clock.advance(2 * HOUR - 20 * 60_000); // 20 min left, margin 30 min
    expect(await shopOf(id)).toMatchObject({ token: 'expiring' });
    const before = oauth[channel]!.stats.refreshed;
    const run = await syncNow(id);
    expect(run.status).toBe('ok');
    expect(oauth[channel]!.stats.refreshed).toBe(before + 1);
    const shop = await shopOf(id);
    expect(shop.token).toBe('ok');
    expect(Math.abs(shop.tokenExpiresAt! - (clock.now() + 2 * HOUR))).toBeLessThan(1000);
    expect(shop.tokenExpiresAt).toBeGreaterThan(firstExpiry);
    expect(auditRows(id).filter((a) => a.action === 'token-refresh')).toHaveLength(1);
  }, 60_000);

  it("refreshes once on the platform's expired-token answer and repeats the call", async () => {
    oauth[channel]!.expireAccessTokens(); // the platform cut the token short; our stored expiry still says 2 h
    clock.advance(60_000); // a minute later: the next window needs a real call
    const before = oauth[channel]!.stats.refreshed;
    const run = await syncNow(id);
    expect(run).toMatchObject({ status: 'ok', errorCode: null });
    expect(oauth[channel]!.stats.refreshed).toBe(before + 1);
    expect(await shopOf(id)).toMatchObject({ state: 'ok', token: 'ok' });
  }, 60_000);

  it('a refused refresh leaves the shop auth-failed with the raw platform message, and loses nothing', async () => {
    const before = await shopOf(id);
    const count = data(await core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: id } } })).total;
    oauth[channel]!.expireAccessTokens();
    oauth[channel]!.revokeRefreshTokens();
    clock.advance(60_000);
    const run = await syncNow(id);
    expect(run).toMatchObject({ status: 'failed', errorKind: 'auth', errorCode: 'auth.refreshFailed' });
    expect(run.errorRaw).toMatch(refusedRaw);
    const after = await shopOf(id);
    expect(after).toMatchObject({ state: 'auth-failed', lastError: { code: 'auth.refreshFailed' }, tokenExpiresAt: before.tokenExpiresAt });
    expect(after.lastError?.raw).toMatch(refusedRaw);
    expect(after.lagMs).toBe(before.lagMs! + 60_000); // the cursor did not move
    expect(data(await core.invoke(admin, 'orders/count', { filters: { shopId: { kind: 'text', op: 'equals', value: id } } })).total).toBe(count);
    // "Refresh now" says the same, and still changes nothing.
    const manual = await core.invoke(admin, 'channels/refreshToken', { shopId: id });
    expect(manual).toMatchObject({ error: { type: 'ValidationError', details: { code: 'auth.refreshFailed', raw: expect.stringMatching(refusedRaw) } } });
    expect(await shopOf(id)).toMatchObject({ tokenExpiresAt: before.tokenExpiresAt });
  }, 60_000);
});

describe('unknown platform statuses', () => {
  it('acknowledging hides the alert until the status is seen again', async () => {
    const list = data(await core.invoke(admin, 'channels/unknownStatuses', {}));
    const alert = list.find((u) => u.channel === 'taobao');
    expect(alert).toBeDefined();
    const ack = data(await core.invoke(admin, 'channels/acknowledgeUnknownStatus', { channel: 'taobao', status: alert!.status }));
    expect(ack).toMatchObject({ status: alert!.status, acknowledged: { occurrences: alert!.occurrences } });
    expect(data(await core.invoke(admin, 'channels/unknownStatuses', {})).find((u) => u.channel === 'taobao' && u.status === alert!.status)).toBeUndefined();
    expect(data(await core.invoke(admin, 'channels/unknownStatuses', { includeAcknowledged: true })).find((u) => u.status === alert!.status)?.acknowledged).toMatchObject({ occurrences: alert!.occurrences });
    expect(auditRows('taobao')).toEqual([]); // audited on the channel, not a shop
    const missing = await core.invoke(admin, 'channels/acknowledgeUnknownStatus', { channel: 'taobao', status: 'NEVER_SEEN' });
    expect(missing).toMatchObject({ error: { type: 'NotFound' } });

    // Authorise the Taobao shop again and re-scan: the status is seen again and the alert is back.
    const link = data(await core.invoke(admin, 'channels/authorise', { shopId: 'tb-auth', redirectUri: REDIRECT }));
    const back = (await fetch(link.url, { redirect: 'manual' })).headers.get('location')!;
    data(await core.invoke(admin, 'channels/exchangeCode', { state: link.state, code: new URL(back).searchParams.get('code')! }));
    expect((await syncNow('tb-auth', 'rescan')).status).toBe('ok');
    const back2 = data(await core.invoke(admin, 'channels/unknownStatuses', {})).find((u) => u.channel === 'taobao' && u.status === alert!.status);
    expect(back2).toMatchObject({ acknowledged: null });
    expect(back2!.occurrences).toBeGreaterThan(alert!.occurrences);
  }, 60_000);
});
