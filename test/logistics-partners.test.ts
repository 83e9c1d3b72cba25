/**
 * Carrier API settings saved in the console (issue 4): an engine started without any tracking
 * partner gets Kuaidi100 and SF credentials from an admin. A wrong key is refused by the simulator's
 * own check and nothing is stored; the right one is tested, saved encrypted (never returned, never in
 * the audit trail) and used at once — no restart — by "track now" and by SF's push receiver; the
 * settings survive a restart; clearing them takes the adapter away again.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { silentLogger } from '../core/kernel/logger.js';
import { openDatabase } from '../core/store/db.js';
import { createConsoleServer } from '../main/node/http/server.js';
import { startKuaidi100Simulator } from '../sandbox/kuaidi100/index.js';
import { startSfSimulator } from '../sandbox/sf/index.js';
import { tempDir } from './support/engine.js';
import { data, loginAs } from './support/results.js';

const HOUR = 3_600_000;
const K100_KEY = 'k100-right-key-7f3a';
const SF_CHECKWORD = 'sf-check-word-91b2';
let dir: string;
let core: Core;
let kuaidi100: Awaited<ReturnType<typeof startKuaidi100Simulator>>;
let sf: Awaited<ReturnType<typeof startSfSimulator>>;
let admin: { token: string };
let cs: { token: string };

async function open(): Promise<void> {
  core = await createCore({ dataDir: dir, demo: { size: 4, seed: 3 }, logger: silentLogger });
  admin = await loginAs(core, 'admin');
  cs = await loginAs(core, 'cs');
}

beforeAll(async () => {
  dir = tempDir();
  kuaidi100 = await startKuaidi100Simulator({ seed: 5, customers: { CUST9: K100_KEY }, headStartMs: 6 * HOUR, mix: { 'never-picked-up': 0 } });
  sf = await startSfSimulator({ seed: 5, parcels: 4, start: Date.now() - 30 * HOUR, partners: { OH900: SF_CHECKWORD }, kinds: ['normal'] });
  await open();
});

afterAll(async () => {
  await core?.close();
  await kuaidi100?.close();
  await sf?.close();
});

/** Audit rows of saved partner settings and stored secrets, read from the store file itself. */
function partnerWrites(): Array<{ entity_type: string; action: string; reason: string | null }> {
  const store = openDatabase({ file: join(dir, 'orderhub.sqlite'), readonly: true });
  try {
    return store.prepare("SELECT entity_type, action, reason FROM audit_events WHERE entity_type IN ('logistics-partner', 'secret') ORDER BY seq").all() as Array<{ entity_type: string; action: string; reason: string | null }>;
  } finally {
    store.close();
  }
}

const kuaidi100Row = async () => data(await core.invoke(admin, 'logistics/partners', {})).find((p) => p.partner === 'kuaidi100')!;

describe('carrier API settings', () => {
  it('lists the five partners, none configured, Kuaidi100 the default aggregator', async () => {
    const rows = data(await core.invoke(admin, 'logistics/partners', {}));
    expect(rows.map((r) => r.partner)).toEqual(['kuaidi100', 'kdniao', 'sf', 'zto', 'jd']);
    expect(rows.every((r) => r.source === 'none' && !r.active)).toBe(true);
    expect(rows.find((r) => r.partner === 'kuaidi100')).toMatchObject({ isDefault: true, kind: 'aggregator', endpoint: 'https://poll.kuaidi100.com' });
    expect(rows.find((r) => r.partner === 'sf')).toMatchObject({ kind: 'courier', serves: ['SF'], fields: [{ key: 'partnerId', secret: false }, { key: 'checkWord', secret: true }, { key: 'pushToken', secret: true, required: false }] });
  });

  it('only an admin may see or change them', async () => {
    expect(await core.invoke(cs, 'logistics/partners', {})).toMatchObject({ error: { type: 'Forbidden' } });
    const supervisor = await loginAs(core, 'supervisor');
    expect(await core.invoke(supervisor, 'logistics/setPartner', { partner: 'kuaidi100', credentials: { customer: 'X', key: 'Y' } })).toMatchObject({ error: { type: 'Forbidden' } });
  });

  it('a wrong key: Kuaidi100 refuses in its own words, nothing is stored', async () => {
    const refused = data(await core.invoke(admin, 'logistics/testPartner', { partner: 'kuaidi100', endpoint: kuaidi100.url, credentials: { customer: 'CUST9', key: 'wrong-key' } }));
    expect(refused).toMatchObject({ outcome: 'refused', ok: false, partnerCode: '503' });
    expect(refused.message.length).toBeGreaterThan(0);
    expect(await kuaidi100Row()).toMatchObject({ source: 'none', active: false });
    expect(partnerWrites()).toEqual([]);
  });

  it('an unreachable endpoint and missing fields get clear answers', async () => {
    const unreachable = data(await core.invoke(admin, 'logistics/testPartner', { partner: 'kuaidi100', endpoint: 'http://127.0.0.1:9', credentials: { customer: 'CUST9', key: K100_KEY } }));
    expect(unreachable).toMatchObject({ outcome: 'unreachable', ok: false });
    expect(await core.invoke(admin, 'logistics/setPartner', { partner: 'kuaidi100', credentials: { customer: 'CUST9' } })).toMatchObject({ error: { type: 'ValidationError', details: { key: 'required' } } });
    expect(await core.invoke(admin, 'logistics/setPartner', { partner: 'sf', credentials: { partnerId: 'OH900', checkWord: 'x' }, carriers: ['ZTO'] })).toMatchObject({ error: { type: 'ValidationError', details: { carriers: 'sf follows only SF parcels, not ZTO' } } });
    expect(await core.invoke(admin, 'logistics/setPartner', { partner: 'kuaidi100', credentials: { customer: 'CUST9', key: K100_KEY }, endpoint: 'ftp://x' })).toMatchObject({ error: { type: 'ValidationError', details: { endpoint: 'not an http(s) URL' } } });
    expect(await core.invoke(admin, 'logistics/setPartner', { partner: 'zto', credentials: { appKey: 'a', appSecret: 'b' }, makeDefault: true })).toMatchObject({ error: { type: 'ValidationError' } });
  });

  it('the right key connects, saves encrypted and is used at once by "track now"', async () => {
    const ok = data(await core.invoke(admin, 'logistics/testPartner', { partner: 'kuaidi100', endpoint: kuaidi100.url, credentials: { customer: 'CUST9', key: K100_KEY } }));
    expect(ok).toMatchObject({ outcome: 'connected', ok: true });
    const saved = data(await core.invoke(admin, 'logistics/setPartner', { partner: 'kuaidi100', endpoint: kuaidi100.url, credentials: { customer: 'CUST9', key: K100_KEY } }));
    expect(saved).toMatchObject({ source: 'stored', active: true, endpoint: kuaidi100.url, values: { customer: 'CUST9' }, configured: { customer: true, key: true, salt: false } });
    expect(JSON.stringify(data(await core.invoke(admin, 'logistics/partners', {})))).not.toContain(K100_KEY);
    // Audited (who configured which partner, which credential fields changed), the key itself nowhere in the store's clear text.
    expect(partnerWrites()).toEqual([
      { entity_type: 'secret', action: 'store', reason: null },
      { entity_type: 'logistics-partner', action: 'configure', reason: 'credentials changed: customer, key' },
    ]);
    const store = openDatabase({ file: join(dir, 'orderhub.sqlite'), readonly: true });
    try {
      const dump = JSON.stringify(store.prepare('SELECT * FROM audit_events').all()) + JSON.stringify(store.prepare('SELECT key, value FROM settings').all());
      expect(dump).not.toContain(K100_KEY);
    } finally {
      store.close();
    }

    const [outcome] = data(await core.invoke(cs, 'logistics/track', { orderId: 1, waybillNo: 'YT7301234567890', carrier: 'YTO' })).parcels;
    expect(outcome).toMatchObject({ waybillNo: 'YT7301234567890', error: null });
    expect(outcome!.added).toBeGreaterThan(0);
  });

  it('a blank secret keeps the stored one; SF joins with its own carriers and push token', async () => {
    // A form opened before the save above holds an older version: its save is refused, nothing changes.
    expect(await core.invoke(admin, 'logistics/setPartner', { partner: 'kuaidi100', credentials: { customer: 'OTHER' }, expectedUpdatedAt: null })).toMatchObject({ error: { type: 'Conflict' } });
    const current = await kuaidi100Row();
    expect(current.values.customer).toBe('CUST9');
    const renamed = data(await core.invoke(admin, 'logistics/setPartner', { partner: 'kuaidi100', credentials: { customer: 'CUST9', key: '' }, endpoint: kuaidi100.url, expectedUpdatedAt: current.updatedAt }));
    expect(renamed).toMatchObject({ active: true, configured: { key: true } });
    const connected = data(await core.invoke(admin, 'logistics/testPartner', { partner: 'kuaidi100' }));
    expect(connected.outcome).toBe('connected');

    const sfRow = data(await core.invoke(admin, 'logistics/setPartner', { partner: 'sf', endpoint: sf.url, credentials: { partnerId: 'OH900', checkWord: SF_CHECKWORD, pushToken: 'sf-push-token' }, carriers: ['sf'] }));
    expect(sfRow).toMatchObject({ active: true, carriers: ['SF'], isDefault: false });
    const journey = sf.journeys[0]!;
    data(await core.invoke(cs, 'orders/edit', { id: 2, changes: { receiver: { phone: `1380000${journey.phoneTail}` } }, reason: '客户更正电话' }));
    const callsBefore = sf.stats.calls;
    const [outcome] = data(await core.invoke(cs, 'logistics/track', { orderId: 2, waybillNo: journey.waybillNo, carrier: 'SF' })).parcels;
    expect(outcome).toMatchObject({ error: null });
    expect(sf.stats.calls).toBeGreaterThan(callsBefore);

    // SF's push is authenticated by the saved URL token (protocols.md §5.1: SF signs nothing).
    const server: Server = createConsoleServer(core, mkdtempSync(join(tmpdir(), 'static-')), silentLogger);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const forged = await sf.push(`${base}/hooks/sf?token=guess`, 'json', sf.journeys[1]!.waybillNo);
      expect(forged.every((r) => !r.text.includes('"0000"'))).toBe(true);
      const accepted = await sf.push(`${base}/hooks/sf?token=sf-push-token`, 'json', sf.journeys[1]!.waybillNo);
      expect(accepted[0]!.text).toContain('0000');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('the settings survive a restart; clearing them takes the adapter away', async () => {
    await core.close();
    await open();
    expect(await kuaidi100Row()).toMatchObject({ source: 'stored', active: true, endpoint: kuaidi100.url });
    const cleared = data(await core.invoke(admin, 'logistics/clearPartner', { partner: 'kuaidi100' }));
    expect(cleared).toMatchObject({ source: 'none', active: false, configured: { key: false } });
    const [outcome] = data(await core.invoke(cs, 'logistics/track', { orderId: 3, waybillNo: 'YT7309876543210', carrier: 'YTO' })).parcels;
    expect(outcome!.error?.message).toMatch(/No kuaidi100 adapter/);
    // No partner answers for it, so no SLA rule judges it: the parcel list says so, with the reason.
    const { untracked, rows } = data(await core.invoke(cs, 'logistics/parcels', { limit: 1000 }));
    const unanswered = rows.filter((p) => p.lastReceivedAt === null && p.state !== 'DELIVERED' && p.state !== 'RETURNED');
    expect(untracked.count).toBe(unanswered.length);
    expect(unanswered.map((p) => p.waybillNo)).toContain('YT7309876543210');
    expect(unanswered.map((p) => p.waybillNo)).not.toContain('YT7301234567890'); // answered by Kuaidi100 before the clear
    expect(untracked.commonError).toMatch(/No kuaidi100 adapter/);
  });
});
