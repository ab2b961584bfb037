/**
 * The CSV port: a text export (Excel/WPS "CSV", "文本文件(制表符分隔)",
 * "Unicode 文本") as a one-sheet workbook, and results written back as CSV.
 * The pieces live in ./csv/:
 *   decode.ts    which encoding (BOM, UTF-8, else GB18030), decoding a chunk at a time
 *   cells.ts     the separator sniffed from the header line; plain numbers
 *   read.ts      one streaming pass from bytes to a table
 *   workbook.ts  CsvWorkbook: the table as a workbook port, patches in memory
 *   write.ts     a sheet as a CSV file Excel/WPS open (UTF-8 with BOM)
 */
import { readCsv, type CsvReadOptions } from './csv/read.js';
import { CsvWorkbook } from './csv/workbook.js';

export { decodeCsv } from './csv/decode.js';
export { plainNumber, sniffDelimiter } from './csv/cells.js';
export { CsvWorkbook } from './csv/workbook.js';
export type { CsvReadOptions as CsvOptions } from './csv/read.js';

/**
 * A CSV or tab-separated text export as a one-sheet workbook; the separator
 * is sniffed from the header line. A plain number ("0", "12", "-3.5") becomes
 * a number, so the written workbook has numbers Excel can SUM; everything
 * else stays the string it was ('' becomes an empty cell): "1.2万", "2,012",
 * "00123", "+15" or a 16-digit ID are for the core to interpret.
 */
export async function openCsv(pathOrBuffer: string | Buffer, opts: CsvReadOptions = {}): Promise<{ workbook: CsvWorkbook; encoding: string }> {
  const read = await readCsv(pathOrBuffer, opts);
  return { workbook: new CsvWorkbook(read), encoding: read.encoding };
}
