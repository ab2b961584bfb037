import type { Table } from '../core/base/table.js';
import type { WorkbookPatch } from '../core/base/patch.js';

/**
 * The workbook port: the only way the rest of Fenceng touches a spreadsheet.
 * Reads are synchronous and return plain tables. `apply` writes a whole
 * patch or nothing (it may be asynchronous where the file library is).
 */
export interface WorkbookPort {
  /** Sheet names in tab order. */
  sheetNames(): string[];
  /** The sheet as a table (row 1 = header), or undefined if there is no such sheet. */
  read(sheet: string): Table | undefined;
  /** Apply every sheet patch, or none of them. */
  apply(patch: WorkbookPatch): void | Promise<void>;
}
