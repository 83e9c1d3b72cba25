import { createHash } from 'node:crypto';
import type { Channel, ImportRowError, OrderInput } from '../../contract/orders.js';
import { assembleOrders } from './assemble.js';
import { parseCsv, sniffDelimiter } from './csv.js';
import { decodeCsvBytes } from './decode.js';
import { matchHeader } from './layout.js';
import { readRow } from './row-reader.js';
import { isBlankRecord, type TableRecord } from './table.js';
import { readFirstSheet } from './xlsx-reader.js';

export interface ImportOptions {
  /** Wins over the file's 渠道 column (a contradicting column is a row error); default 'pos'. */
  channel?: Channel;
  /** Wins over the file's 店铺 column likewise; default 'pos-default'. */
  shopId?: string;
}

export interface OrderFileParse {
  /** 'utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be' for text files; 'xlsx' for workbooks. */
  encoding: string;
  /** Non-blank data rows (the header not counted). */
  rowsRead: number;
  orders: OrderInput[];
  /** Row 0 = the file as a whole could not be read; row 1 = the header row. */
  errors: ImportRowError[];
  /** Checks that failed without keeping the order out (amount formula, unknown columns…). */
  warnings: ImportRowError[];
  /** Of the exact bytes, so the same file imported twice is recognised. */
  fileSha256: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (BIFF inside an OLE container)

/** Parse an order file (CSV/TSV in any common Chinese encoding, or XLSX) laid out as in layout.ts. */
export async function parseOrderFile(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<OrderFileParse> {
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const fileError = (encoding: string, message: string): OrderFileParse => ({
    encoding, rowsRead: 0, orders: [], errors: [{ row: 0, message }], warnings: [], fileSha256,
  });

  let encoding: string;
  let records: TableRecord[];
  const extraErrors = new Map<number, ImportRowError>();
  // Content decides, not the name: people rename files, and browsers hand over odd names.
  if (hasMagic(bytes, ZIP_MAGIC)) {
    encoding = 'xlsx';
    const sheet = await readFirstSheet(bytes);
    if (!sheet.ok) return fileError(encoding, sheet.reason);
    records = sheet.records;
  } else if (hasMagic(bytes, OLE_MAGIC)) {
    return fileError('xls', 'old-style .xls workbooks are not supported: save the file as .xlsx or CSV in Excel');
  } else if (/\.xlsx$/i.test(fileName)) {
    return fileError('xlsx', 'the file is named .xlsx but is not an XLSX workbook (damaged, truncated or another format)');
  } else {
    const decoded = decodeCsvBytes(bytes);
    encoding = decoded.encoding;
    const csv = parseCsv(decoded.text, sniffDelimiter(decoded.text, fileName));
    records = csv.records;
    if (csv.unterminatedQuoteRow !== undefined) {
      extraErrors.set(csv.unterminatedQuoteRow, {
        row: csv.unterminatedQuoteRow,
        message: 'a quoted cell opened on this row never closes, so the rest of the file was read into it; check the quotes',
      });
    }
  }

  const nonBlank = records.filter((r) => !isBlankRecord(r.cells));
  const [headerRecord, ...dataRecords] = nonBlank;
  if (!headerRecord) return fileError(encoding, 'the file has no rows');
  const header = matchHeader(headerRecord.cells, headerRecord.row);
  if (header.errors.length > 0) {
    return { encoding, rowsRead: dataRecords.length, orders: [], errors: header.errors, warnings: header.warnings, fileSha256 };
  }
  const rows = dataRecords.map((record) => {
    const row = readRow(record, header, headerRecord.cells);
    const extra = extraErrors.get(record.row);
    if (extra) row.errors.push(extra);
    return row;
  });
  const assembled = assembleOrders(rows, { fileName, labels: header.labels, ...options });
  return {
    encoding,
    rowsRead: dataRecords.length,
    orders: assembled.orders,
    errors: assembled.errors,
    warnings: [...header.warnings, ...assembled.warnings],
    fileSha256,
  };
}

function hasMagic(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
