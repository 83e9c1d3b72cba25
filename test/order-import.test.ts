/** Order import through the engine: preview, per-row errors, GBK, idempotency, audit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { tempDir } from './support/engine.js';
import { data } from './support/results.js';

const FIXTURES = join(__dirname, '..', 'core', 'orders', 'import', 'fixtures');
const file = (name: string) => ({ fileName: name, base64: readFileSync(join(FIXTURES, name)).toString('base64') });

let core: Core;
afterEach(() => core?.close());

async function finance() {
  core = await createCore({ dataDir: tempDir(), demo: { size: 1, seed: 1 }, clock: new ManualClock(Date.UTC(2026, 10, 28)) });
  const r = await core.login('finance', 'demo-finance');
  if ('error' in r) throw new Error(r.error.message);
  return { token: r.data.token };
}

describe('order import', () => {
  it('previews without writing, imports, and re-importing the same file changes nothing', async () => {
    const caller = await finance();
    const before = data(await core.invoke(caller, 'system/health', {}));
    const preview = data(await core.invoke(caller, 'orders/importPreview', file('orders-utf8.csv')));
    expect(preview).toMatchObject({ encoding: expect.stringMatching(/utf-8/), alreadyImported: false, errors: [] });
    expect(preview.newOrders).toBe(preview.ordersRead);
    expect(data(await core.invoke(caller, 'system/health', {}))).toMatchObject({ orders: before.orders, auditEvents: before.auditEvents });

    const first = data(await core.invoke(caller, 'orders/import', file('orders-utf8.csv')));
    expect(first).toMatchObject({ inserted: preview.ordersRead, updated: 0 });
    const again = data(await core.invoke(caller, 'orders/import', file('orders-utf8.csv')));
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: preview.ordersRead, alreadyImported: true });
    const auditAfter = data(await core.invoke(caller, 'system/health', {})).auditEvents;

    // The same orders in a GBK file from Chinese Excel: detected, decoded, and still nothing to change.
    const gbk = data(await core.invoke(caller, 'orders/import', file('orders-gbk.csv')));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk).toMatchObject({ inserted: 0, updated: 0 });
    expect(data(await core.invoke(caller, 'system/health', {})).auditEvents).toBe(auditAfter + 1); // only the import record itself

    const found = data(await core.invoke(caller, 'orders/list', { search: '6919834213451234567' })).rows;
    expect(found).toHaveLength(1);
    const timeline = data(await core.invoke(caller, 'audit/orderTimeline', { orderId: found[0]!.id }));
    expect(timeline[0]).toMatchObject({ action: 'create', actor: { name: '财务 (demo)' }, source: 'import:console', rawPayloadId: expect.any(Number) });
  });

  it('reports bad rows with their row numbers and imports the good orders', async () => {
    const caller = await finance();
    const result = data(await core.invoke(caller, 'orders/import', file('orders-bad-rows.csv')));
    const rows = [...new Set(result.errors.map((e) => e.row))];
    expect(rows).toEqual(expect.arrayContaining([3, 4, 5]));
    expect(result.errors.find((e) => e.row === 3)).toMatchObject({ field: expect.any(String), message: expect.stringMatching(/12\.345/) });
    expect(result.inserted).toBeGreaterThanOrEqual(1);
    expect(data(await core.invoke(caller, 'orders/list', { search: 'POS-BJ01-20241120-0001' })).rows).toHaveLength(1);
    expect(data(await core.invoke(caller, 'orders/list', { search: 'POS-BJ01-20241120-0002' })).rows).toHaveLength(0);
  });

  it('refuses what is not an order file with one clear error and writes nothing', async () => {
    const caller = await finance();
    const junk = { fileName: 'photo.xlsx', base64: Buffer.from('PK\u0003\u0004 not really a zip').toString('base64') };
    const r = await core.invoke(caller, 'orders/import', junk);
    const errors = 'data' in r ? r.data.errors : [];
    expect('error' in r || errors.length > 0).toBe(true);
    expect(JSON.stringify(r)).toMatch(/xlsx|XLSX|Excel|zip/i);
    expect(await core.invoke(caller, 'orders/import', { fileName: 'empty.csv', base64: '' })).toMatchObject({ error: { type: 'ValidationError', message: 'The file is empty.' } });
    const cs = await core.login('viewer', 'demo-viewer');
    expect(await core.invoke({ token: 'data' in cs ? cs.data.token : null }, 'orders/import', file('orders-utf8.csv'))).toMatchObject({ error: { type: 'Forbidden' } });
  });
});
