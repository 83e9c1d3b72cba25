/**
 * The re-push flow (issue 5): read a label photo, check the number against the order, and on the
 * agent's confirmation attach it (one audited write, photo kept as evidence), query the carrier at once
 * so the trail fills in, and write the number back to the sales platform (protocols.md §11). Each step
 * after the attachment is its own audited event on the order's timeline: a carrier or platform that
 * fails does not undo the attachment, and the write-back can be retried.
 */
import type { Actor } from '../contract/actors.js';
import type { TrackOutcome } from '../contract/logistics.js';
import type { LabelReading, OrderMatch, RepushResult, RepushStep, WaybillHandlers } from '../contract/waybill.js';
import { storeRawPayload } from '../audit/raw-payloads.js';
import { describePlatformFailure, type ShopContext } from '../channels/types.js';
import { DEFAULT_RETRY, withRetry, type ResilienceClock } from '../channels/sync/resilience.js';
import { writeBackWaybill, type WriteBackOutcome } from '../channels/writeback/index.js';
import type { Channel } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { attachConfirmedWaybill, detachWaybill } from './attach.js';
import { checkWaybill, orderForWaybill } from './check.js';
import { sniffFormat } from '../ocr/image-input.js';
import { PendingPhotos } from './photos.js';
import type { LabelReader } from './reader.js';

export interface RepushDeps {
  db: Db;
  mutations: MutationQueue;
  clock: ResilienceClock;
  /** OCR of a label photo (core/ocr); absent when OCR is not available on this host. */
  readLabel: LabelReader | null;
  /** Query the carrier now for a parcel (core/logistics). */
  track(actor: Actor, source: string, parcelId: number): Promise<TrackOutcome | null>;
  /** The shop's signed-call context for write-back (core/channels), or null (no credentials). */
  shopContext(shopId: string): ShopContext | null;
  maxPhotoBytes?: number;
}

/** A phone photo is a few MB; anything much larger is refused before it is decoded. */
export const DEFAULT_MAX_PHOTO_BYTES = 20 * 1024 * 1024;
const SOURCE = 'waybill-repush';

export class RepushService {
  readonly photos: PendingPhotos;
  readonly db: Db;

  constructor(private readonly deps: RepushDeps) {
    this.db = deps.db;
    this.photos = new PendingPhotos(() => deps.clock.now());
  }

  async read(args: { imageBase64: string; fileName?: string }): Promise<LabelReading> {
    const bytes = decodeImage(args.imageBase64, this.deps.maxPhotoBytes ?? DEFAULT_MAX_PHOTO_BYTES);
    const format = sniffFormat(bytes);
    const mime = format ? `image/${format}` : null;
    if (!mime) throw fail.validation('文件不是图片（支持 JPEG、PNG、WebP、HEIC） (the file is not a JPEG, PNG, WebP or HEIC image)', { imageBase64: 'not-an-image' });
    if (!this.deps.readLabel) throw fail.unavailable('此主机未启用面单识别，请手工录入运单号 (label recognition is not available on this host; type the number in)');
    const reading = await this.deps.readLabel(bytes);
    const photo = this.photos.hold(bytes, mime, args.fileName ?? null);
    return { ...reading, photoId: photo.id };
  }

  async confirm(actor: Actor, args: WaybillHandlers['waybill/confirm']['args']): Promise<RepushResult> {
    const check = checkWaybill(this.deps.db, args.orderId, args.waybillNo, args.carrier, args.labelReceiver);
    const photo = args.photoId ? this.photos.get(args.photoId) : undefined;
    if (args.photoId && !photo) throw fail.validation('照片已过期，请重新上传 (the photo is no longer held; upload it again)', { photoId: 'expired' });
    const missing = check.needs.filter((n) => !(args.confirmations ?? []).includes(n));
    const refusal = check.blocked ?? (missing.length ? `需要确认：${missing.join(', ')} (confirm first: ${missing.join(', ')})` : null);
    if (refusal) {
      // The attempt is on the order's timeline even when nothing is attached.
      await this.deps.mutations.run(actor, SOURCE, (w) =>
        w.audit({ entityType: 'order', entityId: args.orderId, action: 'waybill-repush-refused', changes: [], reason: `${check.carrier}:${check.waybillNo} — ${refusal}` }),
      );
      if (check.blocked) throw fail.conflict(check.blocked, { check });
      throw fail.validation(refusal, { needs: missing, check });
    }
    const warnings = [check.patternWarning, check.receiver.warning, check.attachedTo.length ? `与订单 ${check.attachedTo.map((o) => o.platformOrderId).join(', ')} 同一包裹` : null].filter(Boolean);
    const { parcelId } = await this.deps.mutations.run(actor, SOURCE, (w) =>
      attachConfirmedWaybill(w, {
        orderId: args.orderId,
        waybillNo: check.waybillNo,
        carrier: check.carrier,
        source: args.source ?? (photo ? 'text' : 'manual'),
        photo: photo ?? null,
        note: warnings.length ? `已确认：${warnings.join('；')}` : '无警告 (no warnings)',
      }),
    );
    if (photo) this.photos.release(photo.id);
    const steps: RepushStep[] = [{ step: 'attach', status: 'done', message: `${check.carrier} ${check.waybillNo}`, raw: null }];

    const tracked = await this.deps.track(actor, SOURCE, parcelId).catch((err: unknown) => ({ error: { kind: 'internal', message: String(err) } }) as Partial<TrackOutcome>);
    steps.push(
      tracked?.error
        ? { step: 'track', status: 'failed', message: `查询快递失败，稍后自动重试 (carrier query failed; the poller retries): ${tracked.error.message}`, raw: null }
        : { step: 'track', status: 'done', message: `${tracked?.added ?? 0} 条新轨迹 (new events) · ${tracked?.stateAfter ?? ''}`, raw: null },
    );
    steps.push(check.writeBack === 'already' ? { step: 'write-back', status: 'skipped', message: '平台已有此运单号 (the platform already has this number)', raw: null } : await this.writeBack(actor, args.orderId, check.waybillNo, check.carrier, check.writeBack));
    return { orderId: args.orderId, waybillNo: check.waybillNo, carrier: check.carrier, parcelId, steps, trackingState: tracked?.stateAfter ?? null };
  }

  /** Write-back again (after a timeout, or once the shop's credentials are fixed). */
  async retryWriteBack(actor: Actor, orderId: number, waybillNo: string): Promise<RepushStep> {
    const order = orderForWaybill(this.deps.db, orderId);
    const shipment = this.deps.db.prepare('SELECT carrier, waybill_no FROM shipments WHERE order_id = ? AND waybill_no = ?').get(orderId, waybillNo) as { carrier: string; waybill_no: string } | undefined;
    if (!shipment) throw fail.notFound(`订单 ${order.platform_order_id} 上没有运单 ${waybillNo} (no such waybill on the order)`);
    const others = this.deps.db.prepare('SELECT count(*) AS n FROM shipments WHERE order_id = ? AND waybill_no <> ?').get(orderId, waybillNo) as { n: number };
    return this.writeBack(actor, orderId, shipment.waybill_no, shipment.carrier, others.n > 0 ? 'correct' : 'ship');
  }

  async detach(actor: Actor, orderId: number, waybillNo: string, reason: string): Promise<void> {
    orderForWaybill(this.deps.db, orderId);
    const done = await this.deps.mutations.run(actor, SOURCE, (w) => detachWaybill(w, orderId, waybillNo, reason));
    if (!done) throw fail.notFound(`订单上没有运单 ${waybillNo} (no such waybill on the order)`);
  }

  /** Orders a label's receiver could belong to, for a photo that came without an order. */
  findOrders(args: { surname?: string; phoneTail?: string; limit?: number }): OrderMatch[] {
    const where: string[] = ["status NOT IN ('cancelled', 'closed', 'refunded', 'pending_payment')"];
    const params: unknown[] = [];
    if (args.phoneTail) {
      where.push('receiver_phone_tail = ?');
      params.push(args.phoneTail);
    }
    if (args.surname) {
      where.push('receiver_name LIKE ?');
      params.push(`${args.surname}%`);
    }
    if (params.length === 0) throw fail.validation('请至少提供姓氏或电话尾号 (give a surname or a phone tail)', { phoneTail: 'required' });
    const rows = this.deps.db
      .prepare(`SELECT id, platform_order_id, channel, status, receiver_name, receiver_phone_tail, created_at, waybill_nos FROM orders WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT ?`)
      .all(...params, Math.min(args.limit ?? 20, 100)) as Array<{ id: number; platform_order_id: string; channel: string; status: string; receiver_name: string; receiver_phone_tail: string; created_at: number; waybill_nos: string }>;
    return rows.map((r) => ({ id: r.id, platformOrderId: r.platform_order_id, channel: r.channel, status: r.status, receiverName: r.receiver_name, phoneTail: r.receiver_phone_tail, createdAt: r.created_at, waybillNos: r.waybill_nos }));
  }

  private async writeBack(actor: Actor, orderId: number, waybillNo: string, carrier: string, mode: 'ship' | 'correct' | 'none'): Promise<RepushStep> {
    const order = orderForWaybill(this.deps.db, orderId);
    const channel = order.channel as Channel;
    let outcome: WriteBackOutcome;
    try {
      const shop = mode === 'none' ? null : this.deps.shopContext(order.shop_id);
      if (mode !== 'none' && !shop) {
        outcome = { status: 'not-supported', message: `店铺 ${order.shop_id} 没有平台凭据，未回传 (the shop has no platform credentials; nothing was sent)` };
      } else {
        outcome = await withRetry(
          () => writeBackWaybill(channel, shop, { platformOrderId: order.platform_order_id, carrier, waybillNo, mode: mode === 'correct' ? 'correct' : 'ship' }),
          { ...DEFAULT_RETRY, attempts: 3 },
          this.deps.clock,
        );
      }
    } catch (err) {
      const failure = describePlatformFailure(err);
      await this.record(actor, orderId, 'waybill-write-back-failed', `${carrier}:${waybillNo} — ${failure.message}`, failure.raw);
      return { step: 'write-back', status: 'failed', message: `回传失败，可重试 (write-back failed; retry): ${failure.message}`, raw: failure.raw };
    }
    switch (outcome.status) {
      case 'sent':
        await this.record(actor, orderId, 'waybill-written-back', `${outcome.call} ${carrier}:${waybillNo} (company ${outcome.companyCode})`, outcome.raw);
        return { step: 'write-back', status: 'done', message: `已回传平台 (written back) · ${outcome.call}`, raw: outcome.raw };
      case 'refused':
        await this.record(actor, orderId, 'waybill-write-back-refused', `${outcome.call} ${carrier}:${waybillNo} — ${outcome.code} ${outcome.message}`, outcome.raw);
        return { step: 'write-back', status: 'failed', message: `平台拒绝 (refused): ${outcome.code} ${outcome.message}`, raw: outcome.raw };
      case 'no-company':
        await this.record(actor, orderId, 'waybill-write-back-refused', outcome.message, null);
        return { step: 'write-back', status: 'failed', message: outcome.message, raw: null };
      case 'not-supported':
        await this.record(actor, orderId, 'waybill-write-back-skipped', outcome.message, null);
        return { step: 'write-back', status: 'skipped', message: outcome.message, raw: null };
    }
  }

  private record(actor: Actor, orderId: number, action: string, reason: string, raw: string | null): Promise<void> {
    return this.deps.mutations.run(actor, SOURCE, (w) => {
      const rawPayloadId = raw ? storeRawPayload(w.db, { source: `${SOURCE}:${action}`, contentType: 'application/json', body: raw, receivedAt: w.at }) : null;
      w.audit({ entityType: 'order', entityId: orderId, action, changes: [], reason, rawPayloadId });
    });
  }
}

function decodeImage(base64: string, maxBytes: number): Buffer {
  // base64 is 4/3 of the bytes: refuse before decoding anything absurd.
  if (base64.length > Math.ceil((maxBytes * 4) / 3) + 4) throw fail.validation(`图片超过 ${Math.round(maxBytes / 1024 / 1024)} MB (the image is larger than ${Math.round(maxBytes / 1024 / 1024)} MB)`, { imageBase64: 'too-large' });
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw fail.validation('图片为空 (the image is empty)', { imageBase64: 'empty' });
  return bytes;
}
