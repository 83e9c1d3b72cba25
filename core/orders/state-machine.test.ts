import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../contract/orders.js';
import { canTransition, NEXT, reachableFrom, transitionError } from './state-machine.js';

// The whole table, written out: a change to the machine must change this test on purpose.
const LEGAL: Array<[OrderStatus, OrderStatus]> = [
  ['pending_payment', 'paid'], ['pending_payment', 'cancelled'], ['pending_payment', 'closed'],
  ['paid', 'awaiting_shipment'], ['paid', 'frozen'], ['paid', 'partially_shipped'], ['paid', 'shipped'], ['paid', 'cancelled'], ['paid', 'refunding'], ['paid', 'closed'],
  ['awaiting_shipment', 'frozen'], ['awaiting_shipment', 'partially_shipped'], ['awaiting_shipment', 'shipped'], ['awaiting_shipment', 'cancelled'], ['awaiting_shipment', 'refunding'], ['awaiting_shipment', 'closed'],
  ['frozen', 'awaiting_shipment'], ['frozen', 'cancelled'], ['frozen', 'refunding'], ['frozen', 'closed'],
  ['partially_shipped', 'shipped'], ['partially_shipped', 'frozen'], ['partially_shipped', 'refunding'], ['partially_shipped', 'closed'],
  ['shipped', 'delivered'], ['shipped', 'refunding'], ['shipped', 'completed'], ['shipped', 'closed'],
  ['delivered', 'completed'], ['delivered', 'refunding'], ['delivered', 'closed'],
  ['completed', 'refunding'], ['completed', 'closed'],
  ['refunding', 'refunded'], ['refunding', 'paid'], ['refunding', 'awaiting_shipment'], ['refunding', 'partially_shipped'], ['refunding', 'shipped'],
  ['refunding', 'delivered'], ['refunding', 'completed'], ['refunding', 'cancelled'], ['refunding', 'closed'],
  ['refunded', 'closed'],
];

describe('order state machine', () => {
  it('allows exactly the listed direct transitions', () => {
    const legal = new Set(LEGAL.map(([a, b]) => `${a}>${b}`));
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        if (from === to) continue;
        expect(canTransition(from, to), `${from} → ${to}`).toBe(legal.has(`${from}>${to}`));
      }
    }
    expect(Object.values(NEXT).flat().length).toBe(LEGAL.length);
  });

  it('explains an illegal transition and lists what is allowed', () => {
    expect(transitionError('shipped', 'pending_payment', 'direct')).toMatch(/cannot go from shipped to pending_payment \(allowed: delivered, refunding, completed, closed\)/);
    expect(transitionError('cancelled', 'paid', 'direct')).toMatch(/cancelled is final/);
    expect(transitionError('paid', 'paid', 'direct')).toBeNull();
  });

  it('lets platform pulls skip steps they missed, but never go back to unpaid or leave a final state', () => {
    expect(transitionError('paid', 'delivered', 'reachable')).toBeNull();
    expect(transitionError('paid', 'delivered', 'direct')).not.toBeNull();
    for (const from of ORDER_STATUSES) expect(reachableFrom(from).has('pending_payment')).toBe(false);
    expect(reachableFrom('cancelled').size).toBe(0);
    expect(reachableFrom('closed').size).toBe(0);
    expect([...reachableFrom('refunded')]).toEqual(['closed']);
  });
});
