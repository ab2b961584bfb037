import type { Bilingual } from '../base/bilingual.js';
import { findColumn, lastUsedColumn, placeColumns } from '../base/columns.js';
import type { Table } from '../base/table.js';

/**
 * Every column Fenceng writes on the members sheet, in one place: the
 * managed tier columns, 负责管理员 and 积分余额. Tiering skips all of them
 * when it reads the members' data.
 */

/** Columns Fenceng owns on the members sheet, in the order they are appended. */
export const MANAGED_COLUMNS = {
  activity: { zh: '活跃层级', en: 'Activity tier' },
  contribution: { zh: '贡献层级', en: 'Contribution tier' },
  reason: { zh: '分层依据', en: 'Tier reason' },
  progress: { zh: '距下一层级', en: 'To next tier' },
  status: { zh: '分层状态', en: 'Tier status' },
  computedAt: { zh: '计算时间', en: 'Computed at' },
} as const;

export type ManagedColumnId = keyof typeof MANAGED_COLUMNS;

/**
 * Where each managed column goes: an existing column with its name (either
 * language) is updated in place; new ones are appended after the last column
 * that holds anything, so operator data is never overwritten.
 */
export function locateManagedColumns(table: Table): Record<ManagedColumnId, number> {
  return placeColumns(table, MANAGED_COLUMNS);
}

/** The 负责管理员 column, written only when the workbook has an Admins sheet. */
export const ADMIN_COLUMN = { zh: '负责管理员', en: 'Assigned admin' } as const;

/** Where 负责管理员 goes: in place if present (either language), else right after the managed columns. */
export function locateAdminColumn(table: Table, managed: Record<ManagedColumnId, number> = locateManagedColumns(table)): number {
  return placeColumns(table, { admin: ADMIN_COLUMN }, Math.max(lastUsedColumn(table), ...Object.values(managed))).admin;
}

/** 积分余额: the points balance each member has, written by the points stage. */
export const POINTS_BALANCE_COLUMN: Bilingual = { zh: '积分余额', en: 'Points balance' };

/**
 * Where 积分余额 goes: updated in place when the column exists (either
 * language), else added after every column that holds anything and every
 * column this run writes.
 */
export function locateBalanceColumn(table: Table, writtenThisRun: number[]): number {
  return placeColumns(table, { balance: POINTS_BALANCE_COLUMN }, Math.max(lastUsedColumn(table), ...writtenThisRun)).balance;
}

/** The existing 积分余额 column (either language), or -1. */
export function findBalanceColumn(table: Table): number {
  return findColumn(table.header, POINTS_BALANCE_COLUMN);
}
