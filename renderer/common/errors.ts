import type { CoreError, CoreResult } from '../../core/contract/errors.js';
import { hasMessage, type Translate } from '../i18n/index.js';

/** A localised one-line description of an engine error, with the engine's message when it helps. */
export function describeError(t: Translate, error: CoreError): string {
  const key = `error.${error.type}`;
  const label = hasMessage(key) ? t(key) : error.type;
  const fields = error.type === 'ValidationError' && error.details ? Object.entries(error.details).filter(([f]) => f !== 'httpStatus') : [];
  const detail = fields.length > 0 ? fields.map(([f, m]) => `${f}: ${String(m)}`).join('; ') : error.message;
  return detail && detail !== label ? t('common.errorDetail', { label, detail }) : label;
}

export function errorOf<T>(result: CoreResult<T>): CoreError | null {
  return 'error' in result ? result.error : null;
}
