/**
 * What a rule does when it fires, inside one transaction with the hit itself (so the hit, its ticket,
 * its audit events and its outbox messages commit together or not at all):
 * - firstScan: the parcel is flagged red; the warehouse lead hears in the console inbox and the WeCom robot.
 * - stall: the customer gets an SMS (held through quiet hours) and a site message through the merchant's
 *   backend; a logistics exception ticket is opened for the after-sales group.
 */
import type { SlaHitAction, SlaSettings } from '../../contract/logistics-exceptions.js';
import type { TrackingState } from '../../contract/logistics.js';
import { CoreFailure } from '../../kernel/errors.js';
import type { WriteContext } from '../../kernel/mutation.js';
import { isMainlandMobile } from '../../notify/channels/aliyun-sms.js';
import { enqueueNotification, maskPhone, type NotificationRequest } from '../../notify/outbox.js';
import { nextAllowedSendTime } from '../../notify/quiet-hours.js';
import { readNotifySettings } from '../../notify/settings.js';
import type { TemplateRegistry } from '../../notify/templates.js';
import { carrierInfo } from '../carriers.js';
import { createTicket, openTicketFor } from '../tickets/tickets.js';
import { ticketNumber } from '../tickets/model.js';
import type { EffectiveRule } from './resolve.js';
import { enqueueSiteMessage } from './site-messages.js';

export interface CandidateParcel {
  id: number;
  carrier: string;
  waybill_no: string;
  shipped_at: number;
  state: TrackingState;
  first_scan_at: number | null;
  last_event_at: number | null;
  warehouse: string | null;
  channel: string | null;
}

export interface Due {
  parcel: CandidateParcel;
  rule: EffectiveRule;
  anchorField: 'shipped_at' | 'last_event_at';
  anchorAt: number;
  deadlineAt: number;
}

interface LinkedOrder {
  id: number;
  platform_order_id: string;
  channel: string;
  shop_id: string;
  receiver_phone: string;
  receiver_phone_tail: string;
}

export const SLA_ACTOR = { type: 'system', id: 'sla', name: 'SLA 规则' } as const;
export const SLA_SOURCE = 'sla:evaluate';

const HOUR = 3_600_000;

export function linkedOrders(w: { db: WriteContext['db'] }, parcel: { id: number }): LinkedOrder[] {
  return w.db
    .prepare('SELECT o.id, o.platform_order_id, o.channel, o.shop_id, o.receiver_phone, o.receiver_phone_tail FROM parcel_orders po JOIN orders o ON o.id = po.order_id WHERE po.parcel_id = ? ORDER BY o.id')
    .all(parcel.id) as LinkedOrder[];
}

/** "2 小时", "1.5 小时", "24 小时" */
export function hoursText(ms: number): string {
  return String(Math.round((ms / HOUR) * 10) / 10);
}

/** Beijing time for the sentences written to timelines (the operators' clock). */
export function beijing(at: number): string {
  return new Date(at + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

export function explain(due: Due, now: number): string {
  const rule = due.rule;
  const threshold = `${hoursText(rule.thresholdMinutes * 60_000)} 小时${rule.businessHoursOnly ? '（仅计工作时间）' : ''}`;
  const scope = rule.overrideId ? `，按规则覆盖 ${rule.overrideId}` : '';
  return rule.rule === 'firstScan'
    ? `发货后 ${threshold}内无揽收扫描：发货于 ${beijing(due.anchorAt)}，截止 ${beijing(due.deadlineAt)}，检查于 ${beijing(now)}${scope}`
    : `${threshold}无新物流轨迹：${due.anchorField === 'last_event_at' ? '最后轨迹' : '发货（尚无轨迹）'}于 ${beijing(due.anchorAt)}，截止 ${beijing(due.deadlineAt)}，检查于 ${beijing(now)}${scope}`;
}

/** Enqueues, turning "this address cannot be used" into a recorded skip instead of losing the whole hit. */
function tryEnqueue(w: WriteContext, templates: TemplateRegistry, request: NotificationRequest, action: Omit<SlaHitAction, 'id' | 'notBefore' | 'skipped'>): SlaHitAction {
  try {
    const queued = enqueueNotification(w, templates, request);
    return { ...action, id: queued.id, notBefore: queued.notBefore > w.at ? queued.notBefore : null, skipped: null };
  } catch (err) {
    // enqueueNotification checks everything before it writes: a refusal leaves nothing half-written.
    if (err instanceof CoreFailure && err.type === 'ValidationError') return { ...action, id: null, notBefore: null, skipped: err.message, skippedCode: 'refused' };
    throw err;
  }
}

/** Inserts the hit (once per episode) and runs the rule's actions; returns the hit id, or null if it already fired. */
export function fire(w: WriteContext, templates: TemplateRegistry, settings: SlaSettings, due: Due): { hitId: number; ticketId: number | null; ticketOpened: boolean; notifications: number } | null {
  const { parcel, rule } = due;
  const reason = explain(due, w.at);
  const info = w.db
    .prepare(
      `INSERT INTO sla_hits (parcel_id, rule, anchor_field, anchor_at, threshold_minutes, business_hours, override_id, deadline_at, fired_at, state, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (parcel_id, rule, anchor_at) DO NOTHING`,
    )
    .run(parcel.id, rule.rule, due.anchorField, due.anchorAt, rule.thresholdMinutes, rule.businessHoursOnly ? 1 : 0, rule.overrideId, due.deadlineAt, w.at, parcel.state, reason);
  if (info.changes === 0) return null;
  const hitId = Number(info.lastInsertRowid);
  const orders = linkedOrders(w, parcel);
  const carrierName = carrierInfo(parcel.carrier)?.nameZh ?? parcel.carrier;
  const orderLabel = orders[0]?.platform_order_id ?? parcel.waybill_no;
  const hours = hoursText(w.at - due.anchorAt);
  const actions: SlaHitAction[] = [];
  let ticketId: number | null = null;
  let ticketOpened = false;
  const cause = { entityType: 'sla-hit', entityId: hitId };

  if (rule.rule === 'firstScan') {
    const variables = { orderId: orderLabel, hours, waybillNo: parcel.waybill_no, carrier: carrierName };
    actions.push(tryEnqueue(w, templates, { template: 'logistics.firstScanOverdue', variables, to: { kind: 'inbox', role: 'warehouse' }, key: `sla:${hitId}:inbox`, cause }, { kind: 'inbox', detail: 'role:warehouse' }));
    if (settings.warehouseRobotTarget) {
      actions.push(tryEnqueue(w, templates, { template: 'logistics.firstScanOverdue', variables, to: { kind: 'robot', target: settings.warehouseRobotTarget }, key: `sla:${hitId}:robot`, cause }, { kind: 'robot', detail: settings.warehouseRobotTarget }));
    }
  } else {
    const existing = openTicketFor(w.db, parcel.id, 'stalled');
    if (existing !== null) {
      ticketId = existing;
      w.db.prepare('INSERT INTO ticket_comments (ticket_id, at, actor_type, actor_id, actor_name, body) VALUES (?, ?, ?, ?, ?, ?)').run(existing, w.at, w.actor.type, w.actor.id, w.actor.name, `再次停滞：${reason}`);
      w.db.prepare('UPDATE exception_tickets SET comment_count = comment_count + 1, updated_at = ? WHERE id = ?').run(w.at, existing);
      w.audit({ entityType: 'exception-ticket', entityId: existing, action: 'comment', changes: [{ field: 'comment', before: null, after: `再次停滞：${reason}` }] });
    } else {
      ticketOpened = true;
      ticketId = createTicket(w, templates, {
        type: 'stalled',
        ownerGroup: settings.stallTicketGroup,
        title: `物流停滞：${carrierName} ${parcel.waybill_no} 已 ${hours} 小时无新轨迹`,
        origin: 'rule',
        hitId,
        orderId: orders[0]?.id ?? null,
        parcelId: parcel.id,
        dueMinutes: settings.ticketDueMinutes.stalled,
        comment: reason,
      });
    }
    actions.push({ kind: 'ticket', id: ticketId, detail: ticketNumber(ticketId), notBefore: null, skipped: existing !== null ? 'ticket already open: commented' : null, ...(existing !== null ? { skippedCode: 'ticket-open' as const } : {}) });
    const quiet = readNotifySettings(w.db).quietHours;
    const notBefore = nextAllowedSendTime(w.at, quiet);
    for (const order of orders) {
      const variables = { orderId: order.platform_order_id, carrier: carrierName, waybillNo: parcel.waybill_no, hours };
      if (!isMainlandMobile(order.receiver_phone)) {
        actions.push({ kind: 'sms', id: null, detail: `order ${order.platform_order_id}`, notBefore: null, skipped: 'no usable mainland mobile on the order (masked or missing)', skippedCode: 'no-mobile' });
      } else {
        actions.push(tryEnqueue(w, templates, { template: 'logistics.stalled.customer', variables, to: { kind: 'sms', phone: order.receiver_phone, audience: 'customer' }, key: `sla:${hitId}:sms:${order.id}`, notBefore, cause }, { kind: 'sms', detail: maskPhone(order.receiver_phone) }));
      }
      if (settings.siteMessages.enabled && settings.siteMessages.url) {
        const rendered = templates.render('logistics.stalled.customer', variables);
        const queued = enqueueSiteMessage(
          w,
          {
            id: `sla:${hitId}:site:${order.id}`,
            event: 'logistics.stalled',
            occurredAt: w.at,
            order: { platformOrderId: order.platform_order_id, channel: order.channel, shopId: order.shop_id, receiverPhoneTail: order.receiver_phone_tail },
            parcel: { carrier: parcel.carrier, carrierName, waybillNo: parcel.waybill_no, state: parcel.state, lastEventAt: parcel.last_event_at, shippedAt: parcel.shipped_at },
            stalledHours: Number(hours),
            message: { title: rendered.title, text: rendered.text },
          },
          order.id,
        );
        actions.push({ kind: 'site-message', id: queued.id, detail: order.platform_order_id, notBefore: null, skipped: null });
      } else {
        actions.push({ kind: 'site-message', id: null, detail: order.platform_order_id, notBefore: null, skipped: 'site messages are off (SLA rules → site messages)', skippedCode: 'site-messages-off' });
      }
    }
  }

  w.db.prepare('UPDATE sla_hits SET actions = ?, ticket_id = ? WHERE id = ?').run(JSON.stringify(actions), ticketId, hitId);
  const action = rule.rule === 'firstScan' ? 'sla.firstScanOverdue' : 'sla.stalled';
  const changes = [{ field: 'logistics.slaFlag', before: null, after: rule.rule }];
  w.audit({ entityType: 'parcel', entityId: parcel.id, action, changes, reason });
  for (const order of orders) w.audit({ entityType: 'order', entityId: order.id, action, changes: [...changes, { field: 'logistics.waybillNo', before: null, after: parcel.waybill_no }], reason });
  return { hitId, ticketId, ticketOpened, notifications: actions.filter((a) => a.id !== null && a.kind !== 'ticket').length };
}
