/**
 * Exception tickets (status transitions, comments, owner groups, SLA timer, queue filters, audit on the
 * order timeline) and the site-message webhook to the merchant's backend (signed, retried, at least once).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../core/contract/actors.js';
import type { ManualClock } from '../core/kernel/clock.js';
import { CoreFailure } from '../core/kernel/errors.js';
import type { MutationQueue } from '../core/kernel/mutation.js';
import { followParcel } from '../core/logistics/follow.js';
import { recordNoTrailYet } from '../core/logistics/poller.js';
import { ingestTracking } from '../core/logistics/ingest.js';
import { evaluateSla } from '../core/logistics/sla/evaluate.js';
import { writeSlaSettings } from '../core/logistics/sla/settings.js';
import { SiteMessageSender } from '../core/logistics/sla/site-messages.js';
import { commentTicket, createTicket, listTickets, setTicketGroup, setTicketStatus, ticketDetail } from '../core/logistics/tickets/tickets.js';
import { TemplateRegistry } from '../core/notify/templates.js';
import { ingestOrder } from '../core/orders/ingest.js';
import { SecretStore } from '../core/secrets/secrets.js';
import type { Db } from '../core/store/db.js';
import { memoryStore } from './support/engine.js';
import { sampleOrder } from './support/orders.js';

const CS: Actor = { type: 'operator', id: '7', name: '小王' };
const HOUR = 3_600_000;
let db: Db;
let clock: ManualClock;
let mutations: MutationQueue;
const templates = new TemplateRegistry();

beforeEach(() => {
  ({ db, clock, mutations } = memoryStore());
});

async function orderWithParcel(n = 1) {
  return mutations.run(CS, 'test', (w) => {
    const order = ingestOrder(w, sampleOrder({ platformOrderId: `379123456789000000${n}`, status: 'shipped' }));
    const parcel = followParcel(w, { orderId: order.orderId, carrier: 'YTO', waybillNo: `YT555550896505${n}`, shippedAt: w.at });
    recordNoTrailYet(w, parcel.parcelId); // the partner was asked: no record yet
    return { orderId: order.orderId, parcelId: parcel.parcelId };
  });
}

const open = (input: { orderId?: number; parcelId?: number; title?: string; dueMinutes?: number; type?: 'lost' | 'damaged' | 'other' }) =>
  mutations.run(CS, 'console', (w) => createTicket(w, templates, { type: input.type ?? 'lost', ownerGroup: 'after_sales', title: input.title ?? '客户称未收到包裹', origin: 'manual', orderId: input.orderId ?? null, parcelId: input.parcelId ?? null, dueMinutes: input.dueMinutes ?? 60 }));

describe('exception tickets', () => {
  it('moves through the allowed statuses only; resolving needs a resolution; reopen is allowed', async () => {
    const { orderId, parcelId } = await orderWithParcel();
    const id = await open({ orderId, parcelId });
    const refuse = (to: 'open' | 'in_progress' | 'waiting_carrier' | 'resolved', note: string | null = null) => mutations.run(CS, 'console', (w) => setTicketStatus(w, id, to, note));
    await refuse('in_progress');
    await refuse('waiting_carrier', '已联系圆通网点查件');
    await expect(refuse('open')).rejects.toMatchObject({ type: 'Conflict' });
    await expect(refuse('resolved')).rejects.toMatchObject({ type: 'ValidationError' });
    await refuse('resolved', '快递员已找到包裹并派送');
    await expect(refuse('waiting_carrier')).rejects.toBeInstanceOf(CoreFailure);
    await refuse('in_progress', '客户称仍未收到');
    const detail = ticketDetail(db, id, clock.now());
    expect(detail).toMatchObject({ status: 'in_progress', resolution: '快递员已找到包裹并派送', resolvedAt: null, allowedStatuses: ['waiting_carrier', 'resolved', 'open'] });
    expect(detail.history.map((h) => [h.action, h.changes.find((c) => c.field === 'status')?.after])).toEqual([
      ['open', 'open'],
      ['status', 'in_progress'],
      ['status', 'waiting_carrier'],
      ['status', 'resolved'],
      ['status', 'in_progress'],
    ]);
    expect(detail.history[2]!.reason).toBe('已联系圆通网点查件');
  });

  it('every change is on the linked order timeline (open, status, group, comment), by whom', async () => {
    const { orderId, parcelId } = await orderWithParcel();
    const id = await open({ orderId, parcelId });
    await mutations.run(CS, 'console', (w) => commentTicket(w, id, '已致电客户确认地址'));
    await mutations.run(CS, 'console', (w) => setTicketGroup(w, templates, id, 'warehouse', '需仓库核实出库'));
    await mutations.run(CS, 'console', (w) => setTicketStatus(w, id, 'in_progress', null));
    const rows = db.prepare("SELECT action, actor_name, changes FROM audit_events WHERE entity_type = 'order' AND entity_id = ? AND action LIKE 'ticket.%' ORDER BY seq").all(String(orderId)) as Array<{ action: string; actor_name: string; changes: string }>;
    expect(rows.map((r) => r.action)).toEqual(['ticket.open', 'ticket.comment', 'ticket.group', 'ticket.status']);
    expect(rows.every((r) => r.actor_name === '小王')).toBe(true);
    expect(JSON.parse(rows[2]!.changes)).toContainEqual({ field: 'ticket.ownerGroup', before: 'after_sales', after: 'warehouse' });
    expect(ticketDetail(db, id, clock.now()).comments).toMatchObject([{ body: '已致电客户确认地址', author: { name: '小王' } }]);
    // the new owner group's inbox hears about it
    expect(db.prepare("SELECT recipient_role FROM inbox_messages ORDER BY id").all()).toEqual([{ recipient_role: 'cs' }, { recipient_role: 'warehouse' }]);
  });

  it('SLA timer: due at creation + the type’s minutes, overdue once past it and until resolved', async () => {
    const { orderId } = await orderWithParcel();
    const id = await open({ orderId, dueMinutes: 120 });
    expect(ticketDetail(db, id, clock.now())).toMatchObject({ dueAt: clock.now() + 2 * HOUR, overdue: false });
    clock.advance(2 * HOUR + 1);
    expect(ticketDetail(db, id, clock.now()).overdue).toBe(true);
    expect(listTickets(db, { overdue: true }, clock.now()).total).toBe(1);
    await mutations.run(CS, 'console', (w) => setTicketStatus(w, id, 'resolved', '已补发'));
    expect(ticketDetail(db, id, clock.now()).overdue).toBe(false);
    expect(listTickets(db, { overdue: true }, clock.now()).total).toBe(0);
  });

  it('the queue filters by status, group, type, order; counts per status ignore the status filter; urgent first', async () => {
    const a = await orderWithParcel(1);
    const b = await orderWithParcel(2);
    const t1 = await open({ orderId: a.orderId, dueMinutes: 300, type: 'lost' });
    const t2 = await open({ orderId: b.orderId, dueMinutes: 60, type: 'damaged' });
    const t3 = await open({ orderId: b.orderId, dueMinutes: 120, type: 'other' });
    await mutations.run(CS, 'console', (w) => setTicketStatus(w, t3, 'resolved', '无需处理'));
    const all = listTickets(db, {}, clock.now());
    expect(all.rows.map((t) => t.id)).toEqual([t2, t1, t3]);
    expect(all.counts).toEqual({ open: 2, in_progress: 0, waiting_carrier: 0, resolved: 1, overdue: 0 });
    const openOnly = listTickets(db, { status: ['open'] }, clock.now());
    expect(openOnly.rows.map((t) => t.id)).toEqual([t2, t1]);
    expect(openOnly.counts.resolved).toBe(1);
    expect(listTickets(db, { orderId: b.orderId }, clock.now()).total).toBe(2);
    expect(listTickets(db, { type: 'lost' }, clock.now()).rows.map((t) => t.number)).toEqual([`LX-${String(t1).padStart(6, '0')}`]);
    expect(listTickets(db, { ownerGroup: 'warehouse' }, clock.now()).total).toBe(0);
  });

  it('refuses a ticket on an unknown order, leaving nothing behind', async () => {
    await expect(open({ orderId: 999 })).rejects.toMatchObject({ type: 'NotFound' });
    expect(db.prepare('SELECT count(*) AS n FROM exception_tickets').get()).toEqual({ n: 0 });
  });
});

describe('site messages to the merchant backend', () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: string; valid: boolean }> = [];
  let answers: number[] = [];
  let server: ReturnType<typeof createServer>;
  let url = '';
  const SECRET = 'merchant-site-secret-0001';

  beforeEach(async () => {
    received.length = 0;
    answers = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        // The merchant side's own check, written from the README contract (not the engine's code).
        const ts = String(req.headers['x-orderhub-timestamp']);
        const nonce = String(req.headers['x-orderhub-nonce']);
        const expected = createHmac('sha256', SECRET).update(ts + '\n' + nonce + '\n' + body).digest('hex');
        received.push({ headers: req.headers, body, valid: expected === req.headers['x-orderhub-signature'] });
        res.statusCode = answers.shift() ?? 200;
        res.end(res.statusCode === 200 ? '{"ok":true}' : '{"error":"busy"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orderhub/site-messages`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('a stall sends one signed logistics.stalled message; a 503 is retried with the same id; delivered once', async () => {
    const secrets = new SecretStore(db, randomBytes(32));
    await mutations.run(CS, 'test', (w) => writeSlaSettings(w, secrets, { siteMessages: { enabled: true, url }, siteMessageSecret: SECRET }, null));
    const p = await orderWithParcel();
    await ingestTracking(mutations, { partner: 'kuaidi100', carrier: 'YTO', waybillNo: 'YT5555508965051', events: [{ occurredAt: clock.now(), partnerStatus: 'kuaidi100:1', state: 'PICKED_UP', description: '已揽收', location: '杭州' }], raw: '{}' }, { kind: 'push', label: 'kuaidi100:push' });
    clock.advance(24 * HOUR + 60_000);
    await evaluateSla({ db, mutations, clock, templates });
    const sender = new SiteMessageSender({ db, mutations, clock, secrets, random: () => 0.5 });
    answers = [503];
    expect(await sender.runOnce()).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    expect(await sender.runOnce()).toEqual({ delivered: 0, retrying: 0, dead: 0 }); // not due yet
    clock.advance(60_000);
    expect(await sender.runOnce()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    clock.advance(HOUR);
    expect(await sender.runOnce()).toEqual({ delivered: 0, retrying: 0, dead: 0 });

    expect(received).toHaveLength(2);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(received[0]!.headers['x-orderhub-delivery']).toBe(received[1]!.headers['x-orderhub-delivery']);
    expect(received[0]!.headers['x-orderhub-event']).toBe('logistics.stalled');
    const body = JSON.parse(received[1]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'logistics.stalled', order: { platformOrderId: '3791234567890000001', channel: 'taobao', receiverPhoneTail: '5678' }, parcel: { carrier: 'YTO', waybillNo: 'YT5555508965051', state: 'PICKED_UP' }, stalledHours: 24 });
    expect((body.message as { text: string }).text).toContain('物流信息已24小时未更新');
    expect(p.orderId).toBeGreaterThan(0);
  });

  it('a sender that dies between the send and its record repeats that message once, after the lease, with the same id', async () => {
    const secrets = new SecretStore(db, randomBytes(32));
    await mutations.run(CS, 'test', (w) => writeSlaSettings(w, secrets, { siteMessages: { enabled: true, url }, siteMessageSecret: SECRET }, null));
    await orderWithParcel();
    clock.advance(24 * HOUR + 60_000);
    await evaluateSla({ db, mutations, clock, templates });
    // The first process sends, and dies before writing down the outcome (its promise never settles).
    const dying = new SiteMessageSender({ db, mutations, clock, secrets, timeoutMs: 5_000, fetch: (input, init) => fetch(input, init).then(() => new Promise<Response>(() => undefined)) });
    void dying.runOnce();
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(1);
    const restarted = new SiteMessageSender({ db, mutations, clock, secrets, timeoutMs: 5_000 });
    expect(await restarted.runOnce()).toEqual({ delivered: 0, retrying: 0, dead: 0 }); // still leased
    clock.advance(5_000 + 60_000);
    expect(await restarted.runOnce()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    clock.advance(HOUR);
    expect(await restarted.runOnce()).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['x-orderhub-delivery']).toBe(received[0]!.headers['x-orderhub-delivery']);
    expect(db.prepare('SELECT state, attempts FROM site_messages').get()).toEqual({ state: 'delivered', attempts: 2 });
  });

  it('a 400 from the backend is final (dead, with its answer kept); a wrong secret is what the backend rejects', async () => {
    const secrets = new SecretStore(db, randomBytes(32));
    await mutations.run(CS, 'test', (w) => writeSlaSettings(w, secrets, { siteMessages: { enabled: true, url }, siteMessageSecret: 'another-secret-entirely' }, null));
    await orderWithParcel();
    clock.advance(24 * HOUR + 60_000);
    await evaluateSla({ db, mutations, clock, templates });
    answers = [400];
    expect(await new SiteMessageSender({ db, mutations, clock, secrets }).runOnce()).toEqual({ delivered: 0, retrying: 0, dead: 1 });
    expect(received[0]!.valid).toBe(false);
    expect(db.prepare('SELECT state, last_error FROM site_messages').get()).toEqual({ state: 'dead', last_error: 'HTTP 400: {"error":"busy"}' });
  });

  it('settings refuse a plain-http URL to a remote host and a calendar without working time', async () => {
    const secrets = new SecretStore(db, randomBytes(32));
    await expect(mutations.run(CS, 'test', (w) => writeSlaSettings(w, secrets, { siteMessages: { enabled: true, url: 'http://merchant.example.com/hook' } }, null))).rejects.toMatchObject({ type: 'ValidationError' });
    await expect(mutations.run(CS, 'test', (w) => writeSlaSettings(w, secrets, { calendar: { weekdays: [] } }, null))).rejects.toMatchObject({ type: 'ValidationError' });
    expect(db.prepare('SELECT count(*) AS n FROM sla_settings').get()).toEqual({ n: 0 });
  });
});
