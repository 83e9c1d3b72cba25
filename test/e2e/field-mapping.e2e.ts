/**
 * An administrator maps a Taobao shop's fields (issue 3 "Normalisation"): the editor shows the
 * shop's latest stored trade, the SKU source switches from the merchant's code (outer_sku_id) to
 * Taobao's SKU id, the engine's preview follows, the choice is saved and is still there after a
 * reload. Real signed HTTP to the Taobao simulator on loopback; no stubs.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelsPage } from './pages/ChannelsPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { SCREENSHOT_DIR, startTestConsole, type TestConsole } from './support/console.js';
import { startTaobaoPartner, TAOBAO_APP, type TaobaoPartner } from './support/partners.js';
import { waitForText } from './support/waits.js';

const SHOP = { channel: 'taobao', id: 'tb-mapping', name: '淘宝映射店' } as const;

describe('administrator: maps a Taobao shop’s SKU field', () => {
  let partner: TaobaoPartner;
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shell: ShellPage;
  let channels: ChannelsPage;

  beforeAll(async () => {
    partner = await startTaobaoPartner({ orders: 12 });
    browser = await launchChromium();
    // The demo's own simulators would also be Taobao shops; this journey needs only its own partner.
    const noDemoOrders = { demo: { orders: 0, seed: 42 } };
    server = await startTestConsole({ ...noDemoOrders, partners: partner.partners, schedule: false });
    ({ context, page } = await newDesk(browser));
    shell = new ShellPage(page);
    channels = new ChannelsPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await partner?.stop();
  });

  it('adds the shop and back-fills its trades', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('admin', 'demo-admin');
    await shell.waitUntilReady();
    await shell.navItem('channels').click();
    await channels.addShop.click();
    await channels.fillShopForm({ ...SHOP, appKey: TAOBAO_APP.appKey, appSecret: TAOBAO_APP.appSecret, accessToken: TAOBAO_APP.session, platformShopId: TAOBAO_APP.sellerNick });
    await channels.testConnection(channels.form);
    expect(await channels.testResultOk(channels.form)).toBe(true);
    await channels.save(channels.form);
    await channels.waitForState(SHOP.id, 'ok', 60_000);
  });

  it('opens the editor on the latest stored trade; the preview uses the merchant code', async () => {
    const editor = await channels.openMapping(SHOP.id);
    expect(await editor.getByTestId('mapping-sample').getAttribute('data-origin')).toBe('stored');
    expect(await channels.mappingSelect('line.platformSku').inputValue()).toBe('');
    const skus = await channels.previewPlatformSkus();
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) expect(sku).toMatch(/^SKU-\d{4}$/);
    expect(await channels.highlightedSampleKeys()).toContain('outer_sku_id');
    // no SKU-table rows yet: every line is flagged as unmapped
    await waitForText(editor.getByTestId('mapping-preview-unmapped'), String(skus.length));
  });

  it('switches the SKU source to sku_id: the preview changes with it', async () => {
    await channels.chooseMappingSource('line.platformSku', 'sku_id');
    const skus = await channels.previewPlatformSkus();
    for (const sku of skus) expect(sku).toMatch(/^\d{13}$/);
    const keys = await channels.highlightedSampleKeys();
    expect(keys).toContain('sku_id');
    expect(keys).not.toContain('outer_sku_id');
    await waitForText(channels.mappingEditor.getByTestId('mapping-field-line-platformSku-row'), 'sku_id → outer_sku_id → num_iid');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'field-mapping-editor.png') });
  });

  it('saves: the editor says what it affects and offers re-applying', async () => {
    await channels.saveMapping();
    await waitForText(channels.mappingEditor.getByTestId('mapping-notice'), '之后拉取的订单');
    await channels.mappingEditor.getByTestId('mapping-reapply').click();
    await waitForText(channels.mappingEditor.getByTestId('mapping-notice'), /已重新处理 (\d+) 个订单：\1 个更新/);
    await channels.closeMapping();
  });

  it('the choice is still there after a reload', async () => {
    await page.reload();
    await shell.waitUntilReady();
    await shell.navItem('channels').click();
    await channels.waitForState(SHOP.id, 'ok');
    await channels.openMapping(SHOP.id);
    expect(await channels.mappingSelect('line.platformSku').inputValue()).toBe('sku_id');
    for (const sku of await channels.previewPlatformSkus()) expect(sku).toMatch(/^\d{13}$/);
    await channels.closeMapping();
  });
});
