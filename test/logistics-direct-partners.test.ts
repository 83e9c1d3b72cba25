/**
 * The direct courier adapters joined to the engine through configuration: with SF credentials under
 * `partners.logistics.sf` and SF routed to it, tracking an SF waybill queries the SF simulator (signed
 * msgDigest), and SF's route push — JSON and XML, authenticated by the URL token — reaches
 * /hooks/sf on the console host and gets the exact reply SF expects (XML for the form push).
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { silentLogger } from '../core/kernel/logger.js';
import { createConsoleServer } from '../main/node/http/server.js';
import { startSfSimulator } from '../sandbox/sf/index.js';
import { tempDir } from './support/engine.js';
import { data, loginAs } from './support/results.js';

const HOUR = 3_600_000;
let core: Core;
let server: Server;
let base = '';
let sf: Awaited<ReturnType<typeof startSfSimulator>>;
let cs: { token: string };

beforeAll(async () => {
  sf = await startSfSimulator({ seed: 12, parcels: 6, start: Date.now() - 30 * HOUR, partners: { OH001: 'check-word' }, kinds: ['normal'] });
  core = await createCore({
    dataDir: tempDir(),
    demo: { size: 3, seed: 1 },
    partners: { logistics: { routes: { SF: 'sf' }, sf: { endpoint: sf.url, credentials: { partnerId: 'OH001', checkWord: 'check-word' }, options: { pushToken: 'push-secret' } } } },
  });
  server = createConsoleServer(core, mkdtempSync(join(tmpdir(), 'static-')), silentLogger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cs = await loginAs(core, 'cs');
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await core.close();
  await sf.close();
});

/** SF answers big-network waybills only with the receiver's phone tail (protocols.md §5.1): the order carries it. */
async function receiverEndingIn(orderId: number, tail: string) {
  data(await core.invoke(cs, 'orders/edit', { id: orderId, changes: { receiver: { phone: `1380000${tail}` } }, reason: '客户更正电话' }));
}

it('tracks an SF waybill through the SF adapter when SF is routed to it', async () => {
  const journey = sf.journeys[0]!;
  await receiverEndingIn(1, journey.phoneTail);
  const [outcome] = data(await core.invoke(cs, 'logistics/track', { orderId: 1, waybillNo: journey.waybillNo, carrier: 'SF' })).parcels;
  expect(outcome).toMatchObject({ carrier: 'SF', waybillNo: journey.waybillNo, error: null });
  expect(outcome!.added).toBeGreaterThan(0);
  const trail = data(await core.invoke(cs, 'logistics/trail', { orderId: 1 }));
  const parcel = trail.parcels.find((p) => p.parcel.waybillNo === journey.waybillNo)!;
  expect(parcel.events.every((e) => e.partnerStatus.startsWith('sf:'))).toBe(true);
  expect(sf.stats.calls).toBeGreaterThan(0);
});

it('receives SF route pushes at /hooks/sf: the URL token authenticates, XML gets an XML answer', async () => {
  const journey = sf.journeys[1]!;
  data(await core.invoke(cs, 'logistics/track', { orderId: 2, waybillNo: journey.waybillNo, carrier: 'SF' }));
  const refused = await sf.push(`${base}/hooks/sf`, 'json', journey.waybillNo);
  expect(refused.every((r) => !r.text.includes('"0000"'))).toBe(true);
  const xml = await sf.push(`${base}/hooks/sf?token=push-secret`, 'xml', sf.journeys[2]!.waybillNo);
  expect(xml[0]).toMatchObject({ status: 200 });
  expect(xml[0]!.text).toContain('<Head>OK</Head>');
  const parcels = data(await core.invoke(cs, 'logistics/parcels', { carrier: 'SF' }));
  expect(parcels.rows.map((p) => p.waybillNo)).toContain(sf.journeys[2]!.waybillNo);
});
