/** Errors cross every boundary as data (architecture.md "One contract, two transports"). */
export type CoreErrorType =
  | 'ValidationError'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'Unavailable'
  | 'InternalError';

export interface CoreError {
  type: CoreErrorType;
  message: string;
  /** For validation errors: `{ field: message }`; otherwise free-form context. */
  details?: Record<string, unknown>;
}

export type CoreResult<T> = { data: T } | { error: CoreError };

export function isCoreError<T>(r: CoreResult<T>): r is { error: CoreError } {
  return (r as { error?: CoreError }).error !== undefined;
}
