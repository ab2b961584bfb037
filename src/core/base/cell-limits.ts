import type { WorkbookPatch } from './patch.js';
import type { CellValue } from './table.js';

/**
 * Longest text a cell Fenceng writes may hold: Excel's limit (32,767
 * characters), which is below Google Sheets' 50,000, so one workbook suits both.
 */
export const MAX_CELL_TEXT = 32_767;

/** Ends a copy that had to be cut, so nobody mistakes it for the whole text. */
export const CUT_MARKER = '…［已截断 / truncated］';

/** Text within MAX_CELL_TEXT (UTF-16 units, as both spreadsheets count), cut visibly and never inside a surrogate pair. */
export function capCellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - CUT_MARKER.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + CUT_MARKER;
}

const capCell = (c: CellValue): CellValue => (typeof c === 'string' && c.length > MAX_CELL_TEXT ? capCellText(c) : c);
const capRow = (row: CellValue[]): CellValue[] => (row.some((c) => typeof c === 'string' && c.length > MAX_CELL_TEXT) ? row.map(capCell) : row);

/**
 * Every text cell of a patch within MAX_CELL_TEXT: copies of a member's
 * million-character note, a plan cell listing thousands of names. The patch
 * is changed in place; rows without a long cell are left as they are.
 */
export function capPatchText(patch: WorkbookPatch): void {
  for (const sheet of patch.sheets) {
    if (sheet.kind === 'columns') {
      for (const column of sheet.columns) {
        column.header = capCellText(column.header);
        column.values = capRow(column.values);
      }
    } else if (sheet.kind === 'replace') {
      sheet.rows = sheet.rows.map(capRow);
    } else {
      sheet.header = capRow(sheet.header);
      sheet.rows = sheet.rows.map(capRow);
    }
  }
}

/** Excel's grid: 16,384 columns (XFD) by 1,048,576 rows; Google Sheets allows more, so Excel's bound is the one to keep. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** Why a patch cannot be written into a spreadsheet grid (bilingual, naming the sheet), or undefined. */
export function patchLimitProblem(patch: WorkbookPatch): { zh: string; en: string } | undefined {
  for (const sheet of patch.sheets) {
    const name = sheet.sheet;
    if (sheet.kind === 'columns') {
      const last = sheet.columns.reduce((m, c) => Math.max(m, c.index), -Infinity);
      if (last >= MAX_COLUMNS) {
        return { zh: `「${name}」表已用到最后一列（共 ${MAX_COLUMNS} 列），没有位置写入「${sheet.columns[0]?.header ?? ''}」等列；请删除不用的列后重试`, en: `Sheet "${name}" already reaches the last column (${MAX_COLUMNS}); there is no room for Fenceng's columns — delete unused columns and run again` };
      }
      if (sheet.columns.some((c) => c.values.length + 1 > MAX_ROWS)) return { zh: `「${name}」表超过 ${MAX_ROWS} 行`, en: `Sheet "${name}" has more than ${MAX_ROWS} rows` };
    } else {
      const rows = sheet.rows.length + (sheet.kind === 'append' ? 1 : 0);
      // A loop, not Math.max(...rows): a spread of 100,000 arguments overflows the stack.
      const wide = sheet.rows.reduce((m, r) => Math.max(m, r.length), 0);
      if (rows > MAX_ROWS || wide > MAX_COLUMNS) return { zh: `「${name}」表会超过 ${MAX_ROWS} 行或 ${MAX_COLUMNS} 列`, en: `Sheet "${name}" would exceed ${MAX_ROWS} rows or ${MAX_COLUMNS} columns` };
    }
  }
  return undefined;
}
