import { parseText } from '../base/cells.js';
import { findColumn } from '../base/columns.js';
import type { CellValue, Table } from '../base/table.js';
import type { MemberRow } from '../facts/members.js';
import { ADMIN_COLUMN } from '../names/columns.js';

/**
 * Member ID → responsible admin: the 负责管理员 values this run writes
 * (`written`, by data row index), else the column the members sheet already
 * has; undefined when neither exists.
 */
export function memberAdmins(table: Table, rows: MemberRow[], written: CellValue[] | undefined): Map<string, string> | undefined {
  const column = written ? -1 : findColumn(table.header, [ADMIN_COLUMN.zh, ADMIN_COLUMN.en, 'Admin']);
  if (!written && column < 0) return undefined;
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.status !== 'ok' || !r.memberId) continue;
    const cell = written ? written[r.index] : table.rows[r.index]?.[column];
    const p = parseText(cell ?? null);
    if (p.kind === 'value') out.set(r.memberId, p.value);
  }
  return out;
}
