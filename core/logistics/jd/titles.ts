/**
 * JD trace operation titles (LOP `operationTitle` / JOS `opeTitle`) → tracking state. JD publishes
 * no status-code table for either trace API (protocols.md §5.3: LOP schema [U]; JOS [S] gives only the
 * field names), so the table keys on the title texts JD prints on its trails [S]. Extend or correct it
 * with the `titleStates` setting; an unknown title is recorded and flagged (null), never guessed.
 */
import type { TrackingState } from '../taxonomy.js';

export const JD_TITLES: Readonly<Record<string, TrackingState>> = {
  揽收任务分配: 'AWAITING_PICKUP',
  揽收完成: 'PICKED_UP',
  已揽收: 'PICKED_UP',
  分拣中心验货: 'IN_TRANSIT',
  分拣中心发货: 'IN_TRANSIT',
  站点验货: 'ARRIVED_DEST_CITY',
  配送员收货: 'OUT_FOR_DELIVERY',
  妥投: 'DELIVERED',
  拒收: 'RETURNED',
  再投: 'DELIVERY_FAILED',
};

export function mapJdTitle(title: unknown, extra: Readonly<Record<string, TrackingState>> = {}): { state: TrackingState | null; partnerStatus: string } {
  const t = typeof title === 'string' ? title.trim() : '';
  return { state: extra[t] ?? JD_TITLES[t] ?? null, partnerStatus: `jd:${t || '?'}` };
}
