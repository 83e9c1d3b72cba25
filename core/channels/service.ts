/**
 * The channels module's engine side: shops with encrypted credentials, the sync runner, and the
 * jobs that drive it. Connectors are plugged in by channel (core/channels/connectors.ts).
 */
import type { ShopCredentialsInput, SyncRunInfo } from '../contract/channels.js';
import type { Channel } from '../contract/orders.js';
import type { Clock } from '../kernel/clock.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { SecretStore } from '../secrets/secrets.js';
import type { Db } from '../store/db.js';
import { AuthStates } from './auth-states.js';
import { ConnectorCache } from './connectors.js';
import { gatewayFor, type PartnersConfig } from './gateways.js';
import { shopMappingSources } from './mapping/catalog.js';
import type { ResilienceClock } from './sync/resilience.js';
import { SyncRunner, type SyncProgress } from './sync/runner.js';
import { findShop, type ShopRow } from './sync/shops-repo.js';
import { credentialsSecret, DEFAULT_REFRESH_MARGIN_MS, TokenKeeper } from './tokens.js';
import type { ChannelConnector, ShopContext } from './types.js';
import { readRunInfo } from './health.js';

export { credentialsSecret };

export interface ChannelServiceDeps {
  db: Db;
  mutations: MutationQueue;
  clock: Clock;
  secrets: SecretStore;
  partners: PartnersConfig;
  connectors: Partial<Record<Channel, ChannelConnector>>;
  onProgress(progress: SyncProgress): void;
  /** A sync run ended (`channels/syncFinished`). */
  onFinished?(run: SyncRunInfo): void;
}

export class ChannelService {
  readonly runner: SyncRunner;
  private readonly cache = new ConnectorCache();
  readonly tokens: TokenKeeper;
  readonly authStates: AuthStates;

  constructor(readonly deps: ChannelServiceDeps) {
    this.tokens = new TokenKeeper({ mutations: deps.mutations, secrets: deps.secrets, clock: deps.clock, marginMs: this.refreshMarginMs });
    this.authStates = new AuthStates(deps.db, deps.mutations, deps.clock);
    const resilience: ResilienceClock = {
      now: () => deps.clock.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
    };
    this.runner = new SyncRunner({
      db: deps.db,
      mutations: deps.mutations,
      clock: resilience,
      connectors: deps.connectors,
      connectorFor: (shop) => (shop.settings.skuField ? this.cache.get(shop.channel, shop.settings.skuField) : deps.connectors[shop.channel]),
      shopContext: (shop) => this.storedContext(shop),
      onProgress: deps.onProgress,
      runInfo: readRunInfo,
      onFinished: (run) => deps.onFinished?.(run),
    });
  }

  credentials(shopId: string): ShopCredentialsInput {
    const text = this.deps.secrets.get(credentialsSecret(shopId));
    if (!text) throw new Error(`Shop ${shopId} has no credentials.`);
    return JSON.parse(text) as ShopCredentialsInput;
  }

  context(shopId: string, channel: Channel, credentials: ShopCredentialsInput): ShopContext {
    const baseUrl = gatewayFor(channel, this.deps.partners);
    if (!baseUrl) throw new Error(`No gateway is configured for ${channel}.`);
    // A stored shop normalises with its field mapping (core/channels/mapping); a connection test with new credentials needs none.
    const shop = findShop(this.deps.db, shopId);
    const mapping = shop && shopMappingSources(this.deps.db, shop);
    return { shopId, credentials, env: { baseUrl, timeoutMs: this.deps.partners.timeoutMs ?? 15_000, now: () => this.deps.clock.now(), fetch }, ...(mapping ? { mapping } : {}) };
  }

  get refreshMarginMs(): number {
    return this.deps.partners.tokenRefreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /** A stored shop's context: its credentials from the secrets module, kept fresh by the token keeper. */
  storedContext(shop: Pick<ShopRow, 'id' | 'channel'>): ShopContext {
    const context = this.context(shop.id, shop.channel, this.credentials(shop.id));
    const auth = this.connector(shop.channel)?.auth;
    return auth ? this.tokens.attach(context, shop.channel, auth) : context;
  }

  connector(channel: Channel): ChannelConnector | undefined {
    return this.deps.connectors[channel];
  }

  shop(shopId: string): ShopRow | undefined {
    return findShop(this.deps.db, shopId);
  }
}
