/**
 * First start: create an admin with a one-time password that must be changed at first login.
 * Demo: one operator per role, `<role>` / `demo-<role>`, no forced change.
 */
import { ROLES } from '../contract/roles.js';
import type { MutationQueue } from '../kernel/mutation.js';
import { SYSTEM_ACTOR } from '../kernel/actors.js';
import { countOperators, findOperatorByName, insertOperator } from './operators.js';
import { hashPassword, oneTimePassword } from './passwords.js';

const ROLE_NAMES_ZH: Record<string, string> = {
  admin: '管理员',
  finance: '财务',
  cs: '客服',
  supervisor: '主管',
  warehouse: '仓库',
  viewer: '访客',
};

export function ensureFirstAdmin(mutations: MutationQueue): string[] {
  return mutations.runNow(SYSTEM_ACTOR, 'bootstrap', (w) => {
    if (countOperators(w.db) > 0) return [];
    const password = oneTimePassword();
    const id = insertOperator(w.db, { username: 'admin', displayName: '管理员', role: 'admin', passwordHash: hashPassword(password), mustChangePassword: true, at: w.at });
    w.audit({ entityType: 'operator', entityId: id, action: 'create', changes: [{ field: 'role', before: null, after: 'admin' }], reason: 'first start' });
    return [`First start: created operator "admin" with the one-time password ${password} — it must be changed at first login.`];
  });
}

export function ensureDemoOperators(mutations: MutationQueue): string[] {
  return mutations.runNow(SYSTEM_ACTOR, 'demo', (w) => {
    const created: string[] = [];
    for (const role of ROLES) {
      if (findOperatorByName(w.db, role)) continue;
      const id = insertOperator(w.db, {
        username: role,
        displayName: `${ROLE_NAMES_ZH[role]} (demo)`,
        role,
        passwordHash: hashPassword(`demo-${role}`),
        mustChangePassword: false,
        at: w.at,
      });
      w.audit({ entityType: 'operator', entityId: id, action: 'create', changes: [{ field: 'role', before: null, after: role }], reason: 'demo' });
      created.push(role);
    }
    return [`Demo mode: operators ${ROLES.map((r) => `${r}/demo-${r}`).join(', ')} (username/password).`];
  });
}
