/**
 * Handler registration: each module hands in a map of `'<module>/<verb>'` → { permission, schema,
 * run }. Duplicate names are rejected so two modules can never silently shadow each other.
 */
import type { ZodType } from 'zod';
import type { Actor } from '../contract/actors.js';
import type { CoreApi, HandlerName, OperatorInfo } from '../contract/api.js';
import type { HandlerPermission } from '../contract/roles.js';

export interface HandlerContext {
  actor: Actor;
  /** The operator behind the call; absent for trusted host actors (CLI, jobs). */
  operator: OperatorInfo | null;
  /** Session token hash, so auth handlers can end their own session. */
  sessionKey: string | null;
  /** Host-level source of the call: 'console', 'desktop', 'cli'. */
  source: string;
}

export interface HandlerSpec<K extends HandlerName> {
  permission: HandlerPermission;
  /** Runtime check of the arguments; failures come back as ValidationError with the field path. */
  args: ZodType;
  run(ctx: HandlerContext, args: CoreApi[K]['args']): Promise<CoreApi[K]['result']> | CoreApi[K]['result'];
}

export type ModuleHandlers<K extends HandlerName> = { [N in K]: HandlerSpec<N> };

export class HandlerRegistry {
  private readonly specs = new Map<string, HandlerSpec<HandlerName>>();

  register<K extends HandlerName>(handlers: ModuleHandlers<K>): void {
    for (const [name, spec] of Object.entries(handlers) as Array<[string, HandlerSpec<HandlerName>]>) {
      if (this.specs.has(name)) throw new Error(`Handler registered twice: ${name}`);
      this.specs.set(name, spec);
    }
  }

  get(name: string): HandlerSpec<HandlerName> | undefined {
    return this.specs.get(name);
  }

  names(): Set<string> {
    return new Set(this.specs.keys());
  }
}
