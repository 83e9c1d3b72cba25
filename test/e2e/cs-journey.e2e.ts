/**
 * 小王, customer service (journeys.md): finds an order by what the customer tells, opens it,
 * writes a seller remark, and sees the remark on the order's timeline under their own name.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { OrderDrawer } from './pages/OrderDrawer.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { SCREENSHOT_DIR, startTestConsole, type TestConsole } from './support/console.js';
import { waitForAll, waitForText } from './support/waits.js';

describe('customer service finds an order and writes a remark', () => {
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shell: ShellPage;
  let orders: OrdersPage;
  let drawer: OrderDrawer;
  let allOrders = 0;
  let orderId = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    server = await startTestConsole();
    ({ context, page } = await newDesk(browser));
    shell = new ShellPage(page);
    orders = new OrdersPage(page);
    drawer = new OrderDrawer(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('logs in as cs and sees the console with engine health', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('cs', 'demo-cs');
    await shell.waitUntilReady();
    await waitForText(shell.operatorRole, '客服');
    await waitForText(shell.statusItem('health'), '运行正常');
    await waitForText(shell.statusItem('orders'), String(server.demoOrders));
    // The logistics workspace is open to customer service (parcels, trails, exception tickets).
    expect(await shell.navItem('logistics').isDisabled()).toBe(false);
    expect(await shell.navItem('users').count()).toBe(0);
  });

  it('moves between workspaces with Alt+digit', async () => {
    await page.keyboard.press('Alt+7');
    await shell.workspace('sku').waitFor();
    await page.keyboard.press('Alt+1');
    await shell.workspace('orders').waitFor();
    await orders.waitForRows();
    allOrders = await orders.waitForTotal((n) => n > 0);
    expect(allOrders).toBe(server.demoOrders);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'orders-workspace.png') });
  });

  it('narrows the grid to one channel', async () => {
    await orders.filterChannel('pinduoduo');
    const narrowed = await orders.waitForTotal((n) => n < allOrders);
    expect(narrowed).toBeGreaterThan(0);
    await waitForAll(orders.columnCells('channel'), (texts) => texts.every((t) => t === '拼多多'));
    await orders.clearFilters.click();
    await orders.waitForTotal((n) => n === allOrders);
  });

  it('finds an order by the order id the customer reads out', async () => {
    orderId = await orders.orderIdAt(3);
    expect(orderId).not.toBe('');
    await orders.searchFor(orderId);
    await orders.waitForTotal((n) => n === 1);
    await waitForText(orders.cell(0, 'platformOrderId'), orderId);
    expect(await orders.cell(1, 'platformOrderId').count()).toBe(0);
  });

  it('opens the order by click, closes it with Escape, reopens it with Enter', async () => {
    await orders.openRow(0);
    await drawer.waitForOrder(orderId);
    await drawer.root.getByTestId('timeline-event').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'order-drawer.png') });
    expect(await drawer.root.getAttribute('role')).toBe('dialog');
    expect(await drawer.root.getAttribute('aria-label')).toContain(orderId);
    await drawer.closeWithEscape();
    await orders.cell(0, 'platformOrderId').focus();
    await page.keyboard.press('Enter');
    await drawer.waitForOrder(orderId);
  });

  it('edits the seller remark and sees it on the timeline under the operator name', async () => {
    const displayName = ((await shell.operatorName.textContent()) ?? '').trim();
    const remark = `客户来电催发货 ${Date.now() % 100000}`;
    await drawer.editSellerRemark(remark);
    const latest = drawer.latestEvent();
    await waitForText(latest.getByTestId('timeline-actor'), displayName);
    const change = latest.locator('[data-testid="timeline-change"][data-field="sellerRemark"]');
    await waitForText(change, remark);
    await waitForText(latest.getByTestId('timeline-source'), 'console');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'order-drawer-timeline.png') });
    // the grid row shows the new remark too (orders/changed push → cache purge); End scrolls the
    // grid to its last columns, where the remark column sits (columns are virtualised)
    await orders.cell(0, 'platformOrderId').focus();
    await page.keyboard.press('End');
    await waitForText(orders.cell(0, 'sellerRemark'), remark, 20_000);
  });

  it('reveals the full receiver address, and the look is on the timeline', async () => {
    // (some platforms, Pinduoduo among them, only ever send a masked phone: the address is the test)
    const address = drawer.root.getByTestId('receiver-address');
    await waitForText(address, /\*/);
    await drawer.root.getByTestId('receiver-reveal').click();
    await waitForText(address, /^[^*]+$/);
    await waitForText(drawer.latestEvent().getByTestId('timeline-action'), '查看完整收件信息');
  });

  it('switches the console to English, and the choice survives a reload', async () => {
    await shell.switchLanguage('en');
    await waitForText(shell.navItem('orders'), 'Orders');
    await waitForText(drawer.timeline.locator('h3'), 'Timeline');
    await waitForText(page.locator('.ag-header-cell[col-id="platformOrderId"] .ag-header-cell-text'), 'Platform order id');
    await waitForText(shell.statusItem('health'), 'Healthy');
    await waitForText(orders.total, /^1 orders$/);
    await page.reload();
    await shell.waitUntilReady();
    await waitForText(shell.navItem('orders'), 'Orders');
    await waitForText(shell.operatorRole, 'Customer service');
    await orders.waitForRows();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'orders-english.png') });
  });
});
