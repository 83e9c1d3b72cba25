import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { startTestConsole, type TestConsole } from './support/console.js';
import { waitForText } from './support/waits.js';

describe('login', () => {
  let server: TestConsole;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestConsole();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const { context, page } = await newDesk(browser);
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('cs', 'not-the-password');
    await waitForText(login.error, '用户名或密码错误');
    expect(await login.form.isVisible()).toBe(true);
    expect(await page.getByTestId('shell').count()).toBe(0);
    expect(await login.password.inputValue()).toBe('');
    await context.close();
  });

  it('lets the operator in with the right password, and out again', async () => {
    const { context, page } = await newDesk(browser);
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('cs', 'demo-cs');
    const shell = new ShellPage(page);
    await shell.waitUntilReady();
    await waitForText(shell.productName, '订单中枢');
    await waitForText(shell.operatorRole, '客服');
    await shell.logoutButton.click();
    await login.form.waitFor();
    // the session cookie is gone: a reload stays on the login page
    await page.reload();
    await login.form.waitFor();
    await context.close();
  });
});
