/** Handler map of the logistics module (core/contract/logistics.ts). */
import { z } from 'zod';
import type { LogisticsHandlers } from '../contract/logistics.js';
import { TRACKING_STATES } from '../contract/logistics.js';
import { fail } from '../kernel/errors.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { listParcels, orderParcelIds, parcelTrail } from './query.js';
import { listUnknownCodes } from './repo.js';
import type { LogisticsService } from './service.js';

const state = z.enum(TRACKING_STATES);

export function logisticsHandlers(service: LogisticsService): ModuleHandlers<keyof LogisticsHandlers> {
  const { db } = service.deps;
  return {
    'logistics/parcels': {
      permission: 'logistics.read',
      args: z.object({
        state: z.union([state, z.array(state).max(12)]).optional(),
        carrier: z.string().max(32).optional(),
        channel: z.string().max(32).optional(),
        waybillNo: z.string().max(64).optional(),
        orderId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      }).default({}),
      run: (_ctx, args) => listParcels(db, args),
    },
    'logistics/trail': {
      permission: 'logistics.read',
      args: z.object({ orderId: z.number().int().positive().optional(), parcelId: z.number().int().positive().optional() })
        .refine((a) => a.orderId !== undefined || a.parcelId !== undefined, { message: 'orderId or parcelId is required' }),
      run: (_ctx, args) => {
        const ids = args.parcelId !== undefined ? [args.parcelId] : orderParcelIds(db, args.orderId!);
        const parcels = ids.map((id) => parcelTrail(db, id)).filter((t) => t !== null);
        if (args.parcelId !== undefined && parcels.length === 0) throw fail.notFound(`No parcel ${args.parcelId}.`);
        return { parcels };
      },
    },
    'logistics/track': {
      permission: 'logistics.track',
      args: z.object({
        orderId: z.number().int().positive().optional(),
        parcelId: z.number().int().positive().optional(),
        waybillNo: z.string().trim().min(4).max(64).optional(),
        carrier: z.string().trim().max(32).optional(),
      }),
      run: async (ctx, args) => ({ parcels: await service.track(ctx.actor, ctx.source, args) }),
    },
    'logistics/unknownCodes': { permission: 'logistics.read', args: z.object({}).default({}), run: () => listUnknownCodes(db) },
  };
}
