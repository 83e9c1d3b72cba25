/** Who did it: every audited write names its actor and source. */
export const ACTOR_TYPES = ['operator', 'system', 'platform', 'courier', 'wms', 'ocr'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface Actor {
  type: ActorType;
  /** operator id, job name, platform/courier code… */
  id: string;
  /** Human-readable name shown in timelines (operator display name, "订单导入", "抖店"). */
  name: string;
}

/** Where the write came from: 'console', 'desktop', 'cli', 'import', 'demo', 'push:douyin', 'pull:taobao', … */
export type WriteSource = string;
