import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { ManualClock } from '../core/kernel/clock.js';
import { tempDir } from './support/engine.js';

let core: Core;
afterEach(() => core?.close());

describe('orders export', () => {
  it('exports the whole filtered set (beyond one page) as CSV with a BOM and as XLSX with numbers, and audits it', async () => {
    core = await createCore({ dataDir: tempDir(), demo: { size: 2000, seed: 9 }, clock: new ManualClock(Date.UTC(2026, 10, 28, 20)) });
    const login = await core.login('finance', 'demo-finance');
    if ('error' in login) throw new Error(login.error.message);
    const finance = { token: login.data.token };
    const query = { filters: { channel: { kind: 'set' as const, values: ['douyin', 'taobao', 'pinduoduo'] } } };
    const count = await core.invoke(finance, 'orders/count', query);
    if ('error' in count) throw new Error(count.error.message);
    expect(count.data.total).toBeGreaterThan(1000); // more than one 1,000-row keyset page

    const auditBefore = await core.invoke(finance, 'system/health', {});
    const csv = await core.invoke(finance, 'orders/export', { ...query, format: 'csv' });
    const auditAfter = await core.invoke(finance, 'system/health', {});
    if ('error' in auditBefore || 'error' in auditAfter) throw new Error('health');
    expect(auditAfter.data.auditEvents).toBe(auditBefore.data.auditEvents + 1); // who exported what is on record
    if ('error' in csv) throw new Error(csv.error.message);
    expect(csv.data.fileName).toBe('orders-2026-11-29.csv'); // Shanghai's date at 20:00 UTC
    expect(csv.data.rows).toBe(count.data.total);
    const text = Buffer.from(csv.data.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF订单号,渠道')).toBe(true);
    expect(text.trim().split(/\r?\n/).filter((l) => /^\d|^[A-Z]/.test(l)).length).toBeGreaterThanOrEqual(count.data.total);

    const xlsx = await core.invoke(finance, 'orders/export', { ...query, format: 'xlsx', columns: ['platformOrderId', 'paidFen'] });
    if ('error' in xlsx) throw new Error(xlsx.error.message);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.data.base64, 'base64') as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(count.data.total + 1);
    expect(typeof sheet.getRow(2).getCell(1).value).toBe('string');
    expect(typeof sheet.getRow(2).getCell(2).value).toBe('number');

    const viewer = await core.login('viewer', 'demo-viewer');
    expect(await core.invoke({ token: 'data' in viewer ? viewer.data.token : null }, 'orders/export', { format: 'csv' })).toMatchObject({ error: { type: 'Forbidden' } });
  }, 60_000);
});
