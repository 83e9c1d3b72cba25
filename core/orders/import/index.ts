/** Order file import: CSV/TSV (UTF-8, GBK/GB18030, UTF-16) or XLSX → OrderInput[] with per-row errors. */
export { parseOrderFile, type ImportOptions, type OrderFileParse } from './parse-order-file.js';
export { IMPORT_COLUMNS, type ImportField } from './layout.js';
export { yuanToFen, parseQuantity } from './money.js';
export { parseShanghaiTime } from './shanghai-time.js';
export { decodeCsvBytes, type TextEncoding } from './decode.js';
export { parseCsv } from './csv.js';
