import type { CellValue } from '../core/base/table.js';
import { MAX_COLUMNS, MAX_ROWS } from '../core/base/cell-limits.js';
import { MAX_PART_BYTES } from '../ports/xlsx/limits.js';

/**
 * Which sheets of a result cannot go into one .xlsx, decided before anything
 * is written. A sheet is too large when Excel could not hold it (more than
 * 1,048,576 rows or 16,384 columns), or when its part of the .xlsx would be
 * more than Fenceng reads back from an .xlsx (256 MB of sheet XML: about
 * 230,000 members with Fenceng's columns), since a result nobody can run
 * again is no result. Such a sheet is written as CSV beside the .xlsx.
 */
export interface SheetLimits {
  rows: number;
  columns: number;
  /** Estimated size of the sheet's XML in an .xlsx. */
  sheetBytes: number;
}

export const XLSX_SHEET_LIMITS: SheetLimits = { rows: MAX_ROWS, columns: MAX_COLUMNS, sheetBytes: MAX_PART_BYTES };

export interface OversizedSheet {
  sheet: string;
  rows: number;
  columns: number;
  why: { zh: string; en: string };
}

/** The sheets (each row 1 first) beyond `limits`, in the order given. */
export function oversizedSheets(sheets: Iterable<{ sheet: string; grid: readonly CellValue[][] }>, limits: SheetLimits = XLSX_SHEET_LIMITS): OversizedSheet[] {
  const out: OversizedSheet[] = [];
  for (const { sheet, grid } of sheets) {
    const rows = grid.length;
    let columns = 0;
    for (const r of grid) if (r.length > columns) columns = r.length;
    const why = reason(grid, rows, columns, limits);
    if (why) out.push({ sheet, rows, columns, why });
  }
  return out;
}

const n = (x: number) => x.toLocaleString('en-US');

function reason(grid: readonly CellValue[][], rows: number, columns: number, limits: SheetLimits): { zh: string; en: string } | undefined {
  if (rows > limits.rows) return { zh: `超过 Excel 的 ${n(limits.rows)} 行`, en: `more than Excel's ${n(limits.rows)} rows` };
  if (columns > limits.columns) return { zh: `${n(columns)} 列，超过 Excel 的 ${n(limits.columns)} 列`, en: `${n(columns)} columns, more than Excel's ${n(limits.columns)}` };
  const bytes = estimatedSheetBytes(grid);
  if (bytes > limits.sheetBytes) {
    const mb = (x: number) => (x / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
    return { zh: `写成 .xlsx 约 ${mb(bytes)} MB，超过 Fenceng 能再读入的 ${mb(limits.sheetBytes)} MB`, en: `about ${mb(bytes)} MB as .xlsx, more than the ${mb(limits.sheetBytes)} MB Fenceng reads back` };
  }
  return undefined;
}

/**
 * About how many bytes of XML the .xlsx writer makes of a sheet: a row's
 * and each filled cell's tags and reference, plus the value (text counted
 * at two bytes a character: Chinese is three in UTF-8, ASCII one).
 * Measured on a 100k-member result: within 5% of the real parts.
 */
export function estimatedSheetBytes(grid: readonly CellValue[][]): number {
  let bytes = 0;
  for (const row of grid) {
    bytes += 40;
    for (const v of row) {
      if (v === null || v === undefined || v === '') continue;
      bytes += 36 + (typeof v === 'string' ? v.length * 2 : typeof v === 'number' ? 8 : 6);
    }
  }
  return bytes;
}
