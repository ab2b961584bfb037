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
 * because frozen rows or columns would be all that is left, the stale cells
 * are cleared instead: extra grid, never stale content. Any other error is
 * thrown (the journal's replay trims again).
 */
export function trimTo(sheet: Sheet, size: GridSize, want: GridSize): GridSize {
  const rows = Math.max(1, want.rows);
  const columns = Math.max(1, want.columns);
  if (size.rows > rows) {
    try {
      sheet.deleteRows(rows + 1, size.rows - rows);
    } catch (err) {
      if (!isFrozenRefusal(err)) throw err;
      sheet.getRange(rows + 1, 1, size.rows - rows, size.columns).clearContent();
      return { rows: size.rows, columns: size.columns };
    }
  }
  if (size.columns > columns) {
    try {
      sheet.deleteColumns(columns + 1, size.columns - columns);
    } catch (err) {
      if (!isFrozenRefusal(err)) throw err;
      sheet.getRange(1, columns + 1, Math.min(size.rows, rows), size.columns - columns).clearContent();
      return { rows: Math.min(size.rows, rows), columns: size.columns };
    }
  }
  return { rows: Math.min(size.rows, rows), columns: Math.min(size.columns, columns) };
}

/** "Sorry, it is not possible to delete all non-frozen rows." */
function isFrozenRefusal(err: unknown): boolean {
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' && /frozen/i.test(m);
}
