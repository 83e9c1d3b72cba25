import { z } from 'zod';
import type { AuthHandlers } from '../contract/api.js';
import { ROLES } from '../contract/roles.js';
import { fail } from '../kernel/errors.js';
import type { MutationQueue } from '../kernel/mutation.js';
import type { ModuleHandlers } from '../kernel/registry.js';
import type { Db } from '../store/db.js';
import { findOperatorById, findOperatorByName, insertOperator, listOperators, toOperatorInfo, updatePassword } from './operators.js';
import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './passwords.js';
import { deleteOperatorSessions, deleteSession } from './sessions.js';

const empty = z.object({}).strict().default({});
const username = z.string().trim().min(2).max(32).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export function authHandlers(db: Db, mutations: MutationQueue): ModuleHandlers<keyof AuthHandlers> {
  return {
    'auth/me': {
      permission: 'session',
      args: empty,
      run: (ctx) => {
        if (!ctx.operator) throw fail.forbidden('Only an operator session has a profile.');
        return ctx.operator;
      },
    },
    'auth/changePassword': {
      permission: 'session',
      args: z.object({ oldPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
      run: async (ctx, args) => {
        const op = ctx.operator && findOperatorById(db, ctx.operator.id);
        if (!op) throw fail.forbidden('Only an operator can change a password.');
        if (!verifyPassword(args.oldPassword, op.password_hash)) throw fail.validation('The current password is wrong.', { oldPassword: 'wrong password' });
        const problem = passwordProblem(args.newPassword, op.username) ?? (args.newPassword === args.oldPassword ? 'The new password must differ from the current one.' : null);
        if (problem) throw fail.validation(problem, { newPassword: problem });
        await mutations.run(ctx.actor, ctx.source, (w) => {
          updatePassword(w.db, op.id, hashPassword(args.newPassword), false, w.at);
          deleteOperatorSessions(w.db, op.id, ctx.sessionKey);
          w.audit({ entityType: 'operator', entityId: op.id, action: 'password-changed' });
        });
        return { ok: true as const };
      },
    },
    'auth/logout': {
      permission: 'session',
      args: empty,
      run: async (ctx) => {
        const key = ctx.sessionKey;
        if (key && ctx.operator) {
          const id = ctx.operator.id;
          await mutations.run(ctx.actor, ctx.source, (w) => {
            deleteSession(w.db, key);
            w.audit({ entityType: 'operator', entityId: id, action: 'logout' });
          });
        }
        return { ok: true as const };
      },
    },
    'users/list': {
      permission: 'users.manage',
      args: empty,
      run: () => listOperators(db).map(toOperatorInfo),
    },
    'users/add': {
      permission: 'users.manage',
      args: z.object({ username, displayName: z.string().trim().max(64).optional(), role: z.enum(ROLES), password: z.string().optional() }),
      run: async (ctx, args) => {
        if (findOperatorByName(db, args.username)) throw fail.conflict(`Operator "${args.username}" already exists.`, { username: 'taken' });
        if (args.password) {
          const problem = passwordProblem(args.password, args.username);
          if (problem) throw fail.validation(problem, { password: problem });
        }
        const oneTime = args.password ? null : oneTimePassword();
        const id = await mutations.run(ctx.actor, ctx.source, (w) => {
          const newId = insertOperator(w.db, {
            username: args.username,
            displayName: args.displayName || args.username,
            role: args.role,
            passwordHash: hashPassword(args.password ?? oneTime!),
            mustChangePassword: oneTime !== null,
            at: w.at,
          });
          w.audit({ entityType: 'operator', entityId: newId, action: 'create', changes: [{ field: 'role', before: null, after: args.role }] });
          return newId;
        });
        return { operator: toOperatorInfo(findOperatorById(db, id)!), oneTimePassword: oneTime };
      },
    },
    'users/setPassword': {
      permission: 'users.manage',
      args: z.object({ username, password: z.string().optional() }),
      run: async (ctx, args) => {
        const op = findOperatorByName(db, args.username);
        if (!op) throw fail.notFound(`No operator "${args.username}".`);
        if (args.password) {
          const problem = passwordProblem(args.password, op.username);
          if (problem) throw fail.validation(problem, { password: problem });
        }
        const oneTime = args.password ? null : oneTimePassword();
        await mutations.run(ctx.actor, ctx.source, (w) => {
          updatePassword(w.db, op.id, hashPassword(args.password ?? oneTime!), oneTime !== null, w.at);
          deleteOperatorSessions(w.db, op.id, null);
          w.audit({ entityType: 'operator', entityId: op.id, action: 'password-reset' });
        });
        return { oneTimePassword: oneTime };
      },
    },
    'users/setDisabled': {
      permission: 'users.manage',
      args: z.object({ username, disabled: z.boolean() }),
      run: async (ctx, args) => {
        const op = findOperatorByName(db, args.username);
        if (!op) throw fail.notFound(`No operator "${args.username}".`);
        if (ctx.operator?.id === op.id && args.disabled) throw fail.validation('You cannot disable yourself.');
        await mutations.run(ctx.actor, ctx.source, (w) => {
          w.db.prepare('UPDATE operators SET disabled = ? WHERE id = ?').run(args.disabled ? 1 : 0, op.id);
          if (args.disabled) deleteOperatorSessions(w.db, op.id, null);
          w.audit({ entityType: 'operator', entityId: op.id, action: 'update', changes: [{ field: 'disabled', before: op.disabled === 1, after: args.disabled }] });
        });
        return toOperatorInfo(findOperatorById(db, op.id)!);
      },
    },
  };
}
