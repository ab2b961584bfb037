import { normalizeHeader } from '../headers.js';
import type { MemberRow } from '../members.js';
import { POINTS_BALANCE_COLUMN } from '../ops/names.js';
import type { ColumnsPatch } from '../patch.js';
import type { Locale } from '../rules/explain.js';
import type { Table } from '../table.js';

/**
 * 积分余额 (points balance) on the members sheet: updated in place when the
 * column exists (either language), else added after every column that holds
 * anything and every column this run writes.
 */
export function locateBalanceColumn(table: Table, writtenThisRun: number[]): number {
  const found = findBalanceColumn(table);
  if (found >= 0) return found;
  const used = (c: unknown) => c !== null && c !== undefined && c !== '';
  let last = -1;
  table.header.forEach((h, i) => used(h) && (last = Math.max(last, i)));
  for (const r of table.rows) for (let i = r.length - 1; i > last; i--) if (used(r[i])) { last = i; break; }
  return Math.max(last, ...writtenThisRun) + 1;
}

/** The existing 积分余额 column (either language), or -1. */
export function findBalanceColumn(table: Table): number {
  const names = new Set([normalizeHeader(POINTS_BALANCE_COLUMN.zh), normalizeHeader(POINTS_BALANCE_COLUMN.en)]);
  return table.header.findIndex((h) => names.has(normalizeHeader(String(h ?? ''))));
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
