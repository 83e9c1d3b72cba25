/**
 * ZTO trace status → tracking state (protocols.md §5.2 [S]): push `action` codes and the legacy
 * `scanType` texts. Anything else is recorded with state null (flagged), never guessed.
 */
import type { TrackingState } from '../taxonomy.js';

export interface ZtoActionRow {
  code: string;
  state: TrackingState;
  meaning: string;
}

export const ZTO_ACTIONS: readonly ZtoActionRow[] = [
  { code: 'GOT', state: 'PICKED_UP', meaning: '揽收' },
  { code: 'DEPARTURE', state: 'IN_TRANSIT', meaning: '发件：快件离开【X】发往 Y' },
  { code: 'ARRIVAL', state: 'IN_TRANSIT', meaning: '到件：快件已到达【X】' },
  { code: 'DISPATCH', state: 'OUT_FOR_DELIVERY', meaning: '派件：业务员正在派件' },
  { code: 'SIGNED', state: 'DELIVERED', meaning: '签收：快件已由【X】签收' },
  { code: 'INBOUND', state: 'AVAILABLE_FOR_PICKUP', meaning: '入驿站/代收：快件已被【X店】代收' },
  // 「快件已投递【X店】」: handed to the station, the customer has not taken it yet (the captured push
  // log follows it with DEPARTURE_SIGNED 「签收人凭取货码签收」). Mapping it to DELIVERED would end the
  // journey while the parcel still waits in a station, so it stays "available for pickup".
  { code: 'HANDOVERSCAN_SIGNED', state: 'AVAILABLE_FOR_PICKUP', meaning: '驿站交接签收（投递至驿站）' },
  { code: 'DEPARTURE_SIGNED', state: 'DELIVERED', meaning: '出库签收：签收人凭取货码签收' },
  // Legacy scanType texts (traceInterfaceNewTraces).
  { code: '收件', state: 'PICKED_UP', meaning: 'legacy scanType' },
  { code: '发件', state: 'IN_TRANSIT', meaning: 'legacy scanType' },
  { code: '到件', state: 'IN_TRANSIT', meaning: 'legacy scanType' },
  { code: '派件', state: 'OUT_FOR_DELIVERY', meaning: 'legacy scanType' },
  { code: '签收', state: 'DELIVERED', meaning: 'legacy scanType' },
  { code: '第三方签收', state: 'DELIVERED', meaning: 'legacy scanType: signed by a third party (代收点/代签)' },
  { code: '退件签收', state: 'RETURNED', meaning: 'legacy scanType: the return was signed for by the sender' },
];

export function mapZtoStatus(code: unknown, extra: Readonly<Record<string, TrackingState>> = {}): { state: TrackingState | null; partnerStatus: string } {
  const c = typeof code === 'string' ? code.trim() : '';
  const state = extra[c] ?? ZTO_ACTIONS.find((r) => r.code === c)?.state ?? null;
  return { state, partnerStatus: `zto:${c || '?'}` };
}
