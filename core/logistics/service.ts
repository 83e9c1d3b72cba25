/**
 * The logistics module as the engine composes it: adapters per partner (built from the config),
 * the push router, the poller, parcel discovery, and "track now" for an order's parcels.
 */
import { DIRECT_ADAPTERS } from './direct-partners.js';
import type { TrackOutcome } from '../contract/logistics.js';
import type { Actor } from '../contract/actors.js';
import type { Clock } from '../kernel/clock.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { Db } from '../store/db.js';
import type { LogisticsConfig } from './config.js';
import { discoverParcels } from './discovery.js';
import { followParcel } from './follow.js';
import { Kuaidi100Adapter } from './kuaidi100/adapter.js';
import { TrackingPoller } from './poller.js';
import { LogisticsPushRouter } from './push-receiver.js';
import { logisticsStatements, type ParcelDbRow } from './repo.js';
import { orderParcelIds } from './query.js';
import type { CarrierAdapter, LogisticsPartner } from './types.js';

/** Builders of the other partners' adapters; their owners add a line (core/logistics/sf|zto|jd|kdniao). */
export const ADAPTER_FACTORIES: Partial<Record<LogisticsPartner, (config: LogisticsConfig) => CarrierAdapter | null>> = {
  kuaidi100: (config) => (config.kuaidi100 ? new Kuaidi100Adapter(config.kuaidi100, config.carriers) : null),
};
// SF, ZTO, JD and Kdniao join when their credentials are configured (direct-partners.ts).
Object.assign(ADAPTER_FACTORIES, DIRECT_ADAPTERS);

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
  /** Adapters handed in with useAdapter: a reconfiguration does not replace them. */
  private readonly injected = new Set<LogisticsPartner>();
  readonly push: LogisticsPushRouter;
  readonly poller: TrackingPoller;

  constructor(readonly deps: LogisticsDeps) {
    this.buildAdapters();
    this.push = new LogisticsPushRouter(deps.mutations, deps.config, (p, err) => deps.onError?.(`push:${p}`, err));
    this.poller = new TrackingPoller({ mutations: deps.mutations, db: deps.db, clock: deps.clock, config: deps.config, adapters: () => this.adapters, ...(deps.random ? { random: deps.random } : {}) });
  }

  private buildAdapters(): void {
    for (const [partner, make] of Object.entries(ADAPTER_FACTORIES)) {
      if (this.injected.has(partner as LogisticsPartner)) continue;
      const adapter = make?.(this.deps.config);
      if (adapter) this.adapters.set(partner as LogisticsPartner, adapter);
      else this.adapters.delete(partner as LogisticsPartner);
    }
  }

  /**
   * New partner settings (an admin saved carrier API credentials): the config object the poller and
   * the push router share is updated in place, then adapters and push parsers are rebuilt from it.
   * A poll already in flight finishes with the adapter it started with.
   */
  reconfigure(next: LogisticsConfig): void {
    Object.assign(this.deps.config, next);
    this.buildAdapters();
    this.push.reconfigure(this.deps.config);
  }

  /** Adapters built elsewhere (tests, another module) join at run time. */
  useAdapter(adapter: CarrierAdapter): void {
    this.injected.add(adapter.partner);
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
    const base = { parcelId, carrier: parcel.carrier, waybillNo: parcel.waybill_no, stateBefore: parcel.state };
    const r = (await this.poller.pollNow([parcel], { actor, source })).get(parcelId);
    const after = logisticsStatements(this.deps.db).parcelById.get(parcelId) as ParcelDbRow;
    return { ...base, added: r?.outcome?.added ?? 0, stateAfter: after.state, error: r?.error ? { kind: r.error.kind, message: r.error.message } : null };
  }
}
