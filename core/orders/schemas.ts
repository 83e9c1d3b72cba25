/** Argument schemas of the orders handlers (runtime checks at the boundary). */
import { z } from 'zod';
import { CHANNELS, ORDER_COLUMNS, ORDER_STATUSES } from '../contract/orders.js';

const columnFilter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), op: z.enum(['equals', 'contains', 'startsWith']), value: z.string().max(200) }),
  z.object({ kind: z.literal('set'), values: z.array(z.string().max(200)).max(100) }),
  z.object({ kind: z.literal('number'), op: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange']), value: z.number(), valueTo: z.number().optional() }),
  z.object({ kind: z.literal('date'), op: z.enum(['equals', 'before', 'after', 'inRange']), from: z.number(), to: z.number().optional() }),
]);

export const orderQuerySchema = z.object({
  filters: z.partialRecord(z.enum(ORDER_COLUMNS), columnFilter).optional(),
  search: z.string().max(100).optional(),
  sort: z.object({ column: z.enum(ORDER_COLUMNS), direction: z.enum(['asc', 'desc']) }).optional(),
});

export const orderListSchema = orderQuerySchema.extend({
  limit: z.number().int().min(1).max(1000).optional(),
  after: z.string().max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

const fen = z.number().int().min(0).max(1e12);

export const orderEditSchema = z.object({
  id: z.number().int().positive(),
  expectedVersion: z.number().int().positive().optional(),
  changes: z
    .object({
      sellerRemark: z.string().max(2000).optional(),
      buyerRemark: z.string().max(2000).optional(),
      tags: z.array(z.string().max(32)).max(20).optional(),
      status: z.enum(ORDER_STATUSES).optional(),
      shipByAt: z.number().int().nullable().optional(),
      receiver: z
        .object({ name: z.string().max(128), phone: z.string().max(32), province: z.string().max(64), city: z.string().max(64), district: z.string().max(64), address: z.string().max(512) })
        .partial()
        .optional(),
      amounts: z
        .object({ goodsFen: fen, platformDiscountFen: fen, sellerDiscountFen: fen, shippingFen: fen, paidFen: fen, platformFeeFen: fen })
        .partial()
        .optional(),
    })
    .strict(),
  reason: z.string().max(500).optional(),
});

export const fileArgsSchema = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string().max(70_000_000),
  channel: z.enum(CHANNELS).optional(),
  shopId: z.string().min(1).max(64).optional(),
});
