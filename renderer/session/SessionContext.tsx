import { createContext, useContext } from 'react';
import type { OperatorInfo } from '../../core/contract/api.js';
import type { Permission } from '../../core/contract/roles.js';

export interface Session {
  operator: OperatorInfo;
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}

/** The UI only hides what a role cannot do; the engine enforces it (architecture.md). */
export function sessionFor(operator: OperatorInfo, signOut: () => Promise<void>): Session {
  return { operator, can: (p) => operator.permissions.includes(p), signOut };
}
