import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { XlsxWorkbook } from './xlsx.js';

export interface CsvOptions {
  /** Force an encoding (any name iconv-lite knows, e.g. 'gbk'); otherwise it is detected. */
  encoding?: string;
  /** Name of the one sheet the CSV becomes. */
  sheetName?: string;
}

/**
 * A CSV as a one-sheet workbook. Every value stays a string ('' becomes an
 * empty cell): "1.2万", "2,012" or "00123" are for the core to interpret.
 */
export async function openCsv(
  pathOrBuffer: string | Buffer,
  opts: CsvOptions = {},
): Promise<{ workbook: XlsxWorkbook; encoding: string }> {
  const bytes = typeof pathOrBuffer === 'string' ? await readFile(pathOrBuffer) : pathOrBuffer;
  const { text, encoding } = decodeCsv(bytes, opts.encoding);
  const records: string[][] = parse(text, {
    relax_column_count: true, // exports often have ragged rows
    relax_quotes: true, // a stray " inside a nickname must not abort the run
    skip_empty_lines: false, // blank lines keep their row numbers
    trim: false,
  });
  const grid: Array<Array<string | null>> = records.map((r) => r.map((v) => (v === '' ? null : v)));
  while (grid.length > 0 && grid[grid.length - 1].every((v) => v === null)) grid.pop();
  const header = (grid[0] ?? []).map((v) => v ?? '');
  const workbook = await XlsxWorkbook.create([{ sheet: opts.sheetName ?? '成员', header, rows: grid.slice(1) }]);
  return { workbook, encoding };
}

/**
 * Explicit encoding wins; else a BOM; else UTF-8 if the bytes are valid UTF-8;
 * else GB18030, which is what Chinese Excel/WPS save as "CSV" (a superset of GBK).
 */
export function decodeCsv(bytes: Uint8Array, encoding?: string): { text: string; encoding: string } {
  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw new Error(`不认识的编码：${encoding} / Unknown encoding: ${encoding}`);
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding: encoding.toLowerCase() };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)), encoding: 'utf-8' };
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
