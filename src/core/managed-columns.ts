import { normalizeHeader } from './headers.js';
import type { Table } from './table.js';

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
  const byName = new Map<string, number>();
  table.header.forEach((h, i) => {
    const key = normalizeHeader(h ?? '');
    if (key && !byName.has(key)) byName.set(key, i);
  });
  let next = lastUsedColumn(table) + 1;
  const out = {} as Record<ManagedColumnId, number>;
  for (const [id, names] of Object.entries(MANAGED_COLUMNS) as Array<[ManagedColumnId, { zh: string; en: string }]>) {
    const found = byName.get(normalizeHeader(names.zh)) ?? byName.get(normalizeHeader(names.en));
    out[id] = found ?? next++;
  }
  return out;
}

/** The 负责管理员 column, written only when the workbook has an Admins sheet. */
export const ADMIN_COLUMN = { zh: '负责管理员', en: 'Assigned admin' } as const;

/** Where 负责管理员 goes: in place if present (either language), else right after the managed columns. */
export function locateAdminColumn(table: Table, managed: Record<ManagedColumnId, number> = locateManagedColumns(table)): number {
  const names = new Set([normalizeHeader(ADMIN_COLUMN.zh), normalizeHeader(ADMIN_COLUMN.en)]);
  const found = table.header.findIndex((h) => names.has(normalizeHeader(h ?? '')));
  return found >= 0 ? found : Math.max(lastUsedColumn(table), ...Object.values(managed)) + 1;
}

function lastUsedColumn(table: Table): number {
  const used = (c: unknown) => c !== null && c !== undefined && c !== '';
  let last = -1;
  table.header.forEach((h, i) => used(h) && (last = Math.max(last, i)));
  for (const row of table.rows) {
    for (let i = row.length - 1; i > last; i--) if (used(row[i])) { last = i; break; }
  }
  return last;
}
