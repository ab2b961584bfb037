/**
 * The plain data that crosses the workbook port. Adapters turn their own
 * cells into these; the core never sees a library or Google type.
 */

/**
 * One cell as an adapter hands it over.
 * A `Date` is a wall-clock value: its UTC fields (getUTCFullYear, …) are the
 * date and time the operator sees in the sheet. Adapters that receive real
 * instants (Apps Script) convert them using the workbook's time zone.
 */
export type CellValue = string | number | boolean | Date | null;

/** A sheet as a header row plus data rows. `rows[i]` is sheet row `i + 2`. */
export interface Table {
  sheet: string;
  header: string[];
  rows: CellValue[][];
}

/** Sheet row number (1-based, as the operator sees it) of data row `index`. */
export function sheetRowOf(index: number): number {
  return index + 2;
}

/** Column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
