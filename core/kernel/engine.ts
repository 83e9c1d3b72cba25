/**
 * The dispatcher behind both transports: resolve the caller, check the handler's permission,
 * validate the arguments, run, and turn every failure into data.
 */
import type { Actor } from '../contract/actors.js';
import type { OperatorInfo } from '../contract/api.js';
import type { CoreResult } from '../contract/errors.js';
import { roleHas } from '../contract/roles.js';
import { operatorActor } from './actors.js';
import type { Caller } from './core-types.js';
import { toCoreError } from './errors.js';
import type { Logger } from './logger.js';
import type { HandlerContext, HandlerRegistry } from './registry.js';

/** While a password change is forced, only these work. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['auth/me', 'auth/changePassword', 'auth/logout', 'system/health']);

export interface CallerResolver {
  resolve(token: string | null): { operator: OperatorInfo; key: string } | null;
}

export async function dispatch(
  registry: HandlerRegistry,
  auth: CallerResolver,
  logger: Logger,
  host: string,
  caller: Caller,
  name: string,
  args: unknown,
): Promise<CoreResult<unknown>> {
  const spec = registry.get(name);
  if (!spec) return { error: { type: 'ValidationError', message: `Unknown handler: ${String(name).slice(0, 80)}` } };
  let ctx: HandlerContext;
  if ('trusted' in caller) {
    ctx = { actor: caller.trusted as Actor, operator: null, sessionKey: null, source: host };
  } else {
    const session = auth.resolve(caller.token);
    if (!session) return { error: { type: 'Unauthenticated', message: 'Please log in.' } };
    const { operator } = session;
    if (operator.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(name)) {
      return { error: { type: 'Forbidden', message: 'You must change your password before doing anything else.', details: { mustChangePassword: true } } };
    }
    if (!roleHas(operator.role, spec.permission)) {
      return { error: { type: 'Forbidden', message: `Your role (${operator.role}) may not do this (${name} needs ${spec.permission}).`, details: { permission: spec.permission } } };
    }
    ctx = { actor: operatorActor(operator), operator, sessionKey: session.key, source: host };
  }
  const parsed = spec.args.safeParse(args ?? {});
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) details[issue.path.join('.') || '(args)'] = issue.message;
    return { error: { type: 'ValidationError', message: `Invalid arguments for ${name}: ${Object.entries(details).map(([k, v]) => `${k}: ${v}`).join('; ')}`, details } };
  }
  try {
    return { data: await spec.run(ctx, parsed.data as never) };
  } catch (err) {
    const error = toCoreError(err);
    if (error.type === 'InternalError') logger.error(`Handler ${name} failed`, { error: error.message, stack: err instanceof Error ? err.stack : undefined });
    return { error };
  }
}
