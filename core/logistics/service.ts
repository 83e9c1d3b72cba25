/**
 * The logistics module as the engine composes it: adapters per partner (built from the config),
 * the push router, the poller, parcel discovery, and "track now" for an order's parcels.
 */
import type { TrackOutcome } from '../contract/logistics.js';
import type { Actor } from '../contract/actors.js';
import type { Clock } from '../kernel/clock.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import { partnerFor, type LogisticsConfig } from './config.js';
import { discoverParcels } from './discovery.js';
import { followParcel } from './follow.js';
import { ingestTrackingIn } from './ingest.js';
import { Kuaidi100Adapter } from './kuaidi100/adapter.js';
import { TrackingPoller } from './poller.js';
import { LogisticsPushRouter } from './push-receiver.js';
import { logisticsStatements, type ParcelDbRow } from './repo.js';
import { orderParcelIds } from './query.js';
import { CarrierError, type CarrierAdapter, type LogisticsPartner } from './types.js';

/** Builders of the other partners' adapters; their owners add a line (core/logistics/sf|zto|jd|kdniao). */
export const ADAPTER_FACTORIES: Partial<Record<LogisticsPartner, (config: LogisticsConfig) => CarrierAdapter | null>> = {
  kuaidi100: (config) => (config.kuaidi100 ? new Kuaidi100Adapter(config.kuaidi100, config.carriers) : null),
};

export interface LogisticsDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  config: LogisticsConfig;
  random?: () => number;
  onError?: (what: string, err: unknown) => void;
}

export class LogisticsService {
  readonly adapters = new Map<LogisticsPartner, CarrierAdapter>();
  readonly push: LogisticsPushRouter;
  readonly poller: TrackingPoller;

  constructor(readonly deps: LogisticsDeps) {
    for (const [partner, make] of Object.entries(ADAPTER_FACTORIES)) {
      const adapter = make?.(deps.config);
      if (adapter) this.adapters.set(partner as LogisticsPartner, adapter);
    }
    this.push = new LogisticsPushRouter(deps.mutations, deps.config, (p, err) => deps.onError?.(`push:${p}`, err));
    this.poller = new TrackingPoller({ mutations: deps.mutations, db: deps.db, clock: deps.clock, config: deps.config, adapters: () => this.adapters, ...(deps.random ? { random: deps.random } : {}) });
  }

  /** Adapters built elsewhere (tests, another module) join at run time. */
  useAdapter(adapter: CarrierAdapter): void {
    this.adapters.set(adapter.partner, adapter);
  }

  discover(): Promise<{ followed: number }> {
    return discoverParcels(this.deps.mutations);
  }

  /** One scheduler tick: new shipments become parcels, then due parcels are polled. */
  async tick(): Promise<{ followed: number; polled: Awaited<ReturnType<TrackingPoller['tick']>> }> {
    const { followed } = await this.discover();
    return { followed, polled: await this.poller.tick() };
  }

  /**
   * Query now. With a waybill the number is first attached to the order (the OCR / waybill re-push
   * flow), in its own audited write, then queried; a partner failure is reported, not thrown, so
   * the attachment stands and the poller retries.
   */
  async track(actor: Actor, source: string, args: { orderId?: number; parcelId?: number; waybillNo?: string; carrier?: string }): Promise<TrackOutcome[]> {
    const { db, mutations } = this.deps;
    let ids: number[];
    if (args.waybillNo) {
      if (args.orderId === undefined) throw fail.validation('Attaching a waybill needs the order it ships.', { orderId: 'required' });
      if (!db.prepare('SELECT 1 FROM orders WHERE id = ?').get(args.orderId)) throw fail.notFound(`No order ${args.orderId}.`);
      const followed = await mutations.run(actor, source, (w) => followParcel(w, { orderId: args.orderId!, carrier: args.carrier ?? null, waybillNo: args.waybillNo! }));
      ids = [followed.parcelId];
    } else if (args.parcelId !== undefined) {
      ids = [args.parcelId];
    } else if (args.orderId !== undefined) {
      await this.discover();
      ids = orderParcelIds(db, args.orderId);
    } else {
      throw fail.validation('Name an order or a parcel.', { orderId: 'required' });
    }
    const out: TrackOutcome[] = [];
    for (const id of ids) out.push(await this.trackParcel(actor, source, id));
    return out;
  }

  private async trackParcel(actor: Actor, source: string, parcelId: number): Promise<TrackOutcome> {
    const parcel = logisticsStatements(this.deps.db).parcelById.get(parcelId) as ParcelDbRow | undefined;
    if (!parcel) throw fail.notFound(`No parcel ${parcelId}.`);
    const partner = partnerFor(this.deps.config, parcel.carrier);
    const adapter = this.adapters.get(partner);
    const base = { parcelId, carrier: parcel.carrier, waybillNo: parcel.waybill_no, stateBefore: parcel.state };
    if (!adapter) return { ...base, added: 0, stateAfter: parcel.state, error: { kind: 'permanent', message: `No ${partner} adapter is configured.` } };
    try {
      const result = await adapter.query({ carrier: parcel.carrier, waybillNo: parcel.waybill_no, ...(parcel.phone_tail ? { phoneTail: parcel.phone_tail } : {}) });
      const outcome = await this.deps.mutations.run(actor, source, (w) => {
        const o = ingestTrackingIn(w, result, { kind: 'poll', label: `${partner}:query` });
        w.db.prepare('UPDATE parcels SET partner = ?, poll_failures = 0, last_error = NULL, last_error_kind = NULL, last_error_at = NULL WHERE id = ?').run(partner, o.parcelId);
        if (o.added === 0) w.audit({ entityType: 'parcel', entityId: o.parcelId, action: 'tracked-no-news', changes: [] });
        return o;
      });
      return { ...base, added: outcome.added, stateAfter: outcome.stateAfter, error: null };
    } catch (err) {
      if (!(err instanceof CarrierError)) throw err;
      return { ...base, added: 0, stateAfter: parcel.state, error: { kind: err.kind, message: err.message } };
    }
  }
}
