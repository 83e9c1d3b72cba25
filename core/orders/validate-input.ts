/** The shape every source must hand the engine; anything else is a ValidationError naming the field. */
import { z } from 'zod';
import { CHANNELS, ORDER_STATUSES } from '../contract/orders.js';

const fen = z.number().int().min(-1e13).max(1e13);
const time = z.number().int().min(0);
const text = (max: number) => z.string().max(max);

export const orderInputSchema = z.object({
  channel: z.enum(CHANNELS),
  shopId: z.string().min(1).max(64),
  platformOrderId: z.string().min(1).max(64),
  status: z.enum(ORDER_STATUSES),
  platformStatus: text(64).optional(),
  buyerNick: text(128).optional(),
  receiver: z.object({
    name: text(128),
    phone: text(32),
    province: text(64),
    city: text(64),
    district: text(64),
    address: text(512),
  }),
  amounts: z.object({
    goodsFen: fen,
    platformDiscountFen: fen,
    sellerDiscountFen: fen,
    shippingFen: fen,
    paidFen: fen,
    platformFeeFen: fen,
  }),
  createdAt: time,
  paidAt: time.nullable().optional(),
  shipByAt: time.nullable().optional(),
  platformModifiedAt: time,
  tags: z.array(text(32)).max(20).optional(),
  buyerRemark: text(2000).optional(),
  sellerRemark: text(2000).optional(),
  lines: z
    .array(
      z.object({
        platformItemId: text(64).optional(),
        platformSku: text(128),
        standardSku: text(128).nullable().optional(),
        title: text(512),
        quantity: z.number().int().positive(),
        unitPriceFen: fen,
        amountFen: fen,
      }),
    )
    .min(1)
    .max(500),
  shipments: z
    .array(z.object({ carrier: text(32).min(1), waybillNo: text(64).min(1), shippedAt: time, lineNos: z.array(z.number().int().positive()).optional() }))
    .max(50)
    .optional(),
  raw: z.object({ contentType: text(100), body: z.string().max(5_000_000) }).optional(),
});
