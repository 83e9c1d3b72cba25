/**
 * Journey 小王 (journeys.md, "where is my parcel?") steps 3–4, issue 5: a cs agent opens a Taobao order
 * waiting for shipment, uploads a photo of the waybill label, sees the number read and the regions
 * highlighted, ticks the confirmations the check asks for and confirms. The carrier (Kuaidi100
 * simulator) is queried at once and the trail fills in; the number is written back to Taobao (the
 * simulator's own order API then carries it); the timeline shows the chain with the photo as evidence.
 * Bad files get the engine's message and nothing else; a wrong waybill is detached with a reason; a
 * photo without an order finds its order from the Logistics workspace; the warehouse sees no action.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from './pages/LoginPage.js';
import { LogisticsTrailPanel } from './pages/LogisticsPage.js';
import { OrderDrawer } from './pages/OrderDrawer.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { DrawerRepush, FindOrderByPhotoPanel, OCR_TIMEOUT_MS } from './pages/WaybillRepushPanel.js';
import { launchChromium, newDesk } from './support/browser.js';
import { SCREENSHOT_DIR, startTestConsole, type TestConsole } from './support/console.js';
import { waitForAll, waitForText } from './support/waits.js';
import { connectRepushShop, labelPhotoFile, startRepushPartners, type RepushPartners } from './support/waybill.js';

interface WaitingOrder {
  id: number;
  platformOrderId: string;
}

describe('customer service: re-push a waybill from a label photo', () => {
  let partners: RepushPartners;
  let server: TestConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cs: { token: string };
  let files: string;
  let waiting: WaitingOrder[] = [];
  let repushed: { order: WaitingOrder; waybillNo: string } | null = null;

  async function token(user: string): Promise<{ token: string }> {
    const r = await server.core.login(user, `demo-${user}`);
    if ('error' in r) throw new Error(r.error.message);
    return { token: r.data.token };
  }

  async function engine<T>(p: Promise<{ data: T } | { error: { message: string } }>): Promise<T> {
    const r = await p;
    if ('error' in r) throw new Error(r.error.message);
    return r.data;
  }

  async function openOrder(platformOrderId: string): Promise<OrderDrawer> {
    const orders = new OrdersPage(page);
    await orders.waitForRows();
    await orders.searchFor(platformOrderId);
    await orders.waitForTotal((n) => n === 1);
    await orders.openRow(0);
    const drawer = new OrderDrawer(page);
    await drawer.waitForOrder(platformOrderId);
    return drawer;
  }

  async function logInAs(user: string): Promise<void> {
    const login = new LoginPage(page);
    await login.open(server.url);
    await login.logIn(user, `demo-${user}`);
    await new ShellPage(page).waitUntilReady();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    files = await mkdtemp(join(tmpdir(), 'order-hub-labels-'));
    partners = await startRepushPartners();
    browser = await launchChromium();
    // Demo operators only: the orders come from this journey's own Taobao shop, so the write-back and
    // the carrier query reach simulators this test can look into.
    server = await startTestConsole({ demo: { orders: 0, seed: 42 }, partners: partners.partners, schedule: false });
    await connectRepushShop(server.core, await token('admin'));
    cs = await token('cs');
    const page1 = await engine(server.core.invoke(cs, 'orders/list', { filters: { status: { kind: 'set', values: ['paid', 'awaiting_shipment'] } }, limit: 20 }));
    waiting = page1.rows.map((r) => ({ id: r.id, platformOrderId: r.platformOrderId }));
    expect(waiting.length, 'Taobao orders waiting for shipment').toBeGreaterThanOrEqual(3);
    ({ context, page } = await newDesk(browser));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await partners?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('refuses a file that is not an image and a truncated photo with the engine’s message, and nothing happens', async () => {
    const order = waiting[0]!;
    await logInAs('cs');
    await openOrder(order.platformOrderId);
    const repush = new DrawerRepush(page);
    const panel = await repush.open();

    const pdf = join(files, 'invoice.jpg');
    await writeFile(pdf, '%PDF-1.7 this is an invoice, not a photo');
    await panel.upload(pdf);
    expect(await panel.waitForReadError('不是图片')).toContain('JPEG');

    const good = await labelPhotoFile(files, 7);
    const truncated = join(files, 'truncated.jpg');
    await writeFile(truncated, good.bytes.subarray(0, Math.floor(good.bytes.length / 3)));
    await panel.upload(truncated);
    await panel.waitForReadError('文件不完整或已损坏');

    // nothing read, nothing to confirm, nothing written
    expect(await panel.photo.count()).toBe(0);
    expect(await panel.confirmButton.isDisabled()).toBe(true);
    const detail = await engine(server.core.invoke(cs, 'orders/detail', { id: order.id }));
    expect(detail.shipments).toHaveLength(0);
    await repush.close();
  }, OCR_TIMEOUT_MS * 2);

  it('reads a pasted label, shows the regions, confirms; the steps finish, the trail fills in and Taobao has the number', async () => {
    const order = waiting[0]!;
    const repush = new DrawerRepush(page);
    const panel = await repush.open();
    const photo = await labelPhotoFile(files, 1);
    // The agent copied the photo from the warehouse chat and pastes it (Ctrl+V) into the open panel.
    await panel.paste(photo.bytes);

    await panel.waitForNumber(photo.truth.waybillNo);
    expect(await panel.carrier.inputValue()).toBe('SF');
    await panel.photo.waitFor();
    expect(await panel.regions.count()).toBeGreaterThan(1);
    expect(await panel.root.locator('[data-testid="waybill-region"][data-kind="barcode"]').count()).toBeGreaterThan(0);
    expect(await panel.chosenRegions.count()).toBeGreaterThan(0);
    // the boxes are drawn over the displayed photo, scaled to it
    const photoBox = (await panel.photo.boundingBox())!;
    const chosenBox = (await panel.chosenRegions.first().boundingBox())!;
    expect(chosenBox.x).toBeGreaterThanOrEqual(photoBox.x - 1);
    expect(chosenBox.x + chosenBox.width).toBeLessThanOrEqual(photoBox.x + photoBox.width + 1);
    expect(chosenBox.y + chosenBox.height).toBeLessThanOrEqual(photoBox.y + photoBox.height + 1);
    expect(await panel.candidates.first().getAttribute('data-waybill')).toBe(photo.truth.waybillNo);

    await panel.waitForCheck();
    expect(await panel.checkResult.getAttribute('data-blocked')).toBe('false');
    expect(await panel.root.getByTestId('waybill-write-back-mode').getAttribute('data-mode')).toBe('ship');
    const needs = await panel.neededConfirmations();
    // the label's receiver is a generated person, not the order's: only a receiver mismatch may be asked
    expect(needs.every((n) => n === 'acknowledgeReceiverMismatch')).toBe(true);
    if (needs.length) expect(await panel.confirmButton.isDisabled()).toBe(true);
    await panel.tickAllNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'waybill-repush-read.png') });
    await panel.confirm();

    expect(await panel.stepStatuses()).toEqual([
      ['attach', 'done'],
      ['track', 'done'],
      ['write-back', 'done'],
    ]);
    expect(await panel.step('write-back').getByTestId('waybill-step-message').textContent()).toContain('taobao.logistics.offline.send');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'waybill-repush-done.png') });
    await repush.close();

    // the drawer shows the new parcel, its trail and the chain on the timeline
    await repush.parcel(photo.truth.waybillNo).waitFor();
    const drawer = new OrderDrawer(page);
    await waitForText(drawer.status, '已发货');
    const trail = new LogisticsTrailPanel(page);
    await trail.root.locator(`[data-testid="trail-parcel"]`).filter({ hasText: photo.truth.waybillNo }).waitFor();
    await waitForAll(trail.events, (texts) => texts.length > 0);
    const actions = await waitForAll(drawer.root.getByTestId('timeline-action'), (texts) => ['补推运单：已关联', '运单已回传平台'].every((a) => texts.includes(a)));
    expect(actions).toContain('开始跟踪物流');
    const attached = drawer.timelineEvents.filter({ has: page.locator('[data-testid="timeline-action"]', { hasText: '补推运单：已关联' }) });
    expect(await attached.getByTestId('timeline-reason').textContent()).toContain('补推运单');
    expect(await attached.getByTestId('timeline-raw').count()).toBe(1); // the photo, kept as evidence
    await attached.getByTestId('timeline-raw').click();
    const evidence = attached.getByTestId('raw-payload-image');
    await evidence.waitFor();
    // The photo decodes in the browser: it has the label's real size, not a broken image.
    expect(await evidence.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'waybill-repush-drawer.png') });

    // Taobao's own order API now carries the number: the write-back really landed
    const story = partners.taobao.stories.find((s) => partners.taobao.tidOf(s.n) === order.platformOrderId)!;
    expect(story.versions.some((v) => v.parcel?.waybillNo === photo.truth.waybillNo)).toBe(true);
    expect(partners.kuaidi100.stats.queries).toBeGreaterThan(0);
    repushed = { order, waybillNo: photo.truth.waybillNo };
  }, OCR_TIMEOUT_MS * 2);

  it('detaches the waybill with a required reason; the timeline keeps it', async () => {
    expect(repushed).not.toBeNull();
    const { waybillNo } = repushed!;
    const repush = new DrawerRepush(page);
    const row = repush.parcel(waybillNo);
    await row.getByTestId('waybill-detach-open').click();
    await row.getByTestId('waybill-detach-confirm').click();
    await waitForText(row.getByTestId('waybill-detach-error'), '请填写解除原因');
    await repush.detach(waybillNo, '仓库贴错面单');
    await row.waitFor({ state: 'detached' });
    const drawer = new OrderDrawer(page);
    await waitForText(drawer.latestEvent().getByTestId('timeline-action'), '解除运单');
    expect(await drawer.latestEvent().getByTestId('timeline-reason').textContent()).toContain('仓库贴错面单');
    await drawer.closeWithEscape();
  });

  it('finds the order of a photo without an order from the Logistics workspace, then re-pushes it', async () => {
    const order = waiting[1]!;
    const detail = await engine(server.core.invoke(cs, 'orders/detail', { id: order.id }));
    const shell = new ShellPage(page);
    await shell.navItem('logistics').click();
    const find = new FindOrderByPhotoPanel(page);
    await find.open();
    const photo = await labelPhotoFile(files, 3, 'ZTO');
    // dragged from the desktop onto the drop zone
    await find.panel.drop(photo.bytes, 'label-zto.jpg');
    await find.panel.photo.waitFor();
    await waitForText(find.panel.candidates.first(), photo.truth.waybillNo);
    // the search starts from what the label says of its receiver; the agent corrects it to the order's
    const labelTail = photo.truth.receiver.phone.slice(-4);
    expect([labelTail, '']).toContain(await find.phoneTail.inputValue());
    const surname = /[\u4e00-\u9fff]/.test(detail.receiverName.charAt(0)) ? detail.receiverName.charAt(0) : '';
    await find.searchFor(surname, detail.receiverPhoneMasked.replace(/\D/g, '').slice(-4));
    await find.match(order.platformOrderId).waitFor();
    await find.choose(order.platformOrderId);

    const panel = find.panel;
    await panel.waitForNumber(photo.truth.waybillNo);
    expect(await panel.carrier.inputValue()).toBe('ZTO');
    await panel.waitForCheck();
    await panel.tickAllNeeded();
    await panel.confirm();
    expect(await panel.stepStatuses()).toEqual([
      ['attach', 'done'],
      ['track', 'done'],
      ['write-back', 'done'],
    ]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'waybill-find-order.png') });
    const after = await engine(server.core.invoke(cs, 'orders/detail', { id: order.id }));
    expect(after.shipments.map((s) => s.waybillNo)).toContain(photo.truth.waybillNo);
    await page.keyboard.press('Escape');
  }, OCR_TIMEOUT_MS * 2);

  it('a warehouse user sees neither the re-push action nor the find-by-photo entry', async () => {
    await new ShellPage(page).logoutButton.click();
    await logInAs('warehouse');
    await openOrder(waiting[2]?.platformOrderId ?? waiting[0]!.platformOrderId);
    await new DrawerRepush(page).parcels.count();
    expect(await page.getByTestId('drawer-parcels').isVisible()).toBe(true);
    expect(await new DrawerRepush(page).openButton.count()).toBe(0);
    expect(await page.getByTestId('waybill-detach-open').count()).toBe(0);
    await new OrderDrawer(page).closeWithEscape();
    await new ShellPage(page).navItem('logistics').click();
    await page.getByTestId('logistics').waitFor();
    expect(await page.getByTestId('find-order-by-photo').count()).toBe(0);
  });
});
