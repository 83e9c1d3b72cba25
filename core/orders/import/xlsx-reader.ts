import ExcelJS from 'exceljs';
import type { TableRecord } from './table.js';

export type SheetReadResult = { ok: true; records: TableRecord[] } | { ok: false; reason: string };

/**
 * Reads the first worksheet into text cells. Only the cached values are read: formulas are never
 * recalculated, so what the user saw in Excel is what we import.
 */
export async function readFirstSheet(bytes: Uint8Array): Promise<SheetReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's index.d.ts declares `interface Buffer extends ArrayBuffer`, which merges with Node's
    // Buffer into a type nothing satisfies; at runtime it takes a Node Buffer (handed to JSZip).
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `the file is not a readable XLSX workbook (damaged, truncated or another format): ${detail}` };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, reason: 'the workbook has no worksheet' };
  const records: TableRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const problems = new Map<number, string>();
    const values = Array.isArray(row.values) ? row.values : [];
    // row.values is 1-based: index 0 is always empty.
    for (let col = 1; col < values.length; col += 1) {
      const { text, problem } = cellText(values[col] ?? null);
      cells.push(text);
      if (problem) problems.set(col - 1, problem);
    }
    records.push(problems.size > 0 ? { row: row.number, cells, cellProblems: problems } : { row: row.number, cells });
  });
  return { ok: true, records };
}

interface CellText {
  text: string;
  problem?: string;
}

export function cellText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('error' in value) return { text: '', problem: `the cell shows the Excel error ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined) return { text: '', problem: 'the formula has no saved result; open and save the file in Excel first' };
    if (typeof result === 'object' && !(result instanceof Date)) return { text: '', problem: `the formula shows the Excel error ${result.error}` };
    return cellText(result);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return { text: '', problem: 'the cell holds a value of an unknown kind' };
}

/**
 * Excel numbers are doubles. An integer beyond 2^53 (a 19-digit order id typed into a General
 * cell) has already lost digits, so it is flagged rather than imported as a wrong id.
 * Fractions are cut to 15 significant digits — what Excel itself displays — so 0.1+0.2 computed
 * in a formula reads as 0.3, not 0.30000000000000004.
 */
function numberText(n: number): CellText {
  if (!Number.isFinite(n)) return { text: String(n), problem: `the number ${n} is not finite` };
  if (Number.isInteger(n)) {
    const text = BigInt(n).toString();
    if (Number.isSafeInteger(n)) return { text };
    return {
      text,
      problem: `Excel stored ${text} as a number beyond 2^53, so its last digits are not reliable; format the column as Text and enter it again`,
    };
  }
  return { text: String(Number(n.toPrecision(15))) };
}

/**
 * Excel dates have no zone. ExcelJS turns the serial into a Date whose UTC fields are the
 * wall-clock fields, so they are read back as UTC and later interpreted as Asia/Shanghai.
 * Rounded to the second because serial fractions land a millisecond off (…:59.999).
 */
function dateText(d: Date): CellText {
  if (Number.isNaN(d.getTime())) return { text: '', problem: 'the date cell is not a valid date' };
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  return { text: rounded.toISOString().slice(0, 19).replace('T', ' ') };
}
