/**
 * An administrator's other desks: adds an operator (who must change the one-time password at first
 * sign-in) and maintains the SKU mapping table by hand and from a CSV file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { startTestConsole, type TestConsole } from './support/console.js';
import { waitForAll, waitForText } from './support/waits.js';

describe('administrator: operators and SKU mapping', () => {
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shell: ShellPage;
  let login: LoginPage;
  let oneTimePassword = '';

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestConsole();
    ({ context, page } = await newDesk(browser));
    page.on('dialog', (dialog) => void dialog.accept());
    shell = new ShellPage(page);
    login = new LoginPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('adds an operator and is shown the one-time password once', async () => {
    await login.open(server.url);
    await login.logIn('admin', 'demo-admin');
    await shell.waitUntilReady();
    await shell.navItem('users').click();
    const users = shell.workspace('users');
    await users.getByTestId('users-username').fill('xiaowang');
    await users.getByTestId('users-display-name').fill('小王');
    await users.getByTestId('users-role').selectOption('cs');
    await users.getByTestId('users-add').click();
    oneTimePassword = await waitForText(users.getByTestId('users-one-time-password'), /^\S{8,}$/);
    await waitForText(users.locator('tbody'), 'xiaowang');
  });

  it('maintains a SKU mapping by hand: add, find, delete', async () => {
    await shell.navItem('sku').click();
    const sku = page.getByTestId('sku-workspace');
    await sku.getByTestId('sku-add').click();
    const form = page.getByTestId('sku-form');
    await form.getByTestId('sku-platform').fill('E2E-PLATFORM-001');
    await form.getByTestId('sku-standard').fill('SKU-E2E-001');
    await form.getByTestId('sku-save').click();
    await form.waitFor({ state: 'detached' });
    await sku.getByTestId('sku-search').fill('E2E-PLATFORM');
    await waitForAll(sku.locator('.ag-row .ag-cell[col-id="standardSku"]'), (texts) => texts.length === 1 && texts[0] === 'SKU-E2E-001');
    await sku.locator('.ag-row .link-button--danger').first().click();
    await waitForText(sku.getByTestId('sku-total'), /^共 0 条$/);
  });

  it('imports SKU mappings from CSV with a dry-run preview first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'order-hub-sku-'));
    const file = join(dir, 'sku.csv');
    await writeFile(file, 'channel,platform_sku,standard_sku,note\ndouyin,E2E-CSV-1,SKU-CSV-1,导入\nnowhere,E2E-CSV-2,SKU-CSV-2,\n');
    const sku = page.getByTestId('sku-workspace');
    await sku.getByTestId('sku-import').click();
    const dialog = page.getByTestId('sku-import-dialog');
    await dialog.getByTestId('sku-import-file').setInputFiles(file);
    await waitForText(dialog.getByTestId('sku-import-preview'), /错误 1 条/);
    await dialog.getByTestId('sku-import-apply').click();
    await page.keyboard.press('Escape');
    await sku.getByTestId('sku-search').fill('E2E-CSV');
    await waitForAll(sku.locator('.ag-row .ag-cell[col-id="standardSku"]'), (texts) => texts.join() === 'SKU-CSV-1');
  });

  it('the new operator must change the one-time password before anything else', async () => {
    await shell.logoutButton.click();
    await login.form.waitFor();
    await login.logIn('xiaowang', oneTimePassword);
    const form = page.getByTestId('change-password-form');
    await form.waitFor();
    expect(await shell.root.count()).toBe(0);
    await form.getByTestId('password-old').fill(oneTimePassword);
    await form.getByTestId('password-new').fill('wang-2024-secret');
    await form.getByTestId('password-repeat').fill('wang-2024-different');
    await form.getByTestId('password-submit').click();
    await waitForText(form.getByTestId('password-error'), '不一致');
    await form.getByTestId('password-repeat').fill('wang-2024-secret');
    await form.getByTestId('password-submit').click();
    await shell.waitUntilReady();
    await waitForText(shell.operatorName, '小王');
  });
});
