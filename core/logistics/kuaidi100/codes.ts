/**
 * Kuaidi100 status → tracking taxonomy (protocols.md §5.4). With `resultv2=1` every trail item carries
 * `statusCode`: a main state (0–8, 10–14) or a sub-state (101…1003) whose main state is implied by the
 * code. We key rows as `<main>/<sub>` (or `<main>` alone) — the partner status stored on the event is
 * `kuaidi100:<key>`, e.g. `kuaidi100:0/1001`. Items without a code (resultv2 off, the classic doc
 * example) fall back to the `status` text; an item with neither is trail-only. Unknown codes map to
 * null: recorded in unknown_carrier_codes and flagged, never guessed.
 *
 * Main states [V] (SDK comment): 0在途 1揽收 2疑难 3签收 4退签 5派件 6退回 7转投 10待清关 11清关中 12已清关
 * 13清关异常 14拒签; 8 清关 parent of 10–13 and the sub-states [S] (public copy).
 */
import type { TrackingState } from '../taxonomy.js';

export interface Kuaidi100Row {
  key: string;
  state: TrackingState;
  meaning: string;
}

export const KUAIDI100_STATUS_TABLE: readonly Kuaidi100Row[] = [
  // Main states (statusCode equal to the main state when no finer sub-state applies).
  { key: '0', state: 'IN_TRANSIT', meaning: '在途' },
  { key: '1', state: 'PICKED_UP', meaning: '揽收' },
  { key: '2', state: 'EXCEPTION', meaning: '疑难' },
  { key: '3', state: 'DELIVERED', meaning: '签收' },
  { key: '4', state: 'RETURNED', meaning: '退签' },
  { key: '5', state: 'OUT_FOR_DELIVERY', meaning: '派件' },
  { key: '6', state: 'RETURNING', meaning: '退回' },
  { key: '7', state: 'REROUTED_CUSTOMS', meaning: '转投' },
  { key: '8', state: 'REROUTED_CUSTOMS', meaning: '清关' },
  { key: '10', state: 'REROUTED_CUSTOMS', meaning: '待清关' },
  { key: '11', state: 'REROUTED_CUSTOMS', meaning: '清关中' },
  { key: '12', state: 'REROUTED_CUSTOMS', meaning: '已清关' },
  { key: '13', state: 'REROUTED_CUSTOMS', meaning: '清关异常' },
  { key: '14', state: 'RETURNED', meaning: '拒签' },
  // 1 揽收
  { key: '1/101', state: 'AWAITING_PICKUP', meaning: '已下单' },
  { key: '1/102', state: 'AWAITING_PICKUP', meaning: '待揽收' },
  { key: '1/103', state: 'PICKED_UP', meaning: '已揽收' },
  // 0 在途
  { key: '0/1001', state: 'ARRIVED_DEST_CITY', meaning: '到达派件城市' },
  { key: '0/1002', state: 'IN_TRANSIT', meaning: '干线' },
  { key: '0/1003', state: 'IN_TRANSIT', meaning: '转递' },
  // 5 派件
  { key: '5/501', state: 'AVAILABLE_FOR_PICKUP', meaning: '投柜或驿站' },
  // 3 签收
  { key: '3/301', state: 'DELIVERED', meaning: '本人签收' },
  { key: '3/302', state: 'DELIVERED', meaning: '派件异常后签收' },
  { key: '3/303', state: 'DELIVERED', meaning: '代签' },
  { key: '3/304', state: 'DELIVERED', meaning: '投柜或站签收' },
  // 4 退签
  { key: '4/401', state: 'RETURNED', meaning: '已销单' },
  // 2 疑难: attempts that failed at the door are DELIVERY_FAILED; refusal ends the journey as RETURNED
  // (issue 4: 已退签/拒签 "returned or refused"); the rest are exceptions.
  { key: '2/201', state: 'EXCEPTION', meaning: '超时未签收' },
  { key: '2/202', state: 'EXCEPTION', meaning: '超时未更新' },
  { key: '2/203', state: 'RETURNED', meaning: '拒收' },
  { key: '2/204', state: 'DELIVERY_FAILED', meaning: '派件异常' },
  { key: '2/205', state: 'EXCEPTION', meaning: '柜或驿站超时未取' },
  { key: '2/206', state: 'DELIVERY_FAILED', meaning: '无法联系' },
  { key: '2/207', state: 'EXCEPTION', meaning: '超区' },
  { key: '2/208', state: 'EXCEPTION', meaning: '滞留' },
  { key: '2/209', state: 'EXCEPTION', meaning: '破损' },
  { key: '2/210', state: 'EXCEPTION', meaning: '销单' },
];

/** The `status` text of items sent without `statusCode` (resultv2 off): the main states' names. */
export const KUAIDI100_STATUS_TEXT: Readonly<Record<string, string>> = {
  在途: '0', 揽收: '1', 疑难: '2', 签收: '3', 退签: '4', 派件: '5', 退回: '6', 转投: '7', 清关: '8',
  待清关: '10', 清关中: '11', 已清关: '12', 清关异常: '13', 拒签: '14',
};

const BY_KEY = new Map(KUAIDI100_STATUS_TABLE.map((r) => [r.key, r]));

/** `statusCode` → table key: sub-states imply their main state (103 → 1/103, 1001 → 0/1001). */
export function kuaidi100Key(statusCode: string): string {
  const code = statusCode.trim();
  if (/^10\d\d$/.test(code)) return `0/${code}`;
  if (/^[1-9]\d\d$/.test(code)) return `${code[0]}/${code}`;
  return code;
}

export interface MappedStatus {
  partnerStatus: string;
  state: TrackingState | null;
}

/** One trail item's status; `undefined` when the item carries neither a code nor a status text. */
export function mapKuaidi100Status(item: { statusCode?: string | null; status?: string | null }): MappedStatus | undefined {
  const code = item.statusCode?.trim();
  if (code) {
    const key = kuaidi100Key(code);
    return { partnerStatus: `kuaidi100:${key}`, state: BY_KEY.get(key)?.state ?? null };
  }
  const text = item.status?.trim();
  if (text) {
    const main = KUAIDI100_STATUS_TEXT[text];
    return main !== undefined
      ? { partnerStatus: `kuaidi100:${main}`, state: BY_KEY.get(main)!.state }
      : { partnerStatus: `kuaidi100:text:${text}`, state: null };
  }
  return undefined;
}

/** The response's main `state`, which describes the newest item. */
export function mapKuaidi100MainState(state: string): MappedStatus {
  const key = state.trim();
  return { partnerStatus: `kuaidi100:${key}`, state: BY_KEY.get(key)?.state ?? null };
}
