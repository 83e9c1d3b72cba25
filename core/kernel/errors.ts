import type { CoreError, CoreErrorType } from '../contract/errors.js';

/** Thrown inside the engine; turned into data at the handler boundary. */
export class CoreFailure extends Error {
  constructor(
    readonly type: CoreErrorType,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  toData(): CoreError {
    return this.details ? { type: this.type, message: this.message, details: this.details } : { type: this.type, message: this.message };
  }
}

export const fail = {
  validation: (message: string, details?: Record<string, unknown>) => new CoreFailure('ValidationError', message, details),
  notFound: (message: string, details?: Record<string, unknown>) => new CoreFailure('NotFound', message, details),
  conflict: (message: string, details?: Record<string, unknown>) => new CoreFailure('Conflict', message, details),
  forbidden: (message: string, details?: Record<string, unknown>) => new CoreFailure('Forbidden', message, details),
  unavailable: (message: string, details?: Record<string, unknown>) => new CoreFailure('Unavailable', message, details),
};

export function toCoreError(err: unknown): CoreError {
  if (err instanceof CoreFailure) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_BUSY|database is locked/i.test(message)) return { type: 'Unavailable', message: 'The store is busy; try again.' };
  return { type: 'InternalError', message };
}
