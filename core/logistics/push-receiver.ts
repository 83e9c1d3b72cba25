/**
 * Carrier pushes at /hooks/<partner> (kuaidi100, kdniao, sf, zto, jd): the partner's parser verifies
 * its signature and reads the body, then the results go through the same exactly-once ingestion as
 * a poll. A parser that refuses (bad signature, unreadable body) ingests nothing and answers with the
 * partner's failure reply, so the partner pushes again later; nothing is lost.
 *
 * Adapters of other partners register here: add a line to PUSH_PARSER_FACTORIES (built from the
 * config at start) or call `registerCarrierPushParser(partner, parser)` at run time.
 */
import type { MutationQueue } from '../kernel/mutation.js';
import type { LogisticsConfig } from './config.js';
import { DIRECT_PUSH_PARSERS } from './direct-partners.js';
import { ingestTracking } from './ingest.js';
import { createKuaidi100PushParser, kuaidi100RetryReply } from './kuaidi100/push.js';
import { CarrierError, type CarrierPushOutcome, type CarrierPushParser, type CarrierPushRegistration, type CarrierPushRequest, type LogisticsPartner, type TrackingResult } from './types.js';

export type { CarrierPushRegistration } from './types.js';

export const PUSH_PARSER_FACTORIES: Partial<Record<LogisticsPartner, (config: LogisticsConfig) => CarrierPushRegistration | null>> = {
  kuaidi100: (config) => ({ parse: createKuaidi100PushParser(() => config.kuaidi100?.salt ?? '', config.carriers), failureReply: kuaidi100RetryReply }),
};
// SF, ZTO and Kdniao pushes, when those partners are configured (direct-partners.ts).
Object.assign(PUSH_PARSER_FACTORIES, DIRECT_PUSH_PARSERS);

export const LOGISTICS_PUSH_PARTNERS: readonly LogisticsPartner[] = ['kuaidi100', 'kdniao', 'sf', 'zto', 'jd'];

export interface PushAnswer {
  status: number;
  body: unknown;
  /** A reply that is not JSON (SF's XML route push answer): the host sends `text` as is. */
  text?: string;
  contentType?: string;
}

const defaultFailure = (status: number, message: string): CarrierPushOutcome['reply'] => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ success: false, message }) });

const STATUS_OF: Record<CarrierError['kind'], number> = { auth: 401, malformed: 400, 'not-found': 404, permanent: 400, 'rate-limit': 429, transient: 503 };

interface Pending {
  results: TrackingResult[];
  done: (err?: unknown) => void;
}

/** Pushes taken into one group commit at most (each still answered only after its commit). */
const GROUP_MAX = 64;

export class LogisticsPushRouter {
  private readonly parsers = new Map<string, CarrierPushRegistration>();
  /** Parsers registered by hand (tests, other modules): a reconfiguration leaves them alone. */
  private readonly registered = new Set<string>();
  private readonly pending = new Map<string, Pending[]>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly mutations: MutationQueue,
    config: LogisticsConfig,
    private readonly onError: (partner: string, err: unknown) => void = () => undefined,
  ) {
    this.reconfigure(config);
  }

  /** Rebuilds the configured partners' parsers (an admin saved new carrier API settings). */
  reconfigure(config: LogisticsConfig): void {
    for (const [partner, make] of Object.entries(PUSH_PARSER_FACTORIES)) {
      if (this.registered.has(partner)) continue;
      const registration = make?.(config);
      if (registration) this.parsers.set(partner, registration);
      else this.parsers.delete(partner);
    }
  }

  register(partner: LogisticsPartner, registration: CarrierPushRegistration | CarrierPushParser): void {
    this.registered.add(partner);
    this.parsers.set(partner, typeof registration === 'function' ? { parse: registration } : registration);
  }

  handles(partner: string): boolean {
    return (LOGISTICS_PUSH_PARTNERS as readonly string[]).includes(partner);
  }

  /**
   * Group commit: pushes arriving while this partner's previous write is committing are ingested
   * together in the next transaction (one fsync for many pushes). Each push is acknowledged only
   * after the transaction holding it committed; if a group fails, its pushes are retried one by one
   * so one bad push cannot fail the others.
   */
  private ingest(partner: string, results: TrackingResult[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.pending.get(partner) ?? [];
      queue.push({ results, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.pending.set(partner, queue);
      if (!this.writing.has(partner)) void this.drain(partner);
    });
  }

  private async drain(partner: string): Promise<void> {
    this.writing.add(partner);
    try {
      for (;;) {
        // Let every push already being read join this group before it is cut.
        await new Promise((resolve) => setImmediate(resolve));
        const queue = this.pending.get(partner) ?? [];
        if (queue.length === 0) return;
        const group = queue.splice(0, GROUP_MAX);
        const source = { kind: 'push' as const, label: `${partner}:push` };
        try {
          await ingestTracking(this.mutations, group.flatMap((g) => g.results), source);
          for (const g of group) g.done();
        } catch (err) {
          if (group.length === 1) {
            group[0]!.done(err);
            continue;
          }
          for (const g of group) {
            try {
              await ingestTracking(this.mutations, g.results, source);
              g.done();
            } catch (one) {
              g.done(one);
            }
          }
        }
      }
    } finally {
      this.writing.delete(partner);
    }
  }

  async receive(partner: string, request: CarrierPushRequest): Promise<PushAnswer> {
    const registration = this.parsers.get(partner);
    if (!registration) return { status: 404, body: { success: false, message: `No push receiver configured for ${partner.slice(0, 40)}.` } };
    const failure = registration.failureReply ?? defaultFailure;
    let outcome: CarrierPushOutcome;
    try {
      outcome = registration.parse(request);
    } catch (err) {
      this.onError(partner, err);
      const kind = err instanceof CarrierError ? err.kind : 'malformed';
      return answer(failure(STATUS_OF[kind], err instanceof Error ? err.message : String(err)));
    }
    try {
      await this.ingest(partner, outcome.results);
    } catch (err) {
      // The store refused (busy, full): not acknowledged, so the partner pushes it again.
      this.onError(partner, err);
      return answer(failure(503, 'The push could not be stored; please retry.'));
    }
    return answer(outcome.reply);
  }
}

/** The host answers JSON (main/node/http/server.ts sendJson); a JSON reply body is handed over parsed. */
function answer(reply: CarrierPushOutcome['reply']): PushAnswer {
  if (!/json/i.test(reply.contentType)) return { status: reply.status, body: reply.body, text: reply.body, contentType: reply.contentType };
  try {
    return { status: reply.status, body: JSON.parse(reply.body) as unknown };
  } catch {
    return { status: reply.status, body: reply.body, text: reply.body, contentType: reply.contentType };
  }
}

/**
 * For adapters registering from their own module: the factory is read by every router built after
 * it (the engine builds its router at start, after importing the adapters). A bare parser is
 * wrapped as a factory that ignores the config.
 */
export function registerCarrierPushParser(
  partner: LogisticsPartner,
  registration: CarrierPushRegistration | CarrierPushParser | ((config: LogisticsConfig) => CarrierPushRegistration | null),
): void {
  if (typeof registration === 'object') PUSH_PARSER_FACTORIES[partner] = () => registration;
  else if (registration.length === 1 && isFactory(registration)) PUSH_PARSER_FACTORIES[partner] = registration as (config: LogisticsConfig) => CarrierPushRegistration | null;
  else PUSH_PARSER_FACTORIES[partner] = () => ({ parse: registration as CarrierPushParser });
}

/** Factories are marked so a one-argument parser is not mistaken for one. */
const FACTORY = Symbol('carrier push parser factory');
export function pushParserFactory(make: (config: LogisticsConfig) => CarrierPushRegistration | null): (config: LogisticsConfig) => CarrierPushRegistration | null {
  return Object.assign(make, { [FACTORY]: true });
}
function isFactory(f: unknown): boolean {
  return typeof f === 'function' && (f as unknown as Record<symbol, unknown>)[FACTORY] === true;
}
