/** Handlers of the waybill re-push flow; only cs, supervisor and admin hold `waybill.repush`. */
import { z } from 'zod';
import type { WaybillHandlers } from '../contract/waybill.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import { checkWaybill } from './check.js';
import type { RepushService } from './flow.js';

const waybillNo = z.string().trim().min(1).max(64);
const labelReceiver = z.object({ nameFragment: z.string().max(32).nullable().optional(), phoneTail: z.string().max(16).nullable().optional() }).optional();
const confirmation = z.enum(['overridePattern', 'confirmSharedParcel', 'acknowledgeReceiverMismatch']);

export function waybillHandlers(repush: RepushService): ModuleHandlers<keyof WaybillHandlers> {
  return {
    'waybill/read': {
      permission: 'waybill.repush',
      args: z.object({ imageBase64: z.string().min(1), fileName: z.string().max(255).optional(), orderId: z.number().int().positive().optional() }),
      run: (_ctx, args) => repush.read(args),
    },
    'waybill/check': {
      permission: 'waybill.repush',
      args: z.object({ orderId: z.number().int().positive(), waybillNo, carrier: z.string().max(32).optional(), labelReceiver }),
      run: (_ctx, args) => checkWaybill(repush.db, args.orderId, args.waybillNo, args.carrier, args.labelReceiver),
    },
    'waybill/confirm': {
      permission: 'waybill.repush',
      args: z.object({
        orderId: z.number().int().positive(),
        waybillNo,
        carrier: z.string().trim().min(1).max(32),
        photoId: z.string().uuid().optional(),
        source: z.enum(['barcode', 'text', 'manual']).optional(),
        labelReceiver,
        confirmations: z.array(confirmation).max(3).optional(),
      }),
      run: (ctx, args) => repush.confirm(ctx.actor, args),
    },
    'waybill/retryWriteBack': {
      permission: 'waybill.repush',
      args: z.object({ orderId: z.number().int().positive(), waybillNo }),
      run: (ctx, args) => repush.retryWriteBack(ctx.actor, args.orderId, args.waybillNo),
    },
    'waybill/detach': {
      permission: 'waybill.repush',
      args: z.object({ orderId: z.number().int().positive(), waybillNo, reason: z.string().trim().min(2).max(500) }),
      run: async (ctx, args) => {
        await repush.detach(ctx.actor, args.orderId, args.waybillNo, args.reason);
        return { ok: true as const };
      },
    },
    'waybill/findOrders': {
      permission: 'orders.read',
      args: z.object({ surname: z.string().trim().min(1).max(4).optional(), phoneTail: z.string().regex(/^\d{4}$/).optional(), limit: z.number().int().min(1).max(100).optional() }),
      run: (_ctx, args) => repush.findOrders(args),
    },
  };
}
