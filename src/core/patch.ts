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
}

export interface SheetProtection {
  /** Email addresses, lower case, no duplicates. */
  editors: string[];
  /** Shown in Sheets' protected ranges panel. */
  description: string;
}

export type SheetPatch = ColumnsPatch | ReplaceSheetPatch;

export interface WorkbookPatch {
  sheets: SheetPatch[];
}
