import { formatFen } from '../format/money.js';
import { formatShanghai } from '../format/time.js';
import { hasMessage, type Translate } from '../i18n/index.js';

/** "amounts.paidFen" and "paidFen" both name the paid amount: the last segment carries the meaning. */
function leaf(field: string): string {
  return field.split('.').pop() ?? field;
}

export function fieldLabel(t: Translate, field: string): string {
  for (const key of [`field.${field}`, `column.${field}`, `column.${leaf(field)}`]) {
    if (hasMessage(key)) return t(key);
  }
  return field;
}

/** A before/after value shown the way the grid shows it: ¥ for fen, Shanghai time for *At, labels for statuses. */
export function formatChangeValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.emptyValue');
  const name = leaf(field);
  if (typeof value === 'number' && name.endsWith('Fen')) return formatFen(value);
  if (typeof value === 'number' && name.endsWith('At')) return formatShanghai(value);
  const statusKey = `orderStatus.${String(value)}`;
  if (name === 'status' && hasMessage(statusKey)) return t(statusKey);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、') || t('common.emptyValue');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function actionLabel(t: Translate, action: string): string {
  const key = `action.${action}`;
  return hasMessage(key) ? t(key) : action;
}
