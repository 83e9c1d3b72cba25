/** Routing of carriers to partners, the per-partner budget and the push router's group commit. */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../test/support/engine.js';
import { sampleOrder } from '../../test/support/orders.js';
import { ingestOrder } from '../orders/ingest.js';
import { readLogisticsConfig } from './config.js';
import { parcelTrail } from './query.js';
import { LogisticsPushRouter, PUSH_PARSER_FACTORIES, registerCarrierPushParser } from './push-receiver.js';
import { LogisticsService } from './service.js';
import { CarrierError, type CarrierAdapter, type CarrierPushRequest, type LogisticsPartner, type TrackingQuery, type TrackingResult } from './types.js';

const T0 = Date.UTC(2026, 10, 28, 2);

/** A partner that answers one picked-up scan per query (an in-process stand-in for a courier API). */
class OneScanPartner implements CarrierAdapter {
  constructor(readonly partner: LogisticsPartner, private readonly carriers: string[], private readonly at: () => number) {}
  serves(carrier: string): boolean {
    return this.carriers.includes(carrier);
  }
  query(q: TrackingQuery): Promise<TrackingResult> {
    return Promise.resolve({ partner: this.partner, carrier: q.carrier, waybillNo: q.waybillNo, raw: `{"n":"${q.waybillNo}"}`, events: [{ occurredAt: this.at(), partnerStatus: `${this.partner}:GOT`, state: 'PICKED_UP', description: `${this.partner} 揽收`, location: null }] });
  }
}

async function setup(logistics: Record<string, unknown>) {
  const store = memoryStore(T0);
  const service = new LogisticsService({ db: store.db, mutations: store.mutations, clock: store.clock, config: readLogisticsConfig({ logistics }), random: () => 0.5 });
  let n = 0;
  const ship = (carrier: string, waybillNo: string) =>
    store.mutations.run({ type: 'system', id: 't', name: 't' }, 'test', (w) => ingestOrder(w, sampleOrder({ platformOrderId: `5000${n++}`, status: 'shipped', shipments: [{ carrier, waybillNo, shippedAt: T0 }] })));
  return { ...store, service, ship };
}

describe('poller routing and budget', () => {
  it('carriers go to the configured partner; an unconfigured partner is a recorded error, not a crash', async () => {
    const e = await setup({ routes: { SF: 'sf', JD: 'jd' } });
    e.service.useAdapter(new OneScanPartner('kuaidi100', ['YTO', 'ZTO'], () => e.clock.now()));
    e.service.useAdapter(new OneScanPartner('sf', ['SF'], () => e.clock.now()));
    await e.ship('YTO', 'YT1000000000001');
    await e.ship('SF', 'SF1000000000001');
    await e.ship('JD', 'JDVA10000000001');
    const { polled } = await e.service.tick();
    expect(polled).toMatchObject({ due: 3, queried: 2, failed: 1 });
    const byWaybill = (w: string) => e.service.deps.db.prepare('SELECT id FROM parcels WHERE waybill_no = ?').get(w) as { id: number };
    expect(parcelTrail(e.db, byWaybill('YT1000000000001').id)!.events[0]!.partner).toBe('kuaidi100');
    expect(parcelTrail(e.db, byWaybill('SF1000000000001').id)!.events[0]!.partner).toBe('sf');
    expect(parcelTrail(e.db, byWaybill('JDVA10000000001').id)!.parcel).toMatchObject({ state: 'AWAITING_PICKUP', lastError: { kind: 'permanent', message: expect.stringMatching(/No jd adapter/) } });
  });

  it('the per-minute budget defers the rest to the next tick', async () => {
    const e = await setup({ poll: { perMinute: { kuaidi100: 2 }, concurrency: 1 } });
    e.service.useAdapter(new OneScanPartner('kuaidi100', ['YTO'], () => e.clock.now()));
    for (let i = 0; i < 5; i++) await e.ship('YTO', `YT100000000001${i}`);
    const first = await e.service.tick();
    expect(first.polled).toMatchObject({ due: 5, queried: 2, deferred: 3 });
    e.clock.advance(61_000);
    expect((await e.service.tick()).polled).toMatchObject({ due: 3, queried: 2, deferred: 1 });
  });
});

describe('push router', () => {
  const router = (mutations: ReturnType<typeof memoryStore>['mutations']) => new LogisticsPushRouter(mutations, readLogisticsConfig({}));
  const push = (waybillNo: string, minute: number): CarrierPushRequest => ({ headers: {}, body: Buffer.from(JSON.stringify({ waybillNo, minute })) });

  it('concurrent pushes share a commit; a poison push fails alone and gets the failure reply', async () => {
    const store = memoryStore(T0);
    const r = router(store.mutations);
    let commits = 0;
    const run = store.mutations.run.bind(store.mutations);
    store.mutations.run = ((...args: Parameters<typeof run>) => (commits++, run(...args))) as typeof run;
    r.register('zto', {
      parse: (req) => {
        const { waybillNo, minute } = JSON.parse(req.body.toString()) as { waybillNo: string; minute: number };
        // The poison: an event with no time (a parser bug); ingestion fails inside the transaction.
        const occurredAt = waybillNo === 'POISON' ? (null as unknown as number) : T0 + minute * 60_000;
        return { results: [{ partner: 'zto', carrier: 'ZTO', waybillNo, raw: req.body.toString(), events: [{ occurredAt, partnerStatus: 'zto:GOT', state: 'PICKED_UP', description: '揽收', location: null }] }], reply: { status: 200, contentType: 'application/json', body: '{"ok":true}' } };
      },
    });
    const answers = await Promise.all([push('7310000000001', 1), push('POISON', 2), push('7310000000002', 3), push('7310000000001', 1)].map((p) => r.receive('zto', p)));
    expect(answers.map((a) => a.status)).toEqual([200, 503, 200, 200]);
    expect(answers[1]!.body).toMatchObject({ success: false });
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM tracking_events').get() as { n: number }).n).toBe(2);
    // One group commit that failed, then each push alone: 1 + 4.
    expect(commits).toBe(5);
  });

  it('a bad signature (auth) is refused with 401 and the partner\'s failure reply; unknown partners 404', async () => {
    const store = memoryStore(T0);
    const r = router(store.mutations);
    r.register('jd', { parse: () => { throw new CarrierError('auth', 'bad sign'); }, failureReply: (status, message) => ({ status, contentType: 'application/json', body: JSON.stringify({ code: status, message }) }) });
    expect(await r.receive('jd', push('x', 1))).toEqual({ status: 401, body: { code: 401, message: 'bad sign' } });
    expect((await r.receive('nobody', push('x', 1))).status).toBe(404);
    expect(r.handles('kdniao')).toBe(true);
    expect(r.handles('douyin')).toBe(false);
  });

  it('registerCarrierPushParser adds a factory every later router uses', async () => {
    const before = PUSH_PARSER_FACTORIES.jd;
    try {
      registerCarrierPushParser('jd', () => ({ results: [], reply: { status: 200, contentType: 'text/plain', body: 'OK' } }));
      const r = router(memoryStore(T0).mutations);
      expect(await r.receive('jd', push('x', 1))).toEqual({ status: 200, body: 'OK', text: 'OK', contentType: 'text/plain' });
    } finally {
      if (before) PUSH_PARSER_FACTORIES.jd = before;
      else delete PUSH_PARSER_FACTORIES.jd;
    }
  });
});
