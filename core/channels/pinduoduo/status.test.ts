import { describe, expect, it } from 'vitest';
import { reachableFrom } from '../../orders/state-machine.js';
import { mapPddStatus, PDD_STATUS_TABLE, pddPlatformStatus } from './status.js';

describe('PDD status table (protocols.md §2.4)', () => {
  it('maps every documented order_status × refund_status combination of a 成交 order', () => {
    const expected: Record<string, string[]> = {
      '1': ['awaiting_shipment', 'refunding', 'refunding', 'refunded'],
      '2': ['shipped', 'refunding', 'refunding', 'refunded'],
      '3': ['delivered', 'refunding', 'refunding', 'refunded'],
    };
    for (const [os, statuses] of Object.entries(expected)) {
      statuses.forEach((status, i) => expect(mapPddStatus(`order_status=${os};refund_status=${i + 1}`), `${os}/${i + 1}`).toBe(status));
    }
    expect(Object.keys(PDD_STATUS_TABLE)).toHaveLength(12 + 4);
  });

  it('keeps confirm_status in the key when it is not 1 (已成交), and maps 已取消', () => {
    expect(pddPlatformStatus({ order_status: 2, refund_status: 1, confirm_status: 1 })).toBe('order_status=2;refund_status=1');
    expect(pddPlatformStatus({ order_status: '2', refund_status: '1', confirm_status: '1' })).toBe('order_status=2;refund_status=1'); // string-typed SDKs
    expect(pddPlatformStatus({ order_status: 1, refund_status: 1, confirm_status: 2 })).toBe('order_status=1;refund_status=1;confirm_status=2');
    expect(mapPddStatus('order_status=1;refund_status=1;confirm_status=2')).toBe('cancelled');
    expect(mapPddStatus('order_status=1;refund_status=4;confirm_status=2')).toBe('refunded');
  });

  it('never guesses: undocumented values and combinations are unknown', () => {
    for (const key of ['order_status=4;refund_status=1', 'order_status=1;refund_status=5', 'order_status=1;refund_status=1;confirm_status=0', 'order_status=2;refund_status=1;confirm_status=2', 'order_status=undefined;refund_status=1']) {
      expect(mapPddStatus(key), key).toBeNull();
    }
  });

  it('lets a deployment add or replace rows', () => {
    expect(mapPddStatus('order_status=3;refund_status=1', { 'order_status=3;refund_status=1': 'completed' })).toBe('completed');
    expect(mapPddStatus('order_status=4;refund_status=1', { 'order_status=4;refund_status=1': 'closed' })).toBe('closed');
  });

  it('only produces moves the order state machine accepts as the order advances', () => {
    // awaiting_shipment → shipped → delivered, and a refund from each.
    expect(reachableFrom('awaiting_shipment').has('shipped')).toBe(true);
    expect(reachableFrom('shipped').has('delivered')).toBe(true);
    for (const s of ['awaiting_shipment', 'shipped', 'delivered'] as const) expect(reachableFrom(s).has('refunded')).toBe(true);
    expect(reachableFrom('refunding').has('awaiting_shipment')).toBe(true); // refund closed → 无售后或售后关闭
  });
});
