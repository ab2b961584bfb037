import { locateBalanceColumn, POINTS_BALANCE_COLUMN } from '../names/columns.js';
import type { MemberRow } from '../facts/members.js';
import type { ColumnsPatch } from '../base/patch.js';
import type { Locale } from '../base/locale.js';
import type { Table } from '../base/table.js';

/** Members get their balance (0 when they have no ledger lines); rows that are not members stay empty. */
export function balanceColumnPatch(table: Table, rows: MemberRow[], balances: ReadonlyMap<string, number>, writtenThisRun: number[], locale: Locale): ColumnsPatch {
  return {
    kind: 'columns',
    sheet: table.sheet,
    columns: [
      {
        index: locateBalanceColumn(table, writtenThisRun),
        header: POINTS_BALANCE_COLUMN[locale],
        values: rows.map((r) => (r.status === 'ok' && r.memberId !== null ? (balances.get(r.memberId) ?? 0) : null)),
      },
    ],
  };
}
