import type { GridSize } from '../../core/budget/cell-budget.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A tab's grid, grown before a write (getRange throws outside it) and
 * trimmed after (Google counts the whole grid against the 10 M cell limit).
 * Whole blocks of rows and columns per call — never cell by cell.
 */
export function growTo(sheet: Sheet, size: GridSize, want: GridSize): GridSize {
  if (want.rows > size.rows) sheet.insertRowsAfter(size.rows, want.rows - size.rows);
  if (want.columns > size.columns) sheet.insertColumnsAfter(size.columns, want.columns - size.columns);
  return { rows: Math.max(size.rows, want.rows), columns: Math.max(size.columns, want.columns) };
}

/**
 * Deletes the rows and columns past `want`. What was there is stale (the
 * content was just written inside `want`), so if Sheets refuses to delete
 * (for example frozen rows would be all that is left) the stale cells are
 * cleared instead: extra grid, never stale content.
 */
export function trimTo(sheet: Sheet, size: GridSize, want: GridSize): GridSize {
  const rows = Math.max(1, want.rows);
  const columns = Math.max(1, want.columns);
  if (size.rows > rows) {
    try {
      sheet.deleteRows(rows + 1, size.rows - rows);
    } catch {
      sheet.getRange(rows + 1, 1, size.rows - rows, size.columns).clearContent();
    }
  }
  if (size.columns > columns) {
    try {
      sheet.deleteColumns(columns + 1, size.columns - columns);
    } catch {
      sheet.getRange(1, columns + 1, Math.min(size.rows, rows), size.columns - columns).clearContent();
    }
  }
  return { rows: Math.min(size.rows, rows), columns: Math.min(size.columns, columns) };
}
