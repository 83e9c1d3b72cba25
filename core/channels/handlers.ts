import { z } from 'zod';
import type { ChannelsHandlers } from '../contract/api.js';
import { CHANNELS } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { listRuns, shopHealth } from './health.js';
import { credentialsSecret, type ChannelService } from './service.js';
import { DEFAULT_SHOP_SETTINGS, insertShop, listShops } from './sync/shops-repo.js';
import { CHANNEL_SAFETY_LAG_MS } from './connectors.js';
import { PUSH_CHANNELS } from './merchant-push.js';
import { describePlatformFailure } from './types.js';

const credentials = z.object({
  appKey: z.string().trim().min(1).max(128),
  appSecret: z.string().trim().min(1).max(256),
  accessToken: z.string().trim().max(512).optional(),
  refreshToken: z.string().trim().max(512).optional(),
  platformShopId: z.string().trim().max(128).optional(),
});
const settings = z.object({
  backfillDays: z.number().int().min(0).max(90).optional(),
  incrementalCron: z.string().max(64).optional(),
  safetyLagMs: z.number().int().min(0).max(3_600_000).optional(),
  skuField: z.string().max(64).optional(),
});

export interface ShopHooks {
  /** A shop was added: back-fill its history in the background and schedule it. */
  added(shopId: string): void;
  /** Settings or enablement changed: reschedule. */
  changed(shopId: string): void;
}

export function channelsHandlers(service: ChannelService, hooks: ShopHooks): ModuleHandlers<keyof ChannelsHandlers> {
  const { db, mutations, clock, secrets } = service.deps;
  const health = (shopId: string) => {
    const shop = service.shop(shopId);
    if (!shop) throw fail.notFound(`No shop ${shopId}.`);
    return shopHealth(db, service.runner, shop, clock.now());
  };
  return {
    'channels/shops': { permission: 'channels.read', args: z.object({}).default({}), run: () => listShops(db).map((s) => shopHealth(db, service.runner, s, clock.now())) },
    'channels/addShop': {
      permission: 'channels.manage',
      args: z.object({ id: z.string().trim().min(2).max(40).regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and - only'), channel: z.enum(CHANNELS), name: z.string().trim().min(1).max(60), credentials, settings: settings.optional() }),
      run: async (ctx, args) => {
        if (service.shop(args.id)) throw fail.conflict(`Shop ${args.id} already exists.`, { id: 'taken' });
        // WeChat and POS shops have no platform to pull from: their secret signs the merchant's pushes.
        if (!service.connector(args.channel) && !(PUSH_CHANNELS as readonly string[]).includes(args.channel)) {
          throw fail.validation(`There is no connector for ${args.channel} yet.`, { channel: 'no connector' });
        }
        await mutations.run(ctx.actor, ctx.source, (w) => {
          insertShop(w, { id: args.id, channel: args.channel, name: args.name, settings: { ...DEFAULT_SHOP_SETTINGS, safetyLagMs: CHANNEL_SAFETY_LAG_MS[args.channel] ?? DEFAULT_SHOP_SETTINGS.safetyLagMs, ...args.settings } });
          secrets.put(w, credentialsSecret(args.id), JSON.stringify(args.credentials));
        });
        hooks.added(args.id);
        return health(args.id);
      },
    },
    'channels/updateShop': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string(), name: z.string().trim().min(1).max(60).optional(), enabled: z.boolean().optional(), credentials: credentials.optional(), settings: settings.optional() }),
      run: async (ctx, args) => {
        const shop = service.shop(args.shopId);
        if (!shop) throw fail.notFound(`No shop ${args.shopId}.`);
        await mutations.run(ctx.actor, ctx.source, (w) => {
          const next = { name: args.name ?? shop.name, enabled: args.enabled ?? shop.enabled, settings: { ...shop.settings, ...args.settings } };
          w.db.prepare('UPDATE shops SET name = ?, enabled = ?, settings = ? WHERE id = ?').run(next.name, next.enabled ? 1 : 0, JSON.stringify(next.settings), shop.id);
          w.audit({ entityType: 'shop', entityId: shop.id, action: 'update', changes: [{ field: 'name', before: shop.name, after: next.name }, { field: 'enabled', before: shop.enabled, after: next.enabled }, { field: 'settings', before: shop.settings, after: next.settings }] });
          if (args.credentials) secrets.put(w, credentialsSecret(shop.id), JSON.stringify(args.credentials));
        });
        hooks.changed(shop.id);
        return health(shop.id);
      },
    },
    'channels/testConnection': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string().optional(), channel: z.enum(CHANNELS).optional(), credentials: credentials.optional() }),
      run: async (_ctx, args) => {
        const shop = args.shopId ? service.shop(args.shopId) : undefined;
        if (args.shopId && !shop) throw fail.notFound(`No shop ${args.shopId}.`);
        const channel = shop?.channel ?? args.channel;
        if (!channel) throw fail.validation('Name a shop, or a channel with credentials.', { channel: 'required' });
        const connector = service.connector(channel);
        if (!connector) throw fail.validation(`There is no connector for ${channel}.`, { channel: 'no connector' });
        const creds = args.credentials ?? (shop ? service.credentials(shop.id) : null);
        if (!creds) throw fail.validation('Credentials are required.', { credentials: 'required' });
        try {
          const result = await connector.testConnection(service.context(shop?.id ?? 'test', channel, creds));
          return { ok: true, detail: result.detail, error: null };
        } catch (err) {
          const error = describePlatformFailure(err);
          return { ok: false, detail: error.message, error };
        }
      },
    },
    'channels/syncNow': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string(), kind: z.enum(['modified', 'rescan']).optional() }),
      run: async (_ctx, args) => {
        const shop = service.shop(args.shopId);
        if (!shop) throw fail.notFound(`No shop ${args.shopId}.`);
        const outcome = await service.runner.sync(shop, args.kind ?? 'modified', 'manual');
        if (outcome.status === 'skipped') return { status: 'skipped' as const, reason: outcome.reason, inserted: 0, updated: 0 };
        return { status: outcome.status, reason: outcome.run.error?.message ?? null, inserted: outcome.run.inserted, updated: outcome.run.updated };
      },
    },
    'channels/runs': {
      permission: 'channels.read',
      args: z.object({ shopId: z.string(), limit: z.number().int().min(1).max(500).optional() }),
      run: (_ctx, args) => listRuns(db, args.shopId, args.limit ?? 50),
    },
    'channels/unknownStatuses': {
      permission: 'channels.read',
      args: z.object({}).default({}),
      run: () =>
        (db.prepare('SELECT * FROM unknown_statuses ORDER BY last_seen_at DESC').all() as Array<{ channel: never; status: string; first_seen_at: number; last_seen_at: number; occurrences: number; sample_order_id: string }>).map((r) => ({
          channel: r.channel,
          status: r.status,
          firstSeenAt: r.first_seen_at,
          lastSeenAt: r.last_seen_at,
          occurrences: r.occurrences,
          sampleOrderId: r.sample_order_id,
        })),
    },
  };
}
