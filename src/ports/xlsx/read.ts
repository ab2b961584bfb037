import { createRequire } from 'node:module';
import type * as SheetJS from '@e965/xlsx';
import { columnLetter, type CellValue, type Table } from '../../core/base/table.js';
import { wallClockOfSerial } from './excel-dates.js';
import { cellTooLong, MAX_BLANK_ROW_RUN, MAX_CELL_CHARS, MAX_TABLE_CELLS, sheetTooLarge, strayCell } from './limits.js';

/**
 * Reading with SheetJS: fast, synchronous, and it reads everything. It is
 * never used to write (it would drop charts, validation and comments).
 */

// CommonJS; require() gives the same instance in Node and vitest.
const require = createRequire(import.meta.url);
const XLSX: typeof SheetJS = require('@e965/xlsx');

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

export type SheetJsBook = SheetJS.WorkBook;

/** Raw values plus number formats only: no text/HTML renderings, formulas or styles, to save memory. `sheet`: that sheet's cells only. */
export function parseWorkbook(bytes: Buffer, sheet?: string): SheetJsBook {
  return XLSX.read(bytes, {
    ...(sheet === undefined ? {} : { sheets: sheet }),
    type: 'buffer',
    dense: true,
    cellNF: true,
    cellText: false,
    cellHTML: false,
    cellFormula: false,
    cellStyles: false,
    cellDates: false,
  });
}

/**
 * The sheet as a table (row 1 = header), or undefined if there is no such
 * sheet. Its size is the real extent of the data, whatever `<dimension>`
 * claims: trailing blank rows and cells are left out, and a sheet beyond
 * reason (too many cells, a stray cell far below the data) is refused.
 */
export function readTable(book: SheetJsBook, sheet: string): Table | undefined {
  const ws = book.Sheets[sheet];
  if (!ws) return undefined;
  const date1904 = isDate1904(book);
  const data = denseRows(ws);

  const header = rowValues(data[0], date1904).map(headerText);
  const rows: CellValue[][] = [];
  let blank = 0; // blank rows seen since the last filled one, added only when a filled row follows
  let width = header.length;
  for (let r = 1; r < data.length; r++) {
    const row = rowValues(data[r], date1904);
    if (row.length === 0) {
      blank++;
      continue;
    }
    if (blank > MAX_BLANK_ROW_RUN) throw strayCell(sheet, firstCellRef(data[r], r), blank);
    width = Math.max(width, row.length);
    if ((rows.length + blank + 1) * width > MAX_TABLE_CELLS) throw sheetTooLarge(sheet, r + 1, width, lastCellRef(data, width));
    for (; blank > 0; blank--) rows.push(new Array<CellValue>(header.length).fill(null));
    const tooLong = row.findIndex((v) => typeof v === 'string' && v.length > MAX_CELL_CHARS);
    if (tooLong >= 0) throw cellTooLong(sheet, `${columnLetter(tooLong)}${r + 1}`, (row[tooLong] as string).length);
    while (row.length < header.length) row.push(null);
    rows.push(row);
  }
  return { sheet, header, rows };
}

function firstCellRef(row: DenseRow, r: number): string {
  const c = row ? row.findIndex((x) => x && x.v !== undefined && x.v !== null && x.v !== '') : 0;
  return XLSX.utils.encode_cell({ r, c: Math.max(c, 0) });
}

function lastCellRef(data: DenseRow[], width: number): string {
  return XLSX.utils.encode_cell({ r: data.length - 1, c: width - 1 });
}

export type DenseRow = Array<SheetJS.CellObject | undefined> | undefined;

/** SheetJS 0.19+ keeps dense rows in `!data` (0.18 kept them on the sheet itself). */
export function denseRows(ws: SheetJS.WorkSheet): DenseRow[] {
  const w = ws as unknown as { '!data'?: DenseRow[] } & DenseRow[];
  return w['!data'] ?? w;
}

export function isDate1904(book: SheetJsBook): boolean {
  return Boolean(book.Workbook?.WBProps?.date1904);
}

const dateFormatCache = new Map<string, boolean>();

/** Whether a number format shows a date: a number in such a cell is a date. */
export function isDateFormat(z: SheetJS.NumberFormat | undefined): boolean {
  if (typeof z !== 'string' || z === 'General') return false;
  let yes = dateFormatCache.get(z);
  if (yes === undefined) dateFormatCache.set(z, (yes = Boolean(XLSX.SSF.is_date(z))));
  return yes;
}

/** One sheet row as cell values, without trailing empty cells. */
function rowValues(row: DenseRow, date1904: boolean): CellValue[] {
  const out: CellValue[] = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) {
    const v = cellValue(row[c], date1904);
    if (v === null) continue;
    while (out.length < c) out.push(null);
    out.push(v);
  }
  return out;
}

function cellValue(cell: SheetJS.CellObject | undefined, date1904: boolean): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 's':
      return cell.v === '' ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return ERROR_TEXT[cell.v as number] ?? '#ERROR!';
    case 'n': {
      const n = cell.v as number;
      if (isDateFormat(cell.z)) return wallClockOfSerial(n, date1904);
      return n;
    }
    case 'd': {
      // Only produced for ISO `t="d"` cells; SheetJS builds them in local time.
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
    }
    default:
      return null;
  }
}

function headerText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
