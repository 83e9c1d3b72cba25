import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { type ExportColumn, type ExportRows, displayWidth, epochMs, integerValue, moneyFen, neutraliseFormula, shanghaiWallClockDate, textValue } from './format.js';

/** Rows looked at to size the columns; later rows only scroll. */
const WIDTH_SAMPLE_ROWS = 200;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/**
 * Typed cells, so Excel can sum and sort: money is a number of yuan (fen / 100, the nearest double
 * to the exact decimal, shown with format 0.00), counts are numbers, times are real Excel dates
 * holding the Asia/Shanghai wall clock (Excel dates have no zone), and text — order ids included —
 * is always a string cell, so a 19-digit id is never turned into a rounded number.
 */
export function xlsxCell(column: ExportColumn, value: unknown): string | number | Date | null {
  switch (column.kind) {
    case 'money': {
      const fen = moneyFen(column, value);
      return fen === null ? null : fen / 100;
    }
    case 'int':
      return integerValue(column, value);
    case 'time': {
      const ms = epochMs(column, value);
      return ms === null ? null : shanghaiWallClockDate(ms);
    }
    case 'text':
      // An .xlsx string cell is never evaluated by Excel itself, but users copy cells onward into
      // CSV and other tools, so text is neutralised the same way as in CSV exports.
      return neutraliseFormula(textValue(value));
  }
}

const NUM_FMT: Partial<Record<ExportColumn['kind'], string>> = { money: '0.00', int: '0', time: 'yyyy-mm-dd hh:mm:ss' };

/**
 * Written with ExcelJS's streaming writer so a large export does not hold a whole workbook model in
 * memory; the finished bytes are collected in memory because the handler returns base64.
 */
export async function toXlsx(columns: readonly ExportColumn[], rows: ExportRows, options: { sheetName?: string } = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheetName ?? '订单', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });

  const iterator = toAsyncIterator(rows);
  const sample: Array<Record<string, unknown>> = [];
  while (sample.length < WIDTH_SAMPLE_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    sample.push(next.value);
  }
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: columnWidth(c, sample),
    style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  const writeRow = (row: Record<string, unknown>): void => {
    sheet.addRow(columns.map((c) => xlsxCell(c, row[c.key]))).commit();
  };
  sample.forEach(writeRow);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) writeRow(next.value);
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

function columnWidth(column: ExportColumn, sample: ReadonlyArray<Record<string, unknown>>): number {
  const fixed = { money: 12, int: 8, time: 20 } as const;
  let width = Math.max(displayWidth(column.header), column.kind === 'text' ? 0 : fixed[column.kind]);
  if (column.kind === 'text') {
    for (const row of sample) width = Math.max(width, displayWidth(textValue(row[column.key])));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
}

function toAsyncIterator<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
}
