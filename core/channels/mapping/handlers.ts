/** channels/mapping/*: read, preview, save and re-apply a shop's field mapping (issue 3 "Normalisation"). */
import { z } from 'zod';
import type { ChannelMappingHandlers, FieldSources } from '../../contract/mapping.js';
import { fail } from '../../kernel/errors.js';
import type { ModuleHandlers } from '../../kernel/registry.js';
import type { ChannelService } from '../service.js';
import type { ShopRow } from '../sync/shops-repo.js';
import { mappingSpecOf } from './catalog.js';
import { validateDefinition } from './definition.js';
import { previewMapping } from './preview.js';
import { reapplyMapping } from './reapply.js';
import { sampleById } from './sample.js';
import type { ChannelMappingSpec } from './spec.js';
import { proposeMapping, readStoredMapping, resolveMapping, writeChannelMapping, writeShopMapping } from './store.js';
import { mappingView } from './view.js';

const shopId = z.string().min(1).max(40);
// Field names and sources are checked against the channel's spec (definition.ts), which names what is wrong.
const proposal = z.object({ shopId, scope: z.enum(['shop', 'channel']), fields: z.record(z.string(), z.unknown()) });

export function mappingHandlers(service: ChannelService): ModuleHandlers<keyof ChannelMappingHandlers> {
  const { db, mutations } = service.deps;
  const load = (id: string): { shop: ShopRow; spec: ChannelMappingSpec } => {
    const shop = service.shop(id);
    if (!shop) throw fail.notFound(`No shop ${id}.`);
    const spec = mappingSpecOf(shop.channel);
    // WeChat and POS orders arrive already in the unified shape (the push contract): nothing to map.
    if (!spec) throw fail.validation(`${shop.channel} shops have no field mapping: their orders arrive in the unified shape.`, { channel: 'not mappable' });
    return { shop, spec };
  };
  const effectiveAfter = (shop: ShopRow, spec: ChannelMappingSpec, scope: 'shop' | 'channel', fields: FieldSources) =>
    resolveMapping(shop.channel, spec, proposeMapping(readStoredMapping(db, shop), scope, fields)).sources;
  return {
    'channels/mapping/get': {
      permission: 'channels.read',
      args: z.object({ shopId }),
      run: (_ctx, args) => {
        const { shop, spec } = load(args.shopId);
        return mappingView(db, shop, spec);
      },
    },
    'channels/mapping/preview': {
      permission: 'channels.read',
      args: proposal.extend({ rawPayloadId: z.number().int().positive().nullable().optional() }),
      run: async (ctx, args) => {
        const { shop, spec } = load(args.shopId);
        const fields = validateDefinition(shop.channel, spec, args.fields);
        const sample = sampleById(db, shop, args.rawPayloadId);
        return previewMapping(mutations, ctx.actor, shop, sample.raw, effectiveAfter(shop, spec, args.scope, fields));
      },
    },
    'channels/mapping/save': {
      permission: 'channels.manage',
      args: proposal,
      run: async (ctx, args) => {
        const { shop, spec } = load(args.shopId);
        const fields = validateDefinition(shop.channel, spec, args.fields);
        await mutations.run(ctx.actor, ctx.source, (w) => {
          if (args.scope === 'channel') writeChannelMapping(w, shop.channel, readStoredMapping(w.db, shop).channel, fields);
          else writeShopMapping(w, shop, fields);
        });
        return mappingView(db, service.shop(shop.id)!, spec);
      },
    },
    'channels/mapping/reapply': {
      permission: 'channels.manage',
      args: z.object({ shopId }),
      run: async (ctx, args) => {
        const { shop, spec } = load(args.shopId);
        const sources = resolveMapping(shop.channel, spec, readStoredMapping(db, shop)).sources;
        return reapplyMapping(db, mutations, ctx.actor, `mapping-reapply:${shop.id}`, shop, sources);
      },
    },
  };
}

