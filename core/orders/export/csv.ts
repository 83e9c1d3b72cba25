import { type ExportColumn, type ExportRows, epochMs, fenToYuanText, formatShanghai, integerValue, moneyFen, neutraliseFormula, textValue } from './format.js';

/** Excel only reads a CSV as UTF-8 when it starts with a BOM; without it Chinese text is mojibake. */
const UTF8_BOM = '\uFEFF';

/**
 * Long digit strings in text columns (19-digit order ids, waybills) get a trailing TAB: Excel
 * would otherwise read them as numbers and keep 15 digits (6.91983E+18). This is the guard the
 * Alipay and WeChat Pay bills use; our importer (and most others) trims it. Leading zeros are
 * protected the same way.
 */
function keepAsTextInExcel(text: string): string {
  return /^\d{12,}$/.test(text) || /^0\d+$/.test(text) ? `${text}\t` : text;
}

export function csvCell(column: ExportColumn, value: unknown): string {
  switch (column.kind) {
    case 'money': {
      const fen = moneyFen(column, value);
      return fen === null ? '' : fenToYuanText(fen);
    }
    case 'int': {
      const n = integerValue(column, value);
      return n === null ? '' : String(n);
    }
    case 'time': {
      const ms = epochMs(column, value);
      return ms === null ? '' : formatShanghai(ms);
    }
    case 'text':
      return quote(keepAsTextInExcel(neutraliseFormula(textValue(value))));
  }
}

/** RFC 4180 quoting, plus leading/trailing spaces, which some readers would otherwise trim. */
function quote(text: string): string {
  return /[",\r\n]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text line by line (CRLF, as RFC 4180 and Excel expect), for streaming to a file or socket. */
export async function* csvLines(columns: readonly ExportColumn[], rows: ExportRows): AsyncGenerator<string> {
  yield `${UTF8_BOM}${columns.map((c) => quote(neutraliseFormula(c.header))).join(',')}\r\n`;
  for await (const row of rows) {
    yield `${columns.map((c) => csvCell(c, row[c.key])).join(',')}\r\n`;
  }
}

/**
 * The whole file as bytes. Encoded in ~1 MB pieces: a million-row export as one JS string would
 * approach V8's maximum string length.
 */
export async function toCsv(columns: readonly ExportColumn[], rows: ExportRows): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const line of csvLines(columns, rows)) {
    pending.push(line);
    pendingLength += line.length;
    if (pendingLength > 1_000_000) {
      pieces.push(Buffer.from(pending.join(''), 'utf8'));
      pending = [];
      pendingLength = 0;
    }
  }
  pieces.push(Buffer.from(pending.join(''), 'utf8'));
  return Buffer.concat(pieces);
}
