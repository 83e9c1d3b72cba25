/**
 * The unified order state machine (issue 2). `NEXT` lists the direct transitions an operator may
 * make. Platform pulls may skip steps we never saw (paid → delivered when the shipped update was
 * missed), so ingestion accepts any state *reachable* from the current one, and nothing else.
 */
import type { OrderStatus } from '../contract/orders.js';

export const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled', 'closed'],
  paid: ['awaiting_shipment', 'frozen', 'partially_shipped', 'shipped', 'cancelled', 'refunding', 'closed'],
  awaiting_shipment: ['frozen', 'partially_shipped', 'shipped', 'cancelled', 'refunding', 'closed'],
  frozen: ['awaiting_shipment', 'cancelled', 'refunding', 'closed'],
  partially_shipped: ['shipped', 'frozen', 'refunding', 'closed'],
  shipped: ['delivered', 'refunding', 'completed', 'closed'],
  delivered: ['completed', 'refunding', 'closed'],
  completed: ['refunding', 'closed'],
  // A refused refund puts the order back where it was.
  refunding: ['refunded', 'paid', 'awaiting_shipment', 'partially_shipped', 'shipped', 'delivered', 'completed', 'cancelled', 'closed'],
  refunded: ['closed'],
  cancelled: [],
  closed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

const reachableCache = new Map<OrderStatus, Set<OrderStatus>>();

export function reachableFrom(from: OrderStatus): Set<OrderStatus> {
  let seen = reachableCache.get(from);
  if (seen) return seen;
  seen = new Set<OrderStatus>();
  const queue: OrderStatus[] = [from];
  while (queue.length) {
    for (const next of NEXT[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  reachableCache.set(from, seen);
  return seen;
}

export function transitionError(from: OrderStatus, to: OrderStatus, mode: 'direct' | 'reachable'): string | null {
  if (from === to) return null;
  const ok = mode === 'direct' ? canTransition(from, to) : reachableFrom(from).has(to);
  if (ok) return null;
  const allowed = mode === 'direct' ? NEXT[from] : [...reachableFrom(from)];
  return `An order cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ` (${from} is final)`}.`;
}
