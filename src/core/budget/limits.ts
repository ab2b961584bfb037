/** Google Sheets' hard limits (a spreadsheet refuses the write that passes them). */

/** Cells per spreadsheet, counted as the sum over tabs of max rows × max columns (the grid, not the filled cells). */
export const MAX_CELLS = 10_000_000;
/** Characters in one cell. */
export const MAX_CELL_CHARS = 50_000;
/** Columns in one tab (column ZZZ). */
export const MAX_COLUMNS = 18_278;
/** The grid `insertSheet` makes, however little the tab will hold. */
export const NEW_TAB = { rows: 1000, columns: 26 } as const;
