import type { Permission } from '../../core/contract/roles.js';
import type { MessageKey } from '../i18n/index.js';

export type WorkspaceId = 'orders' | 'logistics' | 'interception' | 'reconciliation' | 'health' | 'channels' | 'sku' | 'users' | 'notify';

export interface WorkspaceEntry {
  id: WorkspaceId;
  label: MessageKey;
  /** Who sees the entry at all. */
  permission: Permission;
  /** Not built yet: shown disabled with a "coming soon" hint so operators know what is planned. */
  comingSoon?: boolean;
}

/** Order of the left nav; Alt+1..9 follow this order among the visible entries. */
export const WORKSPACES: readonly WorkspaceEntry[] = [
  { id: 'orders', label: 'nav.orders', permission: 'orders.read' },
  { id: 'logistics', label: 'nav.logistics', permission: 'logistics.read' },
  { id: 'interception', label: 'nav.interception', permission: 'orders.read', comingSoon: true },
  { id: 'reconciliation', label: 'nav.reconciliation', permission: 'orders.read', comingSoon: true },
  { id: 'health', label: 'nav.health', permission: 'orders.read', comingSoon: true },
  { id: 'channels', label: 'nav.channels', permission: 'channels.read' },
  { id: 'sku', label: 'nav.sku', permission: 'sku.read' },
  { id: 'users', label: 'nav.users', permission: 'users.manage' },
  // last, so the existing Alt+digit shortcuts keep their workspaces; everyone has an inbox, the
  // outbox, dead letters and targets need notify.read (checked inside)
  { id: 'notify', label: 'nav.notify', permission: 'orders.read' },
];

export function visibleWorkspaces(can: (p: Permission) => boolean): WorkspaceEntry[] {
  return WORKSPACES.filter((w) => can(w.permission));
}
