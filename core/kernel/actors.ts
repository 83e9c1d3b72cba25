import type { Actor } from '../contract/actors.js';
import type { OperatorInfo } from '../contract/api.js';

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'engine', name: '系统' };

export function operatorActor(op: Pick<OperatorInfo, 'id' | 'displayName' | 'username'>): Actor {
  return { type: 'operator', id: String(op.id), name: op.displayName || op.username };
}
