/** Counts of the messiness a members table carries, for the CLI's one-line summary. */

import type { CellValue, Table } from '../core/base/table.js';

export interface SampleDescription {
  /** All data rows, blank ones included. */
  rows: number;
  /** Rows whose every cell is null or blank text. */
  blankRows: number;
  /** Non-blank rows without a 成员ID. */
  missingIds: number;
  /** Non-blank rows repeating a 成员ID seen in an earlier row. */
  duplicateIds: number;
}

export function describeSample(table: Table): SampleDescription {
  const idCol = table.header.indexOf('成员ID');
  let blankRows = 0;
  let missingIds = 0;
  let duplicateIds = 0;
  const seen = new Set<string>();
  for (const row of table.rows) {
    if (row.every(isBlank)) {
      blankRows++;
      continue;
    }
    const id = idCol >= 0 ? row[idCol] ?? null : null;
    if (isBlank(id)) {
      missingIds++;
      continue;
    }
    const key = id instanceof Date ? id.toISOString() : String(id).trim();
    if (seen.has(key)) duplicateIds++;
    else seen.add(key);
  }
  return { rows: table.rows.length, blankRows, missingIds, duplicateIds };
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}
