/**
 * 林姐, finance (journeys.md step 5): "who changed this order's amount?" — the order timeline
 * filtered to amounts answers with the operator, the time, before/after and the reason.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { OrderDrawer } from './pages/OrderDrawer.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { startTestConsole, type TestConsole } from './support/console.js';
import { waitForAll, waitForText } from './support/waits.js';

describe('finance asks who changed an amount', () => {
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orders: OrdersPage;
  let drawer: OrderDrawer;
  let orderId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestConsole();
    ({ context, page } = await newDesk(browser));
    orders = new OrdersPage(page);
    drawer = new OrderDrawer(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('logs in as finance and opens an order', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('finance', 'demo-finance');
    const shell = new ShellPage(page);
    await shell.waitUntilReady();
    await waitForText(shell.operatorRole, '财务');
    orderId = await orders.orderIdAt(0);
    await orders.openRow(0);
    await drawer.waitForOrder(orderId);
  });

  it('corrects the seller discount with a reason, and writes a remark', async () => {
    await drawer.editAmount('sellerDiscountFen', '12.40', '平台服务费未扣除');
    await waitForText(drawer.amount('sellerDiscountFen'), '¥12.40');
    await drawer.editSellerRemark('月结核对');
  });

  it('filters the timeline to amounts: only the amount change, with who, before/after and why', async () => {
    await drawer.filterTimeline('amounts');
    const events = drawer.timelineEvents;
    await waitForAll(events.getByTestId('timeline-reason'), (texts) => texts.some((t) => t.includes('平台服务费未扣除')));
    const fields = await drawer.timeline.getByTestId('timeline-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''));
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.endsWith('Fen'))).toBe(true);
    const latest = drawer.latestEvent();
    const displayName = ((await page.getByTestId('operator-name').textContent()) ?? '').trim();
    await waitForText(latest.getByTestId('timeline-actor'), displayName);
    await waitForText(latest.locator('[data-field="sellerDiscountFen"]'), '¥12.40');
    expect(await latest.getByTestId('timeline-time').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('shows the remark again when the filter is back to all fields', async () => {
    await drawer.filterTimeline('all');
    await waitForAll(drawer.timeline.locator('[data-testid="timeline-change"][data-field="sellerRemark"]'), (t) => t.some((x) => x.includes('月结核对')));
  });
});
