import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from './format.js';
import { toXlsx } from './xlsx.js';

const columns: ExportColumn[] = [
  { key: 'id', header: '订单号', kind: 'text' },
  { key: 'name', header: '收货人', kind: 'text' },
  { key: 'remark', header: '卖家备注', kind: 'text' },
  { key: 'paid', header: '实付', kind: 'money' },
  { key: 'qty', header: '数量', kind: 'int' },
  { key: 'at', header: '下单时间', kind: 'time' },
];

async function readBack(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook.worksheets[0]!;
}

describe('toXlsx', () => {
  const rows = [
    { id: '6919834213451234567', name: '欧阳娜娜', remark: '=1+1', paid: -1250, qty: 3, at: Date.UTC(2024, 0, 1, 0, 0, 0) },
    { id: '3028689418086124', name: '王伟', remark: '-不要辣', paid: 1999, qty: 1, at: null },
  ];

  it('writes numbers as numbers, ids as text, times as dates, and neutralises text', async () => {
    const sheet = await readBack(await toXlsx(columns, rows));
    const row2 = sheet.getRow(2);
    expect(row2.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row2.getCell(1).value).toBe('6919834213451234567');
    expect(row2.getCell(2).value).toBe('欧阳娜娜');
    expect(row2.getCell(3).value).toBe("'=1+1");
    expect(row2.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(row2.getCell(4).value).toBe(-12.5);
    expect(row2.getCell(4).numFmt).toBe('0.00');
    expect(row2.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(row2.getCell(5).value).toBe(3);
    expect(row2.getCell(6).type).toBe(ExcelJS.ValueType.Date);
    // Excel dates have no zone: the cell holds the Shanghai wall clock.
    expect((row2.getCell(6).value as Date).toISOString()).toBe('2024-01-01T08:00:00.000Z');
    const row3 = sheet.getRow(3);
    expect(row3.getCell(1).value).toBe('3028689418086124');
    expect(row3.getCell(3).value).toBe("'-不要辣");
    expect(row3.getCell(4).value).toBe(19.99);
    expect(row3.getCell(6).value).toBeNull();
  });

  it('has a bold, frozen header row and sized columns', async () => {
    const sheet = await readBack(await toXlsx(columns, rows));
    expect(sheet.getRow(1).values).toEqual([undefined, '订单号', '收货人', '卖家备注', '实付', '数量', '下单时间']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(21); // 19-digit id + 2
    expect(sheet.getColumn(6).width).toBe(22); // time: 20 + 2
  });

  it('accepts an async row source and an empty one', async () => {
    async function* none(): AsyncGenerator<Record<string, unknown>> {}
    const sheet = await readBack(await toXlsx(columns, none()));
    expect(sheet.rowCount).toBe(1);
  });
});
