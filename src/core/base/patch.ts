import type { CellValue } from './table.js';

/**
 * Everything a run will write, computed before anything is written.
 * Adapters apply a whole patch or nothing.
 */

/** Columns written into an existing sheet; every other column is left alone. */
export interface ColumnsPatch {
  kind: 'columns';
  sheet: string;
  columns: Array<{
    /** 0-based column index in the sheet. */
    index: number;
    header: string;
    /** values[i] goes to sheet row i + 2. */
    values: CellValue[];
  }>;
  /** How the written columns look (only these columns: the rest of the sheet is the operator's). */
  layout?: SheetLayout;
}

/** A sheet owned by Fenceng: its whole content is replaced (created if absent). */
export interface ReplaceSheetPatch {
  kind: 'replace';
  sheet: string;
  /** Row 1 first (the header), then data rows. */
  rows: CellValue[][];
  /** Fenceng's own state (rule versions, tier history): kept out of the operator's way. */
  hidden?: boolean;
  /**
   * Only these people (plus the spreadsheet's owner and whoever runs
   * Fenceng, whom Google never removes) may edit the sheet. Applied by the
   * Apps Script adapter (sheet protection); files have no accounts, so the
   * file adapters ignore it.
   */
  protect?: SheetProtection;
  /**
   * Charts drawn from this sheet's own cells. When present (even empty), the
   * sheet's charts are replaced by these; absent leaves charts alone. The
   * Apps Script adapter embeds them, the xlsx adapter writes them as native
   * chart parts; CSV has no charts (the CLI's report.html draws the same figures).
   */
  charts?: ChartSpec[];
  /** How the sheet looks: widths, header, filter, formats, tier colours. */
  layout?: SheetLayout;
}

/** An embedded chart as data: a block of the sheet (header row = series names, first column = categories). */
export interface ChartSpec {
  type: 'column' | 'bar' | 'line' | 'pie';
  title: string;
  /** 1-based, in this sheet: the block's top-left cell and size, header row included. */
  range: { row: number; column: number; rows: number; columns: number };
  /** 1-based cell the chart's top-left corner sits on. */
  anchor: { row: number; column: number };
  stacked?: boolean;
}

/**
 * Rows added after the last row of a sheet Fenceng keeps append-only (the
 * points ledger); rows already there are never rewritten. A missing or empty
 * sheet is created with `header` first.
 */
export interface AppendRowsPatch {
  kind: 'append';
  sheet: string;
  header: CellValue[];
  rows: CellValue[][];
  /** Fenceng's own archive: hidden in Sheets and the memory adapter (the xlsx adapter leaves it visible). */
  hidden?: boolean;
  layout?: SheetLayout;
}

/**
 * Layout hints, planned in core from the cells written, applied by each
 * adapter in its own terms (xlsx styles and <cols>, Sheets ranges): one
 * setting per column or sheet, never per cell.
 */
export interface SheetLayout {
  /** Columns to lay out, 0-based; columns not listed are left as they are. */
  columns: ColumnLayout[];
  /** Rows kept in view at the top (the header). */
  freezeRows?: number;
  /** The header cells of the listed columns in bold. */
  boldHeader?: boolean;
  /**
   * More rows (1-based, below the header) whose cells in the listed columns
   * are bold: the title and header row of each block of a report sheet
   * (分层概览, 运营看板). Ascending, no duplicates.
   */
  boldRows?: number[];
  /**
   * An autofilter on the header row over these columns (0-based, inclusive)
   * and the `rows` data rows below it (an appended sheet: every data row).
   */
  filter?: { from: number; to: number; rows: number };
}

export interface ColumnLayout {
  index: number;
  /** Width in characters of the default font (a CJK character counts 2). */
  width: number;
  /** Long text: wrapped inside the capped width instead of cut. */
  wrap?: boolean;
  /** Number format of the data cells, in the code Excel, WPS, LibreOffice and Sheets share ('yyyy-mm-dd', '#,##0', '0"%"'). */
  numberFormat?: string;
  /** Data cells whose text equals `text` get the `fill` background (#RRGGBB): tier colours, light enough to print. */
  fills?: Array<{ text: string; fill: string }>;
}

export interface SheetProtection {
  /** Email addresses, lower case, no duplicates. */
  editors: string[];
  /** Shown in Sheets' protected ranges panel. */
  description: string;
}

export type SheetPatch = ColumnsPatch | ReplaceSheetPatch | AppendRowsPatch;

export interface WorkbookPatch {
  sheets: SheetPatch[];
  /**
   * Every sheet's name in tab order after the patch (planned in core: the
   * sheets that existed keep their order, new ones are placed by group).
   * Adapters move only the tabs that are out of place; absent = new tabs go last.
   */
  order?: string[];
}
