/** Operator edits: only the fields an operator may change, with the permission each needs. */
import type { FieldChange } from '../contract/audit.js';
import type { OrderEditArgs } from '../contract/orders.js';
import type { HandlerContext } from '../kernel/registry.js';
import { fail } from '../kernel/errors.js';
import type { WriteContext } from '../kernel/mutation.js';
import { auditValue } from './fields.js';
import { phoneTail } from './mask.js';
import { applyOrderUpdate } from './ingest.js';
import type { OrderDbRow } from './rows.js';
import { transitionError } from './state-machine.js';
import { orderStatements } from './statements.js';

const AMOUNT_COLUMNS = {
  goodsFen: 'goods_fen',
  platformDiscountFen: 'platform_discount_fen',
  sellerDiscountFen: 'seller_discount_fen',
  shippingFen: 'shipping_fen',
  paidFen: 'paid_fen',
  platformFeeFen: 'platform_fee_fen',
} as const;

const RECEIVER_COLUMNS = {
  name: 'receiver_name',
  phone: 'receiver_phone',
  province: 'receiver_province',
  city: 'receiver_city',
  district: 'receiver_district',
  address: 'receiver_address',
} as const;

export function checkEditPermissions(ctx: HandlerContext, args: OrderEditArgs): void {
  const perms = ctx.operator?.permissions;
  if (!perms) return; // trusted host actors (CLI) act as admin
  if (args.changes.amounts && Object.keys(args.changes.amounts).length > 0 && !perms.includes('orders.editAmounts')) {
    throw fail.forbidden('Your role may not change order amounts (finance or admin only).', { permission: 'orders.editAmounts' });
  }
}

export function applyOperatorEdit(w: WriteContext, args: OrderEditArgs): number {
  const existing = orderStatements(w.db).byId.get(args.id) as OrderDbRow | undefined;
  if (!existing) throw fail.notFound(`Order ${args.id} does not exist.`);
  if (args.expectedVersion !== undefined && args.expectedVersion !== existing.version) {
    throw fail.conflict('This order was changed by someone else since you opened it; reload and try again.', {
      expectedVersion: args.expectedVersion,
      currentVersion: existing.version,
    });
  }
  const { changes: c } = args;
  const sets: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const set = (field: string, column: keyof OrderDbRow, after: unknown, stored: unknown = after) => {
    const before = existing[column];
    if (stored === before) return;
    sets[column] = stored;
    changes.push({ field, before: column === 'tags' ? JSON.parse(String(before)) : auditValue(field, before), after: auditValue(field, after) });
  };
  if (c.sellerRemark !== undefined) set('sellerRemark', 'seller_remark', c.sellerRemark);
  if (c.buyerRemark !== undefined) set('buyerRemark', 'buyer_remark', c.buyerRemark);
  if (c.tags !== undefined) {
    const tags = [...new Set(c.tags.map((t) => t.trim()).filter(Boolean))];
    set('tags', 'tags', tags, JSON.stringify(tags));
  }
  if (c.shipByAt !== undefined) set('shipByAt', 'ship_by_at', c.shipByAt);
  if (c.status !== undefined) {
    const problem = transitionError(existing.status, c.status, 'direct');
    if (problem) throw fail.validation(problem, { status: problem });
    set('status', 'status', c.status);
  }
  for (const [key, value] of Object.entries(c.receiver ?? {})) {
    const column = RECEIVER_COLUMNS[key as keyof typeof RECEIVER_COLUMNS];
    if (column && value !== undefined) set(`receiver.${key}`, column, value);
  }
  const amountChanged = Object.keys(c.amounts ?? {}).length > 0;
  if (amountChanged && !args.reason?.trim()) throw fail.validation('Changing an amount needs a reason.', { reason: 'required for amount changes' });
  for (const [key, value] of Object.entries(c.amounts ?? {})) {
    const column = AMOUNT_COLUMNS[key as keyof typeof AMOUNT_COLUMNS];
    if (column && value !== undefined) set(key, column, value);
  }
  if (changes.length === 0) return existing.id;
  if (sets.receiver_phone !== undefined) sets.receiver_phone_tail = phoneTail(String(sets.receiver_phone));
  sets.updated_at = w.at;
  applyOrderUpdate(w, existing, sets);
  w.audit({ entityType: 'order', entityId: existing.id, action: 'edit', changes, reason: args.reason?.trim() || null });
  w.emit('orders/changed', { ids: [existing.id], source: w.source });
  return existing.id;
}
