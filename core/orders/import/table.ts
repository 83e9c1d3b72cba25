/** One row of an order file after decoding, before any field is interpreted. */
export interface TableRecord {
  /** 1-based row number as the user sees it in Excel (header = row 1). */
  row: number;
  cells: string[];
  /** Cells whose stored value could not be turned into text faithfully, by 0-based column. */
  cellProblems?: Map<number, string>;
}

/** A record is blank when every cell is empty; blank lines carry no data, wherever they are. */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
