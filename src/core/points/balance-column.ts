import { findColumn, lastUsedColumn, placeColumns } from '../base/columns.js';
import type { MemberRow } from '../facts/members.js';
import { POINTS_BALANCE_COLUMN } from '../names/ops-sheets.js';
import type { ColumnsPatch } from '../base/patch.js';
import type { Locale } from '../rules/explain.js';
import type { Table } from '../base/table.js';

/**
 * 积分余额 (points balance) on the members sheet: updated in place when the
 * column exists (either language), else added after every column that holds
 * anything and every column this run writes.
 */
export function locateBalanceColumn(table: Table, writtenThisRun: number[]): number {
  return placeColumns(table, { balance: POINTS_BALANCE_COLUMN }, Math.max(lastUsedColumn(table), ...writtenThisRun)).balance;
}

/** The existing 积分余额 column (either language), or -1. */
export function findBalanceColumn(table: Table): number {
  return findColumn(table.header, POINTS_BALANCE_COLUMN);
}

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
