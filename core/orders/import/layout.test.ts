import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, matchHeader } from './layout.js';

describe('matchHeader', () => {
  it('accepts Chinese headers, English keys, aliases, case, spaces and unit suffixes', () => {
    const match = matchHeader(['订单号', 'Receiver Name', 'STATUS', '下单时间', '数量', '单价(元)', '实付金额（元）', ' 快递单号 ', 'SKU'], 1);
    expect(match.errors).toEqual([]);
    expect([...match.columns]).toEqual([
      ['platform_order_id', 0],
      ['receiver_name', 1],
      ['status', 2],
      ['created_at', 3],
      ['quantity', 4],
      ['unit_price', 5],
      ['paid_amount', 6],
      ['waybill_no', 7],
      ['platform_sku', 8],
    ]);
    expect(match.labels.get('unit_price')).toBe('单价(元)');
  });

  it('reports every missing required column on the header row', () => {
    const match = matchHeader(['订单号', '备注X'], 3);
    expect(match.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'status'],
      [3, 'receiver_name'],
      [3, 'created_at'],
      [3, 'quantity'],
      [3, 'unit_price'],
      [3, 'platform_sku'],
    ]);
    expect(match.warnings).toEqual([{ row: 3, message: 'unknown column "备注X" is ignored' }]);
  });

  it('refuses two columns that mean the same field', () => {
    const match = matchHeader(['订单号', 'order_id', '状态', '收货人', '下单时间', '数量', '单价', '标准SKU'], 1);
    expect(match.errors).toEqual([{ row: 1, field: 'platform_order_id', message: 'columns "订单号" and "order_id" are the same field' }]);
  });

  it('has no header name claimed by two fields', () => {
    const names = IMPORT_COLUMNS.flatMap((c) => [c.key, c.zh, ...c.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('README.md', () => {
  it('documents every column under its Chinese header and key', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const c of IMPORT_COLUMNS) expect(readme, c.key).toContain(`| \`${c.zh}\` · \`${c.key}\``);
  });
});
