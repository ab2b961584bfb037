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
   * Apps Script adapter embeds them; file adapters ignore them (the CLI's
   * report.html draws the same figures).
   */
  charts?: ChartSpec[];
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
}
