import { z } from 'zod';
import type { OrdersHandlers } from '../contract/api.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';
import { applyOperatorEdit, checkEditPermissions } from './edit.js';
import { countOrders, findOrderRow, listOrders, orderDetail, receiverOf } from './repo.js';
import { orderEditSchema, orderListSchema, orderQuerySchema } from './schemas.js';
import { deleteView, listViews, saveView } from './views.js';

type CoreOrdersHandlers = Exclude<keyof OrdersHandlers, 'orders/export' | 'orders/importPreview' | 'orders/import'>;

export function ordersHandlers(db: Db, mutations: MutationQueue): ModuleHandlers<CoreOrdersHandlers> {
  const detailOrThrow = (id: number) => {
    const detail = orderDetail(db, id);
    if (!detail) throw fail.notFound(`Order ${id} does not exist.`);
    return detail;
  };
  return {
    'orders/list': { permission: 'orders.read', args: orderListSchema, run: (_ctx, args) => listOrders(db, args) },
    'orders/count': { permission: 'orders.read', args: orderQuerySchema, run: (_ctx, args) => ({ total: countOrders(db, args) }) },
    'orders/detail': { permission: 'orders.read', args: z.object({ id: z.number().int().positive() }), run: (_ctx, args) => detailOrThrow(args.id) },
    'orders/reveal': {
      permission: 'orders.reveal',
      args: z.object({ id: z.number().int().positive(), reason: z.string().max(200).optional() }),
      run: async (ctx, args) => {
        const row = findOrderRow(db, args.id);
        if (!row) throw fail.notFound(`Order ${args.id} does not exist.`);
        // Seeing a receiver's full phone and address is itself an audited act.
        await mutations.run(ctx.actor, ctx.source, (w) => {
          w.audit({ entityType: 'order', entityId: row.id, action: 'reveal-receiver', reason: args.reason ?? null });
        });
        return receiverOf(row);
      },
    },
    'orders/edit': {
      permission: 'orders.edit',
      args: orderEditSchema,
      run: async (ctx, args) => {
        checkEditPermissions(ctx, args);
        const id = await mutations.run(ctx.actor, ctx.source, (w) => applyOperatorEdit(w, args));
        return detailOrThrow(id);
      },
    },
    'views/list': { permission: 'orders.read', args: z.object({ grid: z.string().max(40) }), run: (ctx, args) => listViews(db, ctx, args.grid) },
    'views/save': {
      permission: 'orders.read',
      args: z.object({ grid: z.string().min(1).max(40), name: z.string().trim().min(1).max(60), state: z.unknown() }),
      run: (ctx, args) => saveView(db, mutations, ctx, args),
    },
    'views/delete': { permission: 'orders.read', args: z.object({ id: z.number().int().positive() }), run: (ctx, args) => deleteView(db, mutations, ctx, args.id) },
  };
}
