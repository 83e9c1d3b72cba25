import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { tempDir } from './support/engine.js';

let core: Core;
afterEach(() => core?.close());

async function as(username: string) {
  const r = await core.login(username, `demo-${username}`);
  if ('error' in r) throw new Error(r.error.message);
  return { token: r.data.token };
}

describe('SKU mapping', () => {
  it('imports a CSV (dry run first), reports bad rows, exports it back, and audits each change', async () => {
    core = await createCore({ dataDir: tempDir(), demo: { size: 1, seed: 1 } });
    const supervisor = await as('supervisor');
    const csv = '\uFEFFchannel,platform_sku,standard_sku,note\r\ndouyin,1765432109876543210,SKU-TEA-001,抖店龙井\r\npinduoduo,,SKU-X,\r\nshopee,1,SKU-Y,\r\ntaobao,"5012,1",=HYPERLINK(1),危险\r\n';
    const dry = await core.invoke(supervisor, 'sku/importCsv', { text: csv, dryRun: true });
    expect(dry).toEqual({ data: { upserted: 2, unchanged: 0, errors: [{ row: 3, message: expect.stringMatching(/required/) }, { row: 4, message: expect.stringMatching(/Unknown channel "shopee"/) }] } });
    expect(await core.invoke(supervisor, 'sku/list', {})).toMatchObject({ data: { total: 0 } });
    await core.invoke(supervisor, 'sku/importCsv', { text: csv });
    expect(await core.invoke(supervisor, 'sku/importCsv', { text: csv })).toMatchObject({ data: { upserted: 0, unchanged: 2 } });
    const exported = await core.invoke(supervisor, 'sku/exportCsv', {});
    if ('error' in exported) throw new Error(exported.error.message);
    expect(exported.data.text).toContain('douyin,1765432109876543210,SKU-TEA-001,抖店龙井');
    expect(exported.data.text).toContain(`taobao,"5012,1",'=HYPERLINK(1),危险`); // formula neutralised
    const cs = await as('cs');
    expect(await core.invoke(cs, 'sku/upsert', { channel: 'douyin', platformSku: '1', standardSku: 'X' })).toMatchObject({ error: { type: 'Forbidden' } });
    expect(await core.invoke(supervisor, 'sku/delete', { channel: 'douyin', platformSku: '1765432109876543210' })).toEqual({ data: { ok: true } });
    expect(await core.invoke(supervisor, 'sku/delete', { channel: 'douyin', platformSku: '1765432109876543210' })).toMatchObject({ error: { type: 'NotFound' } });
  });
});
