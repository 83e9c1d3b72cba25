/** SKU mapping CSV: `channel,platform_sku,standard_sku,note` (Chinese headers accepted too). */
import { CHANNELS, type Channel, type SkuMapping } from '../contract/orders.js';
import { parseCsv } from './import/csv.js';
import { isBlankRecord } from './import/table.js';

const HEADERS: Record<string, 'channel' | 'platformSku' | 'standardSku' | 'note'> = {
  channel: 'channel',
  渠道: 'channel',
  platform_sku: 'platformSku',
  平台sku: 'platformSku',
  平台商品编码: 'platformSku',
  standard_sku: 'standardSku',
  标准sku: 'standardSku',
  标准商品编码: 'standardSku',
  note: 'note',
  备注: 'note',
};

export function parseSkuCsv(text: string): { mappings: Array<{ channel: Channel; platformSku: string; standardSku: string; note: string }>; errors: Array<{ row: number; message: string }> } {
  const { records, unterminatedQuoteRow } = parseCsv(text.replace(/^\uFEFF/, ''));
  const errors: Array<{ row: number; message: string }> = [];
  if (unterminatedQuoteRow) errors.push({ row: unterminatedQuoteRow, message: 'A quoted field never closes; the rows after it were not read.' });
  const [header, ...rows] = records;
  if (!header) return { mappings: [], errors: [{ row: 1, message: 'The file is empty.' }] };
  const index = new Map<string, number>();
  header.cells.forEach((cell, i) => {
    const key = HEADERS[cell.trim().toLowerCase()];
    if (key) index.set(key, i);
  });
  for (const required of ['channel', 'platformSku', 'standardSku']) {
    if (!index.has(required)) errors.push({ row: 1, message: `Missing column ${required} (expected channel,platform_sku,standard_sku,note).` });
  }
  if (errors.length) return { mappings: [], errors };
  const cell = (cells: string[], key: string) => (cells[index.get(key) ?? -1] ?? '').trim();
  const mappings: Array<{ channel: Channel; platformSku: string; standardSku: string; note: string }> = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (isBlankRecord(r.cells)) continue;
    const channel = cell(r.cells, 'channel') as Channel;
    const platformSku = cell(r.cells, 'platformSku');
    const standardSku = cell(r.cells, 'standardSku');
    if (!(CHANNELS as readonly string[]).includes(channel)) errors.push({ row: r.row, message: `Unknown channel "${channel}" (one of ${CHANNELS.join(', ')}).` });
    else if (!platformSku || !standardSku) errors.push({ row: r.row, message: 'platform_sku and standard_sku are required.' });
    else if (seen.has(`${channel}:${platformSku}`)) errors.push({ row: r.row, message: `Duplicate of row ${seen.get(`${channel}:${platformSku}`)} for ${channel} ${platformSku}.` });
    else {
      seen.set(`${channel}:${platformSku}`, r.row);
      mappings.push({ channel, platformSku, standardSku, note: cell(r.cells, 'note') });
    }
  }
  return { mappings, errors };
}

function quote(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function skuCsv(rows: SkuMapping[]): string {
  const lines = ['channel,platform_sku,standard_sku,note', ...rows.map((r) => [r.channel, r.platformSku, r.standardSku, r.note].map(quote).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
