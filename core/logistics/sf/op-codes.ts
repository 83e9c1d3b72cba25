/**
 * SF route opCode → tracking state (protocols.md §5.1). SF publishes no complete opCode table; the
 * rows below are the codes observed in real route payloads with a stated meaning [S]. Codes whose
 * meaning is unconfirmed in §5.1 (8000, 99, 92, 648, 607, 123, 70) are deliberately NOT rows: issue 4
 * overrides §5.1's "treat unknown opCodes as in transit" — an unknown code is recorded and flagged
 * (state null), never guessed. When SF itself names the status (`secondaryStatusName` /
 * `firstStatusName`, newer payloads [S]) that carrier statement is used instead.
 */
import type { TrackingState } from '../taxonomy.js';

export interface SfOpCodeRow {
  opCode: string;
  state: TrackingState;
  meaning: string;
}

export const SF_OP_CODES: readonly SfOpCodeRow[] = [
  { opCode: '50', state: 'PICKED_UP', meaning: '顺丰速运 已收取快件' },
  { opCode: '54', state: 'PICKED_UP', meaning: '顺丰速运 已收取快件 (pickup variant)' },
  { opCode: '30', state: 'IN_TRANSIT', meaning: '快件在【X】完成分拣，准备发往【Y】' },
  { opCode: '36', state: 'IN_TRANSIT', meaning: '快件离开【X】，发往【Y】' },
  { opCode: '31', state: 'IN_TRANSIT', meaning: '快件到达【X】 (a hub on the way)' },
  { opCode: '407', state: 'IN_TRANSIT', meaning: '快件已发往…' },
  { opCode: '501', state: 'IN_TRANSIT', meaning: '快件运输中' },
  { opCode: '130', state: 'ARRIVED_DEST_CITY', meaning: '已到达目的地网点，即将派件' },
  { opCode: '44', state: 'OUT_FOR_DELIVERY', meaning: '派送中' },
  { opCode: '204', state: 'OUT_FOR_DELIVERY', meaning: '派送中' },
  { opCode: '80', state: 'DELIVERED', meaning: '已签收' },
  // 「快件已退回」: sent back towards the sender. Not RETURNED (terminal): SF keeps routing the
  // parcel back, and the sender's own 签收 or a later event closes it.
  { opCode: '631', state: 'RETURNING', meaning: '快件已退回' },
];

/** SF's own status names (firstStatusName / secondaryStatusName, §5.1 [S]); extendable by settings. */
export const SF_STATUS_NAMES: Readonly<Record<string, TrackingState>> = {
  已揽收: 'PICKED_UP',
  运送中: 'IN_TRANSIT',
  派送中: 'OUT_FOR_DELIVERY',
  已签收: 'DELIVERED',
};

export interface SfRouteStatus {
  opCode?: unknown;
  firstStatusName?: unknown;
  secondaryStatusName?: unknown;
}

export interface SfMapped {
  state: TrackingState | null;
  partnerStatus: string;
}

export function mapSfStatus(route: SfRouteStatus, extraNames: Readonly<Record<string, TrackingState>> = {}): SfMapped {
  const opCode = typeof route.opCode === 'string' || typeof route.opCode === 'number' ? String(route.opCode).trim() : '';
  const row = SF_OP_CODES.find((r) => r.opCode === opCode);
  if (row) return { state: row.state, partnerStatus: `sf:${opCode}` };
  const names = { ...SF_STATUS_NAMES, ...extraNames };
  // The more specific name first; each is the carrier's own statement, not a guess of ours.
  for (const field of ['secondaryStatusName', 'firstStatusName'] as const) {
    const name = typeof route[field] === 'string' ? (route[field] as string).trim() : '';
    if (name && names[name]) return { state: names[name]!, partnerStatus: `sf:${opCode || '?'}/${name}` };
  }
  const named = [route.firstStatusName, route.secondaryStatusName].filter((n) => typeof n === 'string' && n).join('/');
  return { state: null, partnerStatus: `sf:${opCode || '?'}${named ? `/${named}` : ''}` };
}
