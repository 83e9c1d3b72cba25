/**
 * Issue 5 end to end in the engine: a cs agent reads a generated label photo with the real OCR,
 * confirms it on a Taobao order the warehouse shipped without tracking, and the flow attaches the
 * waybill (photo kept as evidence), queries Kuaidi100 at once (the trail fills in) and writes the
 * number back to Taobao (the simulator's own order API then shows it). Then the guards: a duplicate
 * on another receiver blocks, a misfit needs an override, bad images are refused, the warehouse role
 * may not re-push, and a detach with a reason is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/index.js';
import { startKuaidi100Simulator } from '../sandbox/kuaidi100/index.js';
import { startTaobaoSimulator } from '../sandbox/taobao/index.js';
import { makeLabel } from './ocr-labels/label.js';
import { photograph } from './ocr-labels/distort.js';
import { seededRng } from './ocr-labels/rng.js';
import { tempDir } from './support/engine.js';
import { holdOcrTurn } from './support/ocr-serial.js';
import { data, loginAs } from './support/results.js';

const DAY = 86_400_000;
let core: Core;
let cs: { token: string };
let warehouse: { token: string };
let taobao: Awaited<ReturnType<typeof startTaobaoSimulator>>;
let kuaidi100: Awaited<ReturnType<typeof startKuaidi100Simulator>>;
let releaseOcr: () => void = () => undefined;

beforeAll(async () => {
  // Real OCR runs here: take turns with the other OCR test files (2 cores).
  releaseOcr = await holdOcrTurn();
  taobao = await startTaobaoSimulator({ seed: 41, orders: 500, start: Date.now() - 1.5 * DAY, spanMs: 1.5 * DAY, apps: { 'tb-app': { secret: 'tb-secret', sessions: ['tb-session'] } } });
  kuaidi100 = await startKuaidi100Simulator({ seed: 41, customers: { CUST100: 'key100' }, headStartMs: 6 * 3_600_000 });
  core = await createCore({
    dataDir: tempDir(),
    demo: true,
    partners: { gateways: { taobao: taobao.url }, timeoutMs: 10_000, logistics: { kuaidi100: { baseUrl: kuaidi100.url, customer: 'CUST100', key: 'key100', salt: 'salt100' } } },
  });
  const admin = await loginAs(core, 'admin');
  cs = await loginAs(core, 'cs');
  warehouse = await loginAs(core, 'warehouse');
  data(await core.invoke(admin, 'channels/addShop', { id: 'tb-main', channel: 'taobao', name: '淘宝旗舰店', credentials: { appKey: 'tb-app', appSecret: 'tb-secret', accessToken: 'tb-session' }, settings: { backfillDays: 3 } }));
  for (let i = 0; i < 600; i++) {
    const shop = data(await core.invoke(admin, 'channels/shops', {})).find((s) => s.id === 'tb-main')!;
    if (shop.state !== 'syncing' && (shop.lastSuccessAt || shop.lastError)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await core.close();
  await taobao.close();
  await kuaidi100.close();
  releaseOcr();
});

async function ordersWaitingForShipment(): Promise<Array<{ id: number; platformOrderId: string }>> {
  const page = data(await core.invoke(cs, 'orders/list', { filters: { status: { kind: 'set', values: ['paid', 'awaiting_shipment'] } }, limit: 20 }));
  expect(page.rows.length).toBeGreaterThan(3);
  return page.rows.map((r) => ({ id: r.id, platformOrderId: r.platformOrderId }));
}

async function labelPhoto(seed: number, carrier = 'SF') {
  const rng = seededRng(seed);
  const label = await makeLabel(rng, { carrier, barcode: 'intact' });
  const { bytes } = await photograph(label.svg, 'clean', rng);
  return { bytes, truth: label.truth };
}

describe('waybill re-push by photo', () => {
  it('reads the label, attaches, tracks and writes back, each step on the order timeline', async () => {
    const [order] = await ordersWaitingForShipment();
    const photo = await labelPhoto(1);
    const reading = data(await core.invoke(cs, 'waybill/read', { imageBase64: photo.bytes.toString('base64'), fileName: 'label.jpg', orderId: order!.id }));
    expect(reading.waybillNo).toBe(photo.truth.waybillNo);
    expect(reading.carrier).toBe('SF');
    expect(reading.regions.some((r) => r.kind === 'barcode')).toBe(true);

    const check = data(await core.invoke(cs, 'waybill/check', { orderId: order!.id, waybillNo: reading.waybillNo!, carrier: 'SF', labelReceiver: reading.receiver }));
    expect(check).toMatchObject({ writeBack: 'ship', blocked: null, patternWarning: null, attachedTo: [] });
    const result = data(
      await core.invoke(cs, 'waybill/confirm', {
        orderId: order!.id,
        waybillNo: reading.waybillNo!,
        carrier: 'SF',
        photoId: reading.photoId,
        source: reading.source ?? 'text',
        labelReceiver: reading.receiver,
        confirmations: check.needs,
      }),
    );
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['attach', 'done'],
      ['track', 'done'],
      ['write-back', 'done'],
    ]);

    const detail = data(await core.invoke(cs, 'orders/detail', { id: order!.id }));
    expect(detail.status).toBe('shipped');
    expect(detail.shipments.map((s) => s.waybillNo)).toContain(photo.truth.waybillNo);
    const trail = data(await core.invoke(cs, 'logistics/trail', { orderId: order!.id }));
    expect(trail.parcels[0]!.events.length).toBeGreaterThan(0);

    const timeline = data(await core.invoke(cs, 'audit/orderTimeline', { orderId: order!.id }));
    const actions = timeline.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['waybill-attached', 'logistics-followed', 'waybill-written-back']));
    const attached = timeline.find((e) => e.action === 'waybill-attached')!;
    const me = data(await core.invoke(cs, 'auth/me', {}));
    expect(attached.actor).toMatchObject({ type: 'operator', id: String(me.id) });
    expect(attached.rawPayloadId).not.toBeNull();
    const evidence = data(await core.invoke(cs, 'audit/rawPayload', { id: attached.rawPayloadId! }));
    expect(evidence.contentType).toBe('image/jpeg;base64');
    expect(Buffer.from(evidence.body, 'base64').equals(photo.bytes)).toBe(true);

    // Taobao's own order API now carries the number (the write-back really landed).
    const tid = order!.platformOrderId;
    const story = taobao.stories.find((s) => taobao.tidOf(s.n) === tid)!;
    expect(story.versions.some((v) => v.parcel?.waybillNo === photo.truth.waybillNo)).toBe(true);
  }, 60_000);

  it('blocks a waybill already shipping another receiver, and asks for an override on a misfit', async () => {
    const [first, second] = await ordersWaitingForShipment();
    await core.invoke(cs, 'waybill/confirm', { orderId: first!.id, waybillNo: 'SF1300000000001', carrier: 'SF', confirmations: ['acknowledgeReceiverMismatch'] });
    const blocked = await core.invoke(cs, 'waybill/confirm', { orderId: second!.id, waybillNo: 'SF1300000000001', carrier: 'SF', confirmations: ['confirmSharedParcel', 'acknowledgeReceiverMismatch'] });
    expect(blocked).toMatchObject({ error: { type: 'Conflict' } });

    const misfit = await core.invoke(cs, 'waybill/confirm', { orderId: second!.id, waybillNo: 'ZX123456789', carrier: 'SF' });
    expect(misfit).toMatchObject({ error: { type: 'ValidationError', details: { needs: ['overridePattern'] } } });
    const timeline = data(await core.invoke(cs, 'audit/orderTimeline', { orderId: second!.id }));
    expect(timeline.filter((e) => e.action === 'waybill-repush-refused')).toHaveLength(2);
    const detail = data(await core.invoke(cs, 'orders/detail', { id: second!.id }));
    expect(detail.shipments).toHaveLength(0);
  }, 60_000);

  it('refuses unusable images with a clear message and writes nothing', async () => {
    const notImage = await core.invoke(cs, 'waybill/read', { imageBase64: Buffer.from('%PDF-1.7 not a photo').toString('base64') });
    expect(notImage).toMatchObject({ error: { type: 'ValidationError' } });
    const photo = await labelPhoto(2);
    const truncated = await core.invoke(cs, 'waybill/read', { imageBase64: photo.bytes.subarray(0, Math.floor(photo.bytes.length / 3)).toString('base64') });
    expect(truncated).toMatchObject({ error: { type: 'ValidationError' } });
  }, 60_000);

  it('only cs, supervisor and admin may re-push; a detach needs a reason and is audited', async () => {
    const [, , third] = await ordersWaitingForShipment();
    const forbidden = await core.invoke(warehouse, 'waybill/confirm', { orderId: third!.id, waybillNo: 'SF1300000000077', carrier: 'SF' });
    expect(forbidden).toMatchObject({ error: { type: 'Forbidden' } });
    data(await core.invoke(cs, 'waybill/confirm', { orderId: third!.id, waybillNo: 'SF1300000000077', carrier: 'SF', confirmations: ['acknowledgeReceiverMismatch'] }));
    expect(await core.invoke(cs, 'waybill/detach', { orderId: third!.id, waybillNo: 'SF1300000000077', reason: '' })).toMatchObject({ error: { type: 'ValidationError' } });
    data(await core.invoke(cs, 'waybill/detach', { orderId: third!.id, waybillNo: 'SF1300000000077', reason: '仓库贴错面单' }));
    const detail = data(await core.invoke(cs, 'orders/detail', { id: third!.id }));
    expect(detail.shipments.map((s) => s.waybillNo)).not.toContain('SF1300000000077');
    const timeline = data(await core.invoke(cs, 'audit/orderTimeline', { orderId: third!.id }));
    expect(timeline.find((e) => e.action === 'waybill-detached')?.reason).toBe('仓库贴错面单');
  }, 60_000);
});
