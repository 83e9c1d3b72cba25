import { isBlankRecord, type TableRecord } from './table.js';

/**
 * RFC 4180 CSV reader, written here rather than pulled in so that its leniencies are ours and tested:
 * - records end at CRLF, LF or a lone CR (old Mac exports); line breaks inside quotes are data;
 * - `""` inside a quoted field is one quote;
 * - a quote in the middle of an unquoted field is kept literally (Excel does the same);
 * - text after a closing quote is appended, as Excel does for `"abc"def` (not valid RFC 4180);
 * - an unterminated quote is reported, because every record after it would be silently swallowed.
 * Each record carries its 1-based record number, which is the row number Excel shows when it opens
 * the file (a quoted multi-line cell is still one row).
 */
export type CsvRecord = TableRecord;

export interface CsvParseResult {
  records: CsvRecord[];
  /** Set when a quoted field never closes: the row where it opened. */
  unterminatedQuoteRow?: number;
}

export function parseCsv(text: string, delimiter = ','): CsvParseResult {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteOpenedAtRow = 0;
  let row = 1;
  let i = 0;
  const endField = (): void => {
    cells.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push({ row, cells });
    cells = [];
    row += 1;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteOpenedAtRow = row;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (inQuotes) {
    endRecord();
    return { records: dropTrailingBlank(records), unterminatedQuoteRow: quoteOpenedAtRow };
  }
  if (field !== '' || cells.length > 0) endRecord();
  return { records: dropTrailingBlank(records) };
}

function dropTrailingBlank(records: CsvRecord[]): CsvRecord[] {
  let end = records.length;
  while (end > 0 && isBlankRecord(records[end - 1]!.cells)) end -= 1;
  return records.slice(0, end);
}

/**
 * Tab-separated files come from Excel's "Unicode text" export and from .tsv/.txt downloads. Choose
 * tab only when the header line has tabs and no commas, so ordinary CSV is never misread.
 */
export function sniffDelimiter(text: string, fileName: string): ',' | '\t' {
  if (/\.tsv$/i.test(fileName)) return '\t';
  const lineEnd = text.search(/\r|\n/);
  const firstLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
