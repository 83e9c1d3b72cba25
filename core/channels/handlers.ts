import { z } from 'zod';
import type { ChannelsHandlers } from '../contract/api.js';
import { CHANNELS } from '../contract/orders.js';
import { fail } from '../kernel/errors.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { authoriseUrl, exchangeCode, refreshNow } from './authorise.js';
import { listRuns, shopHealth } from './health.js';
import type { ChannelService } from './service.js';
import { storeCredentials } from './tokens.js';
import { acknowledgeUnknownStatus, listUnknownStatuses } from './unknown-acks.js';
import { DEFAULT_SHOP_SETTINGS, insertShop, listShops, type ShopRow } from './sync/shops-repo.js';
import { CHANNEL_SAFETY_LAG_MS } from './connectors.js';
import { PUSH_CHANNELS } from './merchant-push.js';
import { describePlatformFailure } from './types.js';

const credentials = z.object({
  appKey: z.string().trim().min(1).max(128),
  appSecret: z.string().trim().min(1).max(256),
  accessToken: z.string().trim().max(512).optional(),
  refreshToken: z.string().trim().max(512).optional(),
  platformShopId: z.string().trim().max(128).optional(),
  accessTokenExpiresAt: z.number().int().positive().optional(),
  refreshTokenExpiresAt: z.number().int().positive().optional(),
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
  const withToken = (shop: ShopRow) => {
    const credentials = service.tokens.stored(shop.id);
    return shopHealth(db, service.runner, shop, clock.now(), { credentials, marginMs: service.refreshMarginMs, canAuthorise: !!service.connector(shop.channel)?.auth });
  };
  const health = (shopId: string) => {
    const shop = service.shop(shopId);
    if (!shop) throw fail.notFound(`No shop ${shopId}.`);
    return withToken(shop);
  };
  return {
    'channels/shops': { permission: 'channels.read', args: z.object({}).default({}), run: () => listShops(db).map(withToken) },
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
          storeCredentials(w, secrets, args.id, null, args.credentials, 'credentials', 'Credentials entered with the new shop.');
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
          if (args.credentials) storeCredentials(w, secrets, shop.id, service.tokens.stored(shop.id), args.credentials, 'credentials', 'Credentials replaced by an operator.');
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
        if (!args.credentials && !shop) throw fail.validation('Credentials are required.', { credentials: 'required' });
        try {
          // Stored credentials are tested as the sync uses them: refreshed first if the token is about to expire.
          const context = args.credentials ? service.context(shop?.id ?? 'test', channel, args.credentials) : service.storedContext(shop!);
          const result = await connector.testConnection(context);
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
        // Answers once the run's row is committed; `channels/progress` and `channels/syncFinished` tell the rest.
        const started = await service.runner.start(shop, args.kind ?? 'modified', 'manual');
        if (started.status === 'skipped') return { status: 'skipped' as const, reason: started.reason, runId: null };
        void started.done.catch(() => undefined); // the outcome is in the run row and the syncFinished event
        return { status: 'started' as const, runId: started.runId };
      },
    },
    'channels/authorise': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string(), redirectUri: z.string().trim().max(2000).optional() }),
      run: (ctx, args) => authoriseUrl(service, ctx.actor, ctx.source, args.shopId, args.redirectUri),
    },
    'channels/exchangeCode': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string().optional(), state: z.string().trim().max(200), code: z.string().trim().min(1).max(4000) }),
      run: async (ctx, args) => {
        const shopId = await exchangeCode(service, ctx.actor, ctx.source, args);
        // A shop whose history never came in (added before it was authorised) gets its back-fill now.
        const hasHistory = db.prepare("SELECT 1 FROM sync_runs WHERE shop_id = ? AND kind = 'backfill' AND status = 'ok'").get(shopId);
        if (hasHistory) hooks.changed(shopId);
        else hooks.added(shopId);
        return health(shopId);
      },
    },
    'channels/refreshToken': {
      permission: 'channels.manage',
      args: z.object({ shopId: z.string() }),
      run: async (_ctx, args) => {
        await refreshNow(service, args.shopId);
        return health(args.shopId);
      },
    },
    'channels/acknowledgeUnknownStatus': {
      permission: 'channels.manage',
      args: z.object({ channel: z.enum(CHANNELS), status: z.string().min(1).max(200) }),
      run: async (ctx, args) => {
        const info = await mutations.run(ctx.actor, ctx.source, (w) => acknowledgeUnknownStatus(w, args.channel, args.status));
        if (!info) throw fail.notFound(`No unknown status "${args.status}" recorded for ${args.channel}.`);
        return info;
      },
    },
    'channels/runs': {
      permission: 'channels.read',
      args: z.object({ shopId: z.string(), limit: z.number().int().min(1).max(500).optional() }),
      run: (_ctx, args) => listRuns(db, args.shopId, args.limit ?? 50),
    },
    'channels/unknownStatuses': {
      permission: 'channels.read',
      args: z.object({ includeAcknowledged: z.boolean().optional() }).default({}),
      run: (_ctx, args) => listUnknownStatuses(db, args.includeAcknowledged ?? false),
    },
  };
}
