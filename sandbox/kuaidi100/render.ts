/**
 * Journey steps → Kuaidi100's wire shapes (protocols.md §5.4): the query response / push `lastResult`
 * with main `state`, per-item `status` (main name) and, with resultv2, `statusCode` (sub-state).
 */
import type { Journey, JourneyStep, StepKind } from '../common/journeys.js';

/** Company codes (`com`) the simulator knows, to our carrier names in journeys. */
export const COMPANIES: Record<string, string> = {
  shunfeng: 'SF', zhongtong: 'ZTO', yuantong: 'YTO', shentong: 'STO', yunda: 'YUNDA', jd: 'JD', ems: 'EMS',
  jtexpress: 'JTEXPRESS', huitongkuaidi: 'BEST', debangkuaidi: 'DBL', cainiao: 'CAINIAO',
};

const MAIN_NAMES: Record<string, string> = { '0': '在途', '1': '揽收', '2': '疑难', '3': '签收', '4': '退签', '5': '派件', '6': '退回', '7': '转投', '8': '清关', '14': '拒签' };

/** Step kind → [main state, statusCode]. UNKNOWN is a sub-code of 在途 that no published table lists. */
const CODES: Record<StepKind, [string, string]> = {
  AWAITING_PICKUP: ['1', '102'],
  PICKED_UP: ['1', '103'],
  IN_TRANSIT: ['0', '1002'],
  ARRIVED_DEST_CITY: ['0', '1001'],
  OUT_FOR_DELIVERY: ['5', '5'],
  AVAILABLE_FOR_PICKUP: ['5', '501'],
  DELIVERED: ['3', '301'],
  DELIVERY_FAILED: ['2', '204'],
  EXCEPTION: ['2', '208'],
  REFUSED: ['2', '203'],
  RETURNING: ['6', '6'],
  RETURNED: ['4', '4'],
  CUSTOMS: ['8', '11'],
  UNKNOWN: ['0', '1009'],
};

function beijing(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export interface RenderOptions {
  com: string;
  resultv2: boolean;
  order: 'asc' | 'desc';
}

function item(step: JourneyStep, resultv2: boolean, lockerDelivery: boolean): Record<string, unknown> {
  const [main, plainCode] = CODES[step.kind];
  const code = step.kind === 'DELIVERED' && lockerDelivery ? '304' : plainCode;
  const time = beijing(step.at);
  const base: Record<string, unknown> = { time, ftime: time, context: step.description, status: MAIN_NAMES[main] ?? '在途' };
  if (resultv2) Object.assign(base, { statusCode: code, areaCode: null, areaName: step.city, areaCenter: null, location: step.city });
  return base;
}

/** The trail as of the steps given (already the visible ones, oldest first). */
export function renderTrail(journey: Journey, steps: JourneyStep[], o: RenderOptions): Record<string, unknown> {
  const locker = steps.some((s) => s.kind === 'AVAILABLE_FOR_PICKUP');
  const items = steps.map((s) => item(s, o.resultv2, locker));
  const newest = steps[steps.length - 1];
  const state = newest ? CODES[newest.kind][0] : '0';
  return {
    message: 'ok',
    nu: journey.waybillNo,
    ischeck: steps.some((s) => s.kind === 'DELIVERED' || s.kind === 'RETURNED') ? '1' : '0',
    condition: 'F00',
    com: o.com,
    status: '200',
    state: state === '8' ? '11' : state,
    data: o.order === 'asc' ? items : items.reverse(),
  };
}
