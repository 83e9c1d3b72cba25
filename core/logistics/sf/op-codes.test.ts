import { describe, expect, it } from 'vitest';
import { mapSfStatus, SF_OP_CODES, SF_STATUS_NAMES } from './op-codes.js';

describe('SF opCode table (protocols.md §5.1)', () => {
  const expected: Record<string, string> = {
    '50': 'PICKED_UP', '54': 'PICKED_UP', '30': 'IN_TRANSIT', '36': 'IN_TRANSIT', '31': 'IN_TRANSIT', '407': 'IN_TRANSIT', '501': 'IN_TRANSIT',
    '130': 'ARRIVED_DEST_CITY', '44': 'OUT_FOR_DELIVERY', '204': 'OUT_FOR_DELIVERY', '80': 'DELIVERED', '631': 'RETURNING',
  };
  it('has exactly the rows this test names', () => {
    expect(Object.fromEntries(SF_OP_CODES.map((r) => [r.opCode, r.state]))).toEqual(expected);
  });
  it.each(Object.entries(expected))('opCode %s → %s', (opCode, state) => {
    expect(mapSfStatus({ opCode })).toEqual({ state, partnerStatus: `sf:${opCode}` });
    expect(mapSfStatus({ opCode: Number(opCode) }).state).toBe(state); // numbers on the wire too
  });
  it.each(['8000', '99', '92', '648', '607', '123', '70', '9999'])('unconfirmed / unknown opCode %s is flagged (null), never guessed', (opCode) => {
    expect(mapSfStatus({ opCode })).toEqual({ state: null, partnerStatus: `sf:${opCode}` });
  });
  it.each(Object.entries(SF_STATUS_NAMES))('an unknown opCode with SF status name %s → %s (the carrier\'s own statement)', (name, state) => {
    expect(mapSfStatus({ opCode: '8000', firstStatusName: name })).toEqual({ state, partnerStatus: `sf:8000/${name}` });
  });
  it('a known opCode wins over the names; the secondary name wins over the first; unknown names stay flagged', () => {
    expect(mapSfStatus({ opCode: '80', firstStatusName: '运送中' }).state).toBe('DELIVERED');
    expect(mapSfStatus({ opCode: '648', firstStatusName: '运送中', secondaryStatusName: '派送中' }).state).toBe('OUT_FOR_DELIVERY');
    expect(mapSfStatus({ opCode: '648', firstStatusName: '异常件' })).toEqual({ state: null, partnerStatus: 'sf:648/异常件' });
    expect(mapSfStatus({ opCode: '648', firstStatusName: '异常件' }, { 异常件: 'EXCEPTION' }).state).toBe('EXCEPTION');
    expect(mapSfStatus({})).toEqual({ state: null, partnerStatus: 'sf:?' });
  });
});
