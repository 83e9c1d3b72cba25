/**
 * Logistics (issue 4) in the browser: a POS order with a parcel comes in through the merchant push
 * (/hooks/pos), the engine follows its parcel, and the carrier's push arrives at /hooks/kuaidi100 (signed
 * as Kuaidi100 signs, over real HTTP, through the tracking module's ingestion); the supervisor opens the order,
 * sees its logistics trail with the rule deadlines, clicks a node and reads the carrier's raw payload;
 * the Logistics workspace shows the parcel counts per state, the rule hits with why, and the stall
 * ticket, which the supervisor comments on and takes in hand.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core/kernel/logger.js';
import { startConsole, type RunningConsole } from '../../main/node/console.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelInfo } from '../../core/contract/logistics.js';
import { LoginPage } from './pages/LoginPage.js';
import { LogisticsPage, LogisticsTrailPanel } from './pages/LogisticsPage.js';
import { OrderDrawer } from './pages/OrderDrawer.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { launchChromium, newDesk } from './support/browser.js';
import { RENDERER_DIR, SCREENSHOT_DIR } from './support/console.js';
import { unreachableGateway } from './support/partners.js';
import { waitForAll, waitForText } from './support/waits.js';

const SALT = 'e2e-kuaidi100-salt';
const HOUR = 3_600_000;
/** Kuaidi100 pushes Beijing time strings "YYYY-MM-DD HH:mm:ss" (protocols.md §5.4). */
const beijing = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

describe('logistics trail and workspace', () => {
  let server: RunningConsole;
  let dataDir = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: { token: string };
  let parcel: ParcelInfo;
  const POS_SECRET = 'e2e-pos-secret-for-logistics';
  const platformOrderId = 'POS-E2E-LOGISTICS-0001';
  const waybillNo = 'YT5555508965056';
  // Shipped 40 h ago, picked up 30 minutes later (first scan in time), then silent for 30 hours (stalled).
  const shippedAt = Date.now() - 40 * HOUR;
  const pickedUpAt = shippedAt + 30 * 60_000;
  const inTransitAt = Date.now() - 30 * HOUR;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    dataDir = await mkdtemp(join(tmpdir(), 'order-hub-e2e-logistics-'));
    server = await startConsole({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      demo: { orders: 0 },
      staticDir: RENDERER_DIR,
      logger: silentLogger,
      schedule: false,
      partners: { logistics: { kuaidi100: { customer: 'E2E-CUSTOMER', key: 'e2e-kuaidi100-key', salt: SALT, baseUrl: await unreachableGateway() } } },
    });
    const login = await server.core.login('admin', 'demo-admin');
    if ('error' in login) throw new Error(login.error.message);
    admin = { token: login.data.token };
    ({ context, page } = await newDesk(browser));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a POS order with a parcel is pushed by the merchant; a signed Kuaidi100 push fills its trail', async () => {
    const added = await server.core.invoke(admin, 'channels/addShop', { id: 'pos-e2e', channel: 'pos', name: '杭州西湖店', credentials: { appKey: 'pos-e2e', appSecret: POS_SECRET } });
    if ('error' in added) throw new Error(added.error.message);
    const order = {
      platformOrderId,
      status: 'shipped',
      receiver: { name: '王伟', phone: '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 100 号' },
      amounts: { goodsFen: 12800, platformDiscountFen: 0, sellerDiscountFen: 0, shippingFen: 0, paidFen: 12800, platformFeeFen: 0 },
      createdAt: shippedAt - 2 * HOUR,
      paidAt: shippedAt - 2 * HOUR,
      updatedAt: shippedAt,
      lines: [{ platformSku: '6901234567892', title: '西湖龙井 250g', quantity: 1, unitPriceFen: 12800, amountFen: 12800 }],
      shipments: [{ carrier: 'YTO', waybillNo, shippedAt }],
    };
    const body = JSON.stringify({ orders: [order] });
    const timestamp = String(Date.now());
    const nonce = randomBytes(12).toString('hex');
    const pushed = await fetch(`${server.url}/hooks/pos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-OrderHub-Shop': 'pos-e2e', 'X-OrderHub-Timestamp': timestamp, 'X-OrderHub-Nonce': nonce, 'X-OrderHub-Signature': createHmac('sha256', POS_SECRET).update(`${timestamp}\n${nonce}\n${body}`).digest('hex') },
      body,
    });
    expect(pushed.status).toBe(200);

    // The engine follows the order's parcel (discovery runs after the order commits).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await server.core.invoke(admin, 'logistics/parcels', { waybillNo });
      if ('error' in r) throw new Error(r.error.message);
      if (r.data.rows[0]) {
        parcel = r.data.rows[0];
        break;
      }
      if (Date.now() > deadline) throw new Error('The parcel of the pushed order was never followed.');
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(parcel).toMatchObject({ carrier: 'YTO', state: 'AWAITING_PICKUP', eventCount: 0, orders: [{ platformOrderId }] });

    const param = JSON.stringify({
      status: 'polling',
      billstatus: 'got',
      message: '',
      lastResult: {
        message: 'ok',
        state: '0',
        status: '200',
        condition: 'F00',
        ischeck: '0',
        com: 'yuantong',
        nu: waybillNo,
        data: [
          { context: '【杭州转运中心】已发出，下一站【上海转运中心】', time: beijing(inTransitAt), ftime: beijing(inTransitAt), status: '在途', areaName: '杭州市' },
          { context: '【杭州西湖网点】已揽收', time: beijing(pickedUpAt), ftime: beijing(pickedUpAt), status: '揽收', areaName: '杭州市' },
        ],
      },
    });
    const sign = createHash('md5').update(param + SALT).digest('hex').toUpperCase();
    const form = (s: string) => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ param, sign: s }).toString() });
    expect((await fetch(`${server.url}/hooks/kuaidi100`, form('0'.repeat(32)))).status).toBe(401);
    const res = await fetch(`${server.url}/hooks/kuaidi100`, form(sign));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: true, returnCode: '200' });
    const trail = await server.core.invoke(admin, 'logistics/trail', { parcelId: parcel.id });
    if ('error' in trail) throw new Error(trail.error.message);
    expect(trail.data.parcels[0]!.events.map((e) => [e.state, e.source])).toEqual([
      ['PICKED_UP', 'push'],
      ['IN_TRANSIT', 'push'],
    ]);
  });

  it('the supervisor opens the order, sees the trail with the rule deadlines, clicks a node and reads the raw payload', async () => {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn('supervisor', 'demo-supervisor');
    const shell = new ShellPage(page);
    await shell.waitUntilReady();
    const orders = new OrdersPage(page);
    await orders.waitForRows();
    await orders.searchFor(platformOrderId);
    await orders.waitForTotal((n) => n === 1);
    expect(await orders.orderIdAt(0)).toBe(platformOrderId);
    const drawer = new OrderDrawer(page);
    // The search reloads the grid's rows: a click that lands while they are replaced opens nothing.
    for (let attempt = 0; attempt < 3; attempt++) {
      await orders.openRow(0);
      if (await drawer.root.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
    }
    await drawer.waitForOrder(platformOrderId);

    const trail = new LogisticsTrailPanel(page);
    await trail.root.waitFor();
    await waitForAll(trail.events, (texts) => texts.length === 2);
    const texts = await trail.events.allTextContents();
    expect(texts[0]).toContain('已揽收');
    expect(texts[1]).toContain('杭州转运中心');
    expect(await trail.root.getByTestId('trail-state').textContent()).toBe('运输中');
    // the deadlines are drawn: first scan met (scanned in time), stall missed (no event for 30 h)
    expect(await trail.deadline('firstScan').getAttribute('data-status')).toBe('met');
    expect(await trail.deadline('stall').getAttribute('data-status')).toBe('missed');
    expect(await trail.root.getByTestId('trail-axis-deadline').count()).toBe(2);

    await trail.clickEvent(1);
    await trail.rawPayload.waitFor();
    const raw = (await trail.rawPayload.textContent()) ?? '';
    expect(raw).toContain(waybillNo);
    // what Kuaidi100 sent, readable (JSON pretty-printed, a form body decoded field by field)
    expect(raw).toContain('【杭州转运中心】已发出');
    expect(raw).toContain('yuantong');
    await waitForText(trail.detail.getByTestId('trail-detail-source'), '推送');
    expect(await trail.detail.textContent()).toContain('kuaidi100');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logistics-trail.png') });
    await page.keyboard.press('Escape');
  });

  it('the Logistics workspace shows counts per state, the rule hits with why, and the stall ticket', async () => {
    const logistics = new LogisticsPage(page);
    await logistics.open();
    const counts = await server.core.invoke(admin, 'logistics/parcels', { limit: 1 });
    if ('error' in counts) throw new Error(counts.error.message);
    await waitForText(logistics.stateChip('IN_TRANSIT'), `运输中 ${counts.data.counts.IN_TRANSIT}`);
    await waitForText(logistics.stateChip('AWAITING_PICKUP'), `待揽收 ${counts.data.counts.AWAITING_PICKUP}`);
    expect(counts.data.counts.IN_TRANSIT).toBeGreaterThanOrEqual(1);

    await logistics.evaluate.click();
    await waitForText(logistics.notice, /已检查：新告警 \d+ 条/);

    await logistics.tab('hits').click();
    const hit = logistics.hitFor(parcel.id, 'stall');
    await hit.waitFor();
    const why = (await hit.getByTestId('hit-why').textContent()) ?? '';
    expect(why).toContain('24 小时 无新物流轨迹');
    expect(why).toContain('截止');
    expect(await hit.locator('[data-testid="hit-action"][data-kind="ticket"]').count()).toBe(1);

    const tickets = await server.core.invoke(admin, 'tickets/list', { parcelId: parcel.id });
    if ('error' in tickets) throw new Error(tickets.error.message);
    expect(tickets.data.rows).toHaveLength(1);
    const ticket = tickets.data.rows[0]!;
    expect(ticket).toMatchObject({ type: 'stalled', ownerGroup: 'after_sales', status: 'open', origin: 'rule' });

    await logistics.tab('tickets').click();
    await logistics.ticket(ticket.id).click();
    await logistics.ticketDetail.waitFor();
    await waitForText(logistics.ticketDetail.getByTestId('ticket-title'), waybillNo);
    await logistics.commentOnTicket('已联系快递网点查件');
    await waitForText(logistics.ticketDetail.getByTestId('ticket-comments'), '已联系快递网点查件');
    await logistics.moveTicket('waiting_carrier', '网点回复今日内更新');
    await waitForText(logistics.ticket(ticket.id), '等待快递');
    expect(await logistics.ticketDetail.getAttribute('data-status')).toBe('waiting_carrier');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logistics-tickets.png') });

    // every ticket change is on the order's timeline
    const timeline = await server.core.invoke(admin, 'audit/orderTimeline', { orderId: parcel.orders[0]!.orderId });
    if ('error' in timeline) throw new Error(timeline.error.message);
    expect(timeline.data.map((e) => e.action)).toEqual(expect.arrayContaining(['sla.stalled', 'ticket.open', 'ticket.comment', 'ticket.status']));
  });

  it('the supervisor edits the SLA rules: a shorter first-scan threshold counted in business hours, a holiday', async () => {
    const logistics = new LogisticsPage(page);
    await logistics.tab('hits').click();
    await logistics.hitFor(parcel.id, 'stall').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logistics-hits.png') });
    await logistics.tab('rules').click();
    const editor = page.getByTestId('rules-editor');
    const firstScan = editor.locator('[data-testid="rule"][data-rule="firstScan"]');
    await firstScan.getByTestId('rule-threshold').fill('1.5');
    await firstScan.getByTestId('rule-business-hours').check();
    await editor.getByTestId('rule-holidays').fill('2027-01-01\n2027-02-17');
    await editor.getByTestId('override-add').click();
    await editor.getByTestId('override-carrier').fill('SF');
    await editor.getByTestId('rules-save').click();
    await waitForText(editor.getByTestId('rules-saved'), '规则已保存');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logistics-rules.png') });
    const saved = await server.core.invoke(admin, 'sla/settings', {});
    if ('error' in saved) throw new Error(saved.error.message);
    expect(saved.data.rules.firstScan).toEqual({ enabled: true, thresholdMinutes: 90, businessHoursOnly: true });
    expect(saved.data.calendar.holidays).toEqual(['2027-01-01', '2027-02-17']);
    expect(saved.data.overrides).toEqual([expect.objectContaining({ id: 'override-1', rule: 'firstScan', carrier: 'SF' })]);
  });

  it('two editors: a save over rules someone changed meanwhile is refused; reloading shows theirs, then the change applies', async () => {
    const editor = page.getByTestId('rules-editor');
    const stall = editor.locator('[data-testid="rule"][data-rule="stall"]');
    // The editor holds the rules as saved above; meanwhile the admin changes the stall threshold.
    const changed = await server.core.invoke(admin, 'sla/setSettings', { rules: { stall: { thresholdMinutes: 36 * 60 } }, reason: '另一位主管的修改' });
    if ('error' in changed) throw new Error(changed.error.message);
    await stall.getByTestId('rule-threshold').fill('30');
    await editor.getByTestId('rules-save').click();
    await waitForText(editor.getByTestId('rules-error'), '数据已被他人修改');
    const kept = await server.core.invoke(admin, 'sla/settings', {});
    if ('error' in kept) throw new Error(kept.error.message);
    expect(kept.data.rules.stall.thresholdMinutes).toBe(36 * 60);
    await editor.getByTestId('rules-reload').click();
    await waitForValue(stall.getByTestId('rule-threshold'), '36');
    await stall.getByTestId('rule-threshold').fill('30');
    await editor.getByTestId('rules-save').click();
    await waitForText(editor.getByTestId('rules-saved'), '规则已保存');
    const saved = await server.core.invoke(admin, 'sla/settings', {});
    if ('error' in saved) throw new Error(saved.error.message);
    expect(saved.data.rules.stall.thresholdMinutes).toBe(30 * 60);
  });
});

/** An input's value, polled until it is the expected one (inputs have no text content). */
async function waitForValue(input: Locator, expected: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await input.inputValue();
    if (value === expected) return;
    if (Date.now() > deadline) throw new Error(`Input shows "${value}", expected "${expected}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
