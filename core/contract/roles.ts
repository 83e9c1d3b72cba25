/** Roles and the permissions each holds. The engine enforces these; the UI only hides. */
export const ROLES = ['admin', 'finance', 'cs', 'supervisor', 'warehouse', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'orders.read',
  'orders.edit', // remarks, tags, receiver corrections
  'orders.editAmounts', // money fields: finance and admin only
  'orders.reveal', // unmasked receiver phone/address (audited)
  'orders.import',
  'orders.export',
  'sku.read',
  'sku.edit',
  'audit.read',
  'audit.verify',
  'users.manage',
  'system.backup',
  'channels.read',
  'channels.manage',
  'notify.read', // outbox, dead letters, targets (never their credentials)
  'notify.manage', // retry dead letters, configure targets, test sends
  'logistics.read', // parcels, trails, unknown carrier codes
  'logistics.track', // query a carrier now, attach a waybill to an order
  'logistics.partners', // carrier API credentials, endpoints and routes; test calls (admin)
  'exceptions.read', // SLA rule hits and their why, the rule set (read only), exception tickets
  'exceptions.work', // open tickets by hand, change status / owner group, comment
  'sla.manage', // edit the SLA rule set and the site-message webhook, run the evaluation now
  'waybill.repush', // read a label photo, attach / detach a waybill, write it back to the platform (issue 5)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `session` = any logged-in operator (even one who must still change the password). */
export type HandlerPermission = Permission | 'session';

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  finance: ['orders.read', 'orders.edit', 'orders.editAmounts', 'orders.reveal', 'orders.import', 'orders.export', 'sku.read', 'audit.read', 'channels.read', 'logistics.read'],
  cs: ['orders.read', 'orders.edit', 'orders.reveal', 'orders.export', 'sku.read', 'audit.read', 'channels.read', 'notify.read', 'logistics.read', 'logistics.track', 'exceptions.read', 'exceptions.work', 'waybill.repush'],
  supervisor: ['orders.read', 'orders.edit', 'orders.reveal', 'orders.import', 'orders.export', 'sku.read', 'sku.edit', 'audit.read', 'channels.read', 'notify.read', 'notify.manage', 'logistics.read', 'logistics.track', 'exceptions.read', 'exceptions.work', 'sla.manage', 'waybill.repush'],
  warehouse: ['orders.read', 'orders.edit', 'sku.read', 'sku.edit', 'audit.read', 'notify.read', 'logistics.read', 'logistics.track', 'exceptions.read', 'exceptions.work'],
  viewer: ['orders.read', 'sku.read', 'audit.read', 'channels.read', 'logistics.read', 'exceptions.read'],
};

export function roleHas(role: Role, permission: HandlerPermission): boolean {
  return permission === 'session' || ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
