/**
 * Kdniao State (普通) and StateEx / trace Action (增值) → tracking state, every code listed in
 * protocols.md §5.5 [S]. The two lists share their numbers (1, 2, 3, 4, 5, 6 mean the same in both),
 * so one table serves both. Unknown codes → null (flagged), never guessed.
 */
import type { TrackingState } from '../taxonomy.js';

export const KDNIAO_STATES: Readonly<Record<string, { state: TrackingState; meaning: string }>> = {
  '0': { state: 'AWAITING_PICKUP', meaning: '暂无轨迹' },
  '1': { state: 'PICKED_UP', meaning: '已揽收' },
  '10': { state: 'AWAITING_PICKUP', meaning: '待揽件' },
  '2': { state: 'IN_TRANSIT', meaning: '在途中' },
  '201': { state: 'ARRIVED_DEST_CITY', meaning: '到达派件城市' },
  '202': { state: 'OUT_FOR_DELIVERY', meaning: '派件中' },
  '204': { state: 'IN_TRANSIT', meaning: '到达转运中心' },
  '205': { state: 'ARRIVED_DEST_CITY', meaning: '到达派件网点' },
  '206': { state: 'IN_TRANSIT', meaning: '寄件网点发件' },
  '211': { state: 'AVAILABLE_FOR_PICKUP', meaning: '已放入快递柜或驿站' },
  '3': { state: 'DELIVERED', meaning: '签收' },
  '301': { state: 'DELIVERED', meaning: '正常签收' },
  '302': { state: 'DELIVERED', meaning: '派件异常后最终签收' },
  '304': { state: 'DELIVERED', meaning: '代收签收' },
  '311': { state: 'DELIVERED', meaning: '快递柜或驿站签收' },
  '4': { state: 'EXCEPTION', meaning: '问题件' },
  '401': { state: 'EXCEPTION', meaning: '发货无信息' },
  '402': { state: 'EXCEPTION', meaning: '超时未签收' },
  '403': { state: 'EXCEPTION', meaning: '超时未更新' },
  '404': { state: 'RETURNED', meaning: '拒收(退件)' },
  '405': { state: 'DELIVERY_FAILED', meaning: '派件异常' },
  '406': { state: 'RETURNED', meaning: '退货签收' },
  '407': { state: 'RETURNING', meaning: '退货未签收' },
  '412': { state: 'EXCEPTION', meaning: '快递柜或驿站超时未取' },
  '413': { state: 'EXCEPTION', meaning: '单号已拦截' },
  '414': { state: 'EXCEPTION', meaning: '破损' },
  '415': { state: 'EXCEPTION', meaning: '客户取消发货' },
  '416': { state: 'DELIVERY_FAILED', meaning: '无法联系' },
  '417': { state: 'EXCEPTION', meaning: '配送延迟' },
  '418': { state: 'EXCEPTION', meaning: '快件取出' },
  '419': { state: 'OUT_FOR_DELIVERY', meaning: '重新派送' },
  '420': { state: 'DELIVERY_FAILED', meaning: '收货地址不详细' },
  '421': { state: 'DELIVERY_FAILED', meaning: '收件人电话错误' },
  '422': { state: 'EXCEPTION', meaning: '错分件' },
  '423': { state: 'EXCEPTION', meaning: '超区件' },
  '5': { state: 'REROUTED_CUSTOMS', meaning: '转寄' },
  '6': { state: 'REROUTED_CUSTOMS', meaning: '清关' },
  '601': { state: 'REROUTED_CUSTOMS', meaning: '待清关' },
  '602': { state: 'REROUTED_CUSTOMS', meaning: '清关中' },
  '603': { state: 'REROUTED_CUSTOMS', meaning: '已清关' },
  '604': { state: 'EXCEPTION', meaning: '清关异常' },
};

export function mapKdniaoState(code: unknown): { state: TrackingState | null; partnerStatus: string } {
  const c = typeof code === 'number' ? String(code) : typeof code === 'string' ? code.trim() : '';
  return { state: KDNIAO_STATES[c]?.state ?? null, partnerStatus: `kdniao:${c || '?'}` };
}
