/**
 * A supervisor tunes the notification outbox's delivery settings in 通知 → 投递设置: the engine's
 * defaults appear in operator units (seconds, minutes), a change is saved and survives a reload and
 * the engine stores it in milliseconds; a longest retry shorter than the first is refused by the
 * engine and stores nothing; obviously bad input never leaves the form; the partner error codes and
 * the customer quiet hours round-trip; customer service sees the same settings read-only.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifySettings } from '../../core/contract/notify.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotifyPage } from './pages/NotifyPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { SCREENSHOT_DIR, startTestConsole, type TestConsole } from './support/console.js';
import { waitForText } from './support/waits.js';

describe('delivery settings: a supervisor edits, the engine judges, customer service reads', () => {
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shell: ShellPage;
  let notify: NotifyPage;

  /** What the engine itself holds, read behind the browser's back. */
  async function engineSettings(): Promise<NotifySettings> {
    const result = await server.core.invoke({ trusted: { type: 'system', id: 'e2e', name: 'e2e' } }, 'notify/settings', {});
    if ('error' in result) throw new Error(result.error.message);
    return result.data;
  }

  async function logInAs(username: string, password: string): Promise<void> {
    const login = new LoginPage(page);
    await login.form.waitFor();
    await login.logIn(username, password);
    await shell.waitUntilReady();
    await notify.open();
    await notify.openSettings();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    // Demo operators only, no scheduled passes: nothing but this journey touches the settings.
    server = await startTestConsole({ demo: { orders: 0 }, schedule: false });
    ({ context, page } = await newDesk(browser));
    shell = new ShellPage(page);
    notify = new NotifyPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the engine defaults in seconds and minutes', async () => {
    await new LoginPage(page).open(server.url);
    await logInAs('supervisor', 'demo-supervisor');
    await waitForText(notify.tab('settings'), '投递设置');
    // core/notify/settings.ts: 6 attempts, 5 s → 10 min backoff, 20/min robots (§6), DingTalk 10 min (§6.2),
    // WeCom 60 s and SMS 10 min [U], 50 rate-limited answers, quiet 22:00–08:00.
    expect(await notify.settingValues(['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'robotPerMinute', 'dingtalkBlockMs', 'wecomRateLimitPauseMs', 'smsThrottleDelayMs', 'maxRateLimited', 'quietStart', 'quietEnd'])).toEqual({
      maxAttempts: '6',
      baseDelayMs: '5',
      maxDelayMs: '600',
      robotPerMinute: '20',
      dingtalkBlockMs: '10',
      wecomRateLimitPauseMs: '60',
      smsThrottleDelayMs: '10',
      maxRateLimited: '50',
      quietStart: '22:00',
      quietEnd: '08:00',
    });
    expect(await notify.setting('wecomRateLimit').isVisible()).toBe(false); // advanced: folded away
    await notify.openErrorCodes();
    expect(await notify.settingValues(['wecomRateLimit', 'dingtalkRateLimit', 'smsThrottle'])).toEqual({
      wecomRateLimit: '45009',
      dingtalkRateLimit: '410100, 130101',
      smsThrottle: 'isv.BUSINESS_LIMIT_CONTROL, Throttling.User, Throttling',
    });
    expect(await notify.settingsSave.isEnabled()).toBe(true);
  });

  it('saves 5 attempts and a 30 s first retry; the engine stores them in milliseconds', async () => {
    await notify.fillSettings({ maxAttempts: '5', baseDelayMs: '30' });
    await notify.settingsSave.click();
    await waitForText(notify.settingsNotice, '投递设置已保存');
    const stored = await engineSettings();
    expect(stored).toMatchObject({ maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 600_000, robotPerMinute: 20 });
    await notify.tab('settings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'notify-settings.png') });
  });

  it('the saved values are still there after a reload', async () => {
    await page.reload();
    await shell.waitUntilReady();
    await notify.open();
    await notify.openSettings();
    expect(await notify.settingValues(['maxAttempts', 'baseDelayMs', 'maxDelayMs'])).toEqual({ maxAttempts: '5', baseDelayMs: '30', maxDelayMs: '600' });
  });

  it('a longest retry shorter than the first: the engine refuses, nothing changes, 恢复 brings back what is stored', async () => {
    const before = await engineSettings();
    await notify.fillSettings({ maxDelayMs: '10' });
    await notify.settingsSave.click();
    await waitForText(notify.settingsError, /输入有误.*maxDelayMs/);
    expect(await notify.setting('maxDelayMs').getAttribute('aria-invalid')).toBe('true');
    expect(await notify.settingsNotice.count()).toBe(0);
    expect(await engineSettings()).toEqual(before);
    expect(await notify.setting('maxDelayMs').inputValue()).toBe('10'); // what was typed stays to correct
    await notify.settingsRestore.click();
    await waitForText(notify.settings, '最长重试间隔');
    await notify.settingsError.waitFor({ state: 'detached' });
    expect(await notify.setting('maxDelayMs').inputValue()).toBe('600');
  });

  it('bad input is caught in the form, next to its field, and never reaches the engine', async () => {
    const before = await engineSettings();
    await notify.fillSettings({ maxAttempts: '', wecomRateLimitPauseMs: '-5', quietEnd: '' });
    await notify.openErrorCodes();
    await notify.fillSettings({ dingtalkRateLimit: '410100, 发送太快' });
    await notify.settingsSave.click();
    await waitForText(notify.settingsError, '请先更正标红的字段');
    await waitForText(notify.settingProblem('maxAttempts'), '请输入正整数');
    await waitForText(notify.settingProblem('wecomRateLimitPauseMs'), '请输入不小于 0 的数字');
    await waitForText(notify.settingProblem('quietEnd'), '请输入 HH:MM 时间');
    await waitForText(notify.settingProblem('dingtalkRateLimit'), '用逗号分隔的整数');
    expect(await engineSettings()).toEqual(before);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'notify-settings-invalid.png') });
    await notify.settingsRestore.click();
    await notify.settingProblem('maxAttempts').waitFor({ state: 'detached' });
    expect(await notify.settingValues(['maxAttempts', 'wecomRateLimitPauseMs', 'quietEnd', 'dingtalkRateLimit'])).toEqual({ maxAttempts: '5', wecomRateLimitPauseMs: '60', quietEnd: '08:00', dingtalkRateLimit: '410100, 130101' });
  });

  it('partner error codes and the customer quiet hours round-trip to the engine', async () => {
    await notify.openErrorCodes();
    await notify.fillSettings({ quietStart: '21:30', dingtalkRateLimit: '410100，130101, 660026', smsThrottle: 'isv.BUSINESS_LIMIT_CONTROL, isv.DAY_LIMIT_CONTROL', dingtalkBlockMs: '15' });
    await notify.settingsSave.click();
    await waitForText(notify.settingsNotice, '投递设置已保存');
    const stored = await engineSettings();
    expect(stored.quietHours).toEqual({ start: '21:30', end: '08:00', utcOffsetMinutes: 480 });
    expect(stored.dingtalkBlockMs).toBe(15 * 60_000);
    expect(stored.codes).toMatchObject({ dingtalkRateLimit: [410100, 130101, 660026], smsThrottle: ['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL'], wecomRateLimit: [45009], dingtalkTransient: [-1] });
    expect(await notify.setting('dingtalkRateLimit').inputValue()).toBe('410100, 130101, 660026');
  });

  it('customer service (notify.read only) sees the settings read-only', async () => {
    await shell.logoutButton.click();
    await logInAs('cs', 'demo-cs');
    await waitForText(notify.settingsReadOnly, '只读');
    expect(await notify.settingsSave.count()).toBe(0);
    expect(await notify.settingsRestore.count()).toBe(0);
    expect(await notify.settingValues(['maxAttempts', 'baseDelayMs', 'quietStart'])).toEqual({ maxAttempts: '5', baseDelayMs: '30', quietStart: '21:30' });
    for (const name of ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'robotPerMinute', 'quietStart'] as const) expect(await notify.setting(name).isDisabled(), name).toBe(true);
    await notify.openErrorCodes();
    expect(await notify.setting('smsThrottle').isDisabled()).toBe(true);
    // The engine refuses too: notify.manage is checked there, not only hidden here.
    const login = await server.core.login('cs', 'demo-cs');
    if ('error' in login) throw new Error(login.error.message);
    const refused = await server.core.invoke({ token: login.data.token }, 'notify/setSettings', { maxAttempts: 1 });
    expect('error' in refused && refused.error.type).toBe('Forbidden');
    expect((await engineSettings()).maxAttempts).toBe(5);
  });
});
