import type { CoreError } from '../../core/contract/errors.js';
import type { OrderQuery } from '../../core/contract/orders.js';
import { base64ToBlob, downloadBlob } from '../common/files.js';
import { send } from '../transport/index.js';

/** Exports exactly what the grid shows (same filters, search and sort) and downloads the file. */
export async function exportOrders(query: OrderQuery, format: 'csv' | 'xlsx'): Promise<{ rows: number } | { error: CoreError }> {
  const result = await send('orders/export', { ...query, format });
  if ('error' in result) return result;
  const { base64, mimeType, fileName, rows } = result.data;
  downloadBlob(base64ToBlob(base64, mimeType), fileName);
  return { rows };
}
