import type { CellValue } from '../../core/base/table.js';
import { writeFileAtomic } from '../atomic-write.js';

export interface CsvWriteOptions {
  /** The input's separator (comma, tab or semicolon). */
  delimiter: string;
  lineBreak: string;
  /** Rows written so far of all. */
  onProgress?: (done: number, total: number) => void;
}

/** Rows per piece handed to the file: the text is made and written a piece at a time, never whole. */
const ROWS_PER_PIECE = 20_000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A sheet (row 1 first) as a CSV file Excel and WPS open as it is: UTF-8
 * with a BOM (without one, Chinese Excel reads it as GBK), the input's
 * separator and line break, a cell quoted when it holds a separator, a quote
 * or a line break. Written atomically, a piece at a time.
 */
export async function writeCsvFile(path: string, grid: readonly CellValue[][], opts: CsvWriteOptions): Promise<void> {
  await writeFileAtomic(path, pieces(grid, opts), { makeParents: true });
}

function* pieces(grid: readonly CellValue[][], opts: CsvWriteOptions): Generator<Uint8Array> {
  yield BOM;
  const needsQuotes = new RegExp(`["\\r\\n${opts.delimiter === '\t' ? '\\t' : opts.delimiter}]`);
  const cell = (v: CellValue): string => {
    const s = csvText(v);
    return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  for (let at = 0; at < grid.length; at += ROWS_PER_PIECE) {
    const lines: string[] = [];
    for (const row of grid.slice(at, at + ROWS_PER_PIECE)) lines.push(row.map(cell).join(opts.delimiter));
    yield Buffer.from(lines.join(opts.lineBreak) + opts.lineBreak, 'utf8');
    opts.onProgress?.(Math.min(grid.length, at + ROWS_PER_PIECE), grid.length);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A value as the text Excel shows for it: a date as YYYY-MM-DD (with the time when it has one), TRUE/FALSE. */
export function csvText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Wall-clock dates: the UTC fields are the clock's.
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const h = v.getUTCHours(), m = v.getUTCMinutes(), s = v.getUTCSeconds();
    if (h === 0 && m === 0 && s === 0) return day;
    return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
