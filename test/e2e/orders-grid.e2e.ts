/**
 * The orders grid as an administrator uses it every day: sort, scroll deep (keyset paging), column
 * filters, saved views, export, and importing an order file with its preview.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OrderQuery } from '../../core/contract/orders.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { OrderDrawer } from './pages/OrderDrawer.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { ROOT, startTestConsole, type TestConsole } from './support/console.js';
import { waitForAll, waitForText } from './support/waits.js';

const FIXTURES = join(ROOT, 'core/orders/import/fixtures');

function yuanText(text: string): number {
  return Number(text.replace(/[¥,]/g, ''));
}

describe('the orders grid for an administrator', () => {
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orders: OrdersPage;
  const listCalls: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestConsole();
    ({ context, page } = await newDesk(browser));
    orders = new OrdersPage(page);
    page.on('request', (request) => {
      if (!request.url().endsWith('/api/invoke')) return;
      const body = request.postDataJSON() as { name: string; args: Record<string, unknown> };
      if (body.name === 'orders/list') listCalls.push(body.args);
    });
  });

  /** What the engine itself says, to compare the toolbar's total with. */
  async function engineCount(query: OrderQuery): Promise<number> {
    const result = await server.core.invoke({ trusted: { type: 'system', id: 'e2e', name: 'e2e' } }, 'orders/count', query);
    if ('error' in result) throw new Error(result.error.message);
    return result.data.total;
  }

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('logs in as admin, who also sees the users workspace', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('admin', 'demo-admin');
    const shell = new ShellPage(page);
    await shell.waitUntilReady();
    await shell.navItem('users').waitFor();
    await orders.waitForTotal((n) => n === server.demoOrders);
  });

  it('sorts by paid amount, largest first, in the engine', async () => {
    const header = page.locator('.ag-header-cell[col-id="paidFen"] .ag-header-cell-label');
    await header.click();
    await header.click();
    await waitForAll(orders.columnCells('paidFen'), (texts) => {
      const values = texts.map(yuanText);
      return values.length > 5 && values.every((v, i) => i === 0 || values[i - 1]! >= v);
    });
    expect(listCalls.at(-1)?.sort).toEqual({ column: 'paidFen', direction: 'desc' });
  });

  it('pages deep with keyset cursors', async () => {
    listCalls.length = 0;
    await orders.cell(0, 'platformOrderId').click();
    await page.keyboard.press('Escape'); // the click opened the drawer; the grid keeps focus
    for (let i = 0; i < 12 && (await orders.cell(250, 'platformOrderId').count()) === 0; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(150);
    }
    await waitForText(orders.cell(250, 'platformOrderId'), /\S/);
    expect(listCalls.some((args) => typeof args.after === 'string')).toBe(true);
    expect(listCalls.every((args) => args.limit === 100)).toBe(true);
  });

  it('filters a column from its header menu (set-style status filter)', async () => {
    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-filter-button').click();
    await page.getByTestId('set-filter-status').getByLabel('已发货').check();
    await page.keyboard.press('Escape');
    await waitForAll(orders.columnCells('status'), (texts) => texts.every((t) => t === '已发货'));
    const shipped = await engineCount({ filters: { status: { kind: 'set', values: ['shipped'] } } });
    expect(shipped).toBeGreaterThan(0);
    await orders.waitForTotal((n) => n === shipped);
  });

  it('saves the view, and applying it later brings the filter back', async () => {
    const shipped = await orders.totalCount();
    await page.getByTestId('views-save').click();
    await page.getByTestId('views-name').fill('已发货订单');
    await page.getByTestId('views-save-confirm').click();
    await waitForText(page.getByTestId('orders-notice'), '已发货订单');
    await orders.clearFilters.click();
    await orders.waitForTotal((n) => n === server.demoOrders);
    const select = page.getByTestId('views-select');
    await select.selectOption({ label: '已发货订单' });
    await orders.waitForTotal((n) => n === shipped);
    await page.getByTestId('views-delete').click();
    await waitForAll(select.locator('option'), (labels) => !labels.includes('已发货订单'));
    await orders.clearFilters.click();
    await orders.waitForTotal((n) => n === server.demoOrders);
  });

  it('exports the current query as CSV', async () => {
    const douyin = await engineCount({ filters: { channel: { kind: 'set', values: ['douyin'] } } });
    await orders.filterChannel('douyin');
    await orders.waitForTotal((n) => n === douyin);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('orders-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('订单');
    await waitForText(page.getByTestId('orders-notice'), String(douyin));
    await orders.clearFilters.click();
  });

  it('imports an order file: preview with row errors first, then the good file', async () => {
    await page.getByTestId('orders-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(join(FIXTURES, 'orders-bad-rows.csv'));
    await waitForText(dialog.getByTestId('import-errors'), /第 \d+ 行/);
    await dialog.getByTestId('import-file').setInputFiles(join(FIXTURES, 'orders-utf8.csv'));
    await dialog.getByTestId('import-preview').waitFor();
    expect(await dialog.getByTestId('import-errors').count()).toBe(0);
    await dialog.getByTestId('import-confirm').click();
    await waitForText(dialog.getByTestId('import-done'), '导入完成');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const after = await engineCount({});
    expect(after).toBeGreaterThan(server.demoOrders);
    await orders.waitForTotal((n) => n === after);
  });

  it('shows what the file actually said: the raw payload linked from the timeline', async () => {
    await orders.searchFor('POS-SH01-20241126-0001');
    await orders.waitForTotal((n) => n === 1);
    await orders.openRow(0);
    const drawer = new OrderDrawer(page);
    await drawer.waitForOrder('POS-SH01-20241126-0001');
    await drawer.latestEvent().getByTestId('timeline-raw').click();
    await waitForText(drawer.root.getByTestId('raw-payload'), 'orders-utf8.csv');
    await waitForText(drawer.root.getByTestId('raw-payload'), '紫砂茶杯');
    await drawer.closeWithEscape();
  });
});
