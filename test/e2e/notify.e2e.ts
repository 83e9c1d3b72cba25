/**
 * A supervisor wires the warehouse WeCom robot into the Notifications workspace and tests it; the
 * robot then fails (5xx), the message is retried by the engine's worker until it is a dead letter,
 * the dead letter appears with the robot's error, and "retry" delivers it once the robot is back.
 * Real HTTP to the loopback WeCom receiver of sandbox/notify throughout. The demo store's scheduled
 * SLA pass fills the outbox with hundreds of customer and in-app messages (many dead: no SMS gateway
 * is configured) at a moment of its own, so the supervisor narrows both lists to the robot.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifyReceivers, type NotifyReceivers } from '../../sandbox/notify/index.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotifyPage } from './pages/NotifyPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { SCREENSHOT_DIR, startTestConsole, type TestConsole } from './support/console.js';
import { waitForText } from './support/waits.js';

const KEY = 'e2e-wecom-robot-key-5f1c';

describe('supervisor: a notification dead-letters when the robot fails, and retry delivers it', () => {
  let receivers: NotifyReceivers;
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let notify: NotifyPage;

  beforeAll(async () => {
    receivers = await startNotifyReceivers({ wecomKeys: [KEY] });
    browser = await launchChromium();
    // The engine's own worker delivers (schedule on: it polls the outbox every 2 s).
    server = await startTestConsole({ schedule: true });
    // Short retries so the dead letter comes within seconds: 2 attempts, 200 ms first backoff.
    const configured = await server.core.invoke({ trusted: { type: 'system', id: 'e2e', name: 'e2e' } }, 'notify/setSettings', { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 });
    if ('error' in configured) throw new Error(configured.error.message);
    ({ context, page } = await newDesk(browser));
    notify = new NotifyPage(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await receivers?.close();
  });

  it('adds the warehouse robot and a test message reaches the group', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('supervisor', 'demo-supervisor');
    await new ShellPage(page).waitUntilReady();
    await notify.open();
    await notify.addTarget({ id: 'warehouse-wecom', name: '仓库群', channel: 'wecom', webhookUrl: receivers.wecomUrl(KEY) });
    await waitForText(notify.targetsNotice, '目标 仓库群 已保存');
    expect(await notify.targetRow('warehouse-wecom').textContent()).not.toContain(KEY);
    await notify.testSend('warehouse-wecom');
    await waitForText(notify.targetsNotice, '测试消息已送达 仓库群');
    expect(receivers.messages.filter((m) => m.accepted)).toHaveLength(1);
    expect(receivers.messages[0]!.text).toContain('这是一条测试消息（仓库群）');
  });

  it('the robot answers 500: retried, then listed as a dead letter with the error', async () => {
    receivers.wecom.mode = 'http-500';
    await notify.testSend('warehouse-wecom');
    await waitForText(notify.targetsError, '测试发送失败');
    await notify.tab('dead').click();
    await notify.targetFilter.selectOption('warehouse-wecom');
    await waitForText(notify.deadCount, /^1$/, 20_000);
    const [dead] = await notify.rows(notify.dead);
    expect(dead!.state).toBe('死信');
    expect(dead!.body).toContain('这是一条测试消息');
    await waitForText(notify.errorOf(dead!.id), /2 failed attempts; last: HTTP 500/);
    expect(await notify.errorOf(dead!.id).textContent()).toMatch(/^临时故障/); // the kind in Chinese, the robot's answer as it came
    expect(receivers.messages.filter((m) => m.problem === 'knob: http-500')).toHaveLength(2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'notify-dead-letters.png') });
  });

  it('retry after the robot recovers: delivered exactly once', async () => {
    receivers.wecom.reset();
    const [dead] = await notify.rows(notify.dead);
    await notify.retryButton(dead!.id).click();
    await waitForText(notify.notice, `通知 ${dead!.id} 已重新排队`);
    await notify.tab('outbox').click();
    await notify.stateFilter.selectOption('delivered');
    await waitForText(notify.stateOf(dead!.id), '已送达', 20_000);
    expect(receivers.messages.filter((m) => m.accepted)).toHaveLength(2);
    await notify.tab('dead').click();
    await waitForText(notify.root.getByTestId('notify-dead-empty'), '没有死信');
  });
});
