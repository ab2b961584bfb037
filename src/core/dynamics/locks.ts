import { excerpt, normalizeText, parseDate, parseText } from '../base/cells.js';
import { normalizeHeader } from '../base/bilingual.js';
import type { Issue } from '../base/issues.js';
import type { MemberRow } from '../facts/members.js';
import type { RuleSet } from '../rules/types.js';
import { columnLetter, sheetRowOf, type Table } from '../base/table.js';
import { formatCivilDay } from '../base/time.js';
import { locateColumns } from '../base/columns.js';

/**
 * Operator columns on the members sheet that pin tiers: 锁定层级 holds one
 * tier name per rule set to pin (核心成员, or 核心成员，内容创造者), 锁定至 an
 * optional last day of the lock. Either language's names are recognised.
 * Fenceng only reads these columns; it never writes them.
 */
export const LOCK_COLUMNS = {
  tier: { zh: '锁定层级', en: 'Locked tier', also: ['锁定', '层级锁定', 'Tier lock', 'Lock tier', 'Lock'] },
  until: { zh: '锁定至', en: 'Locked until', also: ['锁定到期', '锁定截止', '锁定期限', 'Lock until', 'Lock expires'] },
} as const;

export interface Lock {
  /** ruleSetId → tier id. */
  tiers: Record<string, string>;
  /** Last civil day of the lock (inclusive); undefined: no end. */
  until?: number;
}

export interface Locks {
  /** By data row index. */
  byRow: Map<number, Lock>;
  issues: Issue[];
  /** Column indexes found (for tests and the sidebar). */
  columns: { tier?: number; until?: number };
}

/** Whether the lock holds on `today`. */
export function lockActive(lock: Lock, today: number): boolean {
  return lock.until === undefined || today <= lock.until;
}

export function readLocks(table: Table, rows: MemberRow[], ruleSets: RuleSet[], today: number): Locks {
  const at = locateColumns(table.header, LOCK_COLUMNS);
  const columns = { tier: at.tier < 0 ? undefined : at.tier, until: at.until < 0 ? undefined : at.until };
  const byRow = new Map<number, Lock>();
  const issues: Issue[] = [];
  if (columns.tier === undefined) return { byRow, issues, columns };

  const sets = ruleSets.filter((s) => s.hitPolicy === 'first');
  const tierByName = new Map<string, { set: string; tier: string }>();
  for (const s of sets) for (const t of s.tiers) for (const n of [t.zh, t.en, t.id]) tierByName.set(normalizeHeader(n), { set: s.id, tier: t.id });

  for (const row of rows) {
    if (row.status !== 'ok') continue;
    const cells = table.rows[row.index];
    const raw = parseText(cells[columns.tier] ?? null);
    if (raw.kind === 'missing') continue;
    const issue = (col: number, message: string) =>
      issues.push({ sheet: table.sheet, row: sheetRowOf(row.index), column: table.header[col] ?? '', columnLetter: columnLetter(col), memberId: row.memberId ?? '', code: 'lock', message });
    if (raw.kind === 'invalid') {
      issue(columns.tier, `无法识别「${raw.raw}」，未锁定 / Cannot read "${raw.raw}"; not locked`);
      continue;
    }
    const lock: Lock = { tiers: {} };
    for (const token of raw.value.split(/[,，;；、/|]+/).map((t) => normalizeText(t)).filter(Boolean)) {
      const hit = tierByName.get(normalizeHeader(token));
      if (!hit) {
        const known = sets.map((s) => s.tiers.map((t) => t.zh).join('/')).join('；');
        issue(columns.tier, `「${excerpt(token)}」不是层级名称（可用：${known}），此项未锁定 / "${excerpt(token)}" is not a tier name; not locked`);
      } else if (lock.tiers[hit.set] && lock.tiers[hit.set] !== hit.tier) {
        issue(columns.tier, `同一层级类型锁定了两次，「${excerpt(token)}」被忽略 / Two locks for one kind of tier; "${excerpt(token)}" ignored`);
      } else lock.tiers[hit.set] = hit.tier;
    }
    if (Object.keys(lock.tiers).length === 0) continue;
    if (columns.until !== undefined) {
      const until = parseDate(cells[columns.until] ?? null, today);
      if (until.kind === 'value') lock.until = until.value;
      else if (until.kind === 'invalid') issue(columns.until, `无法识别日期「${until.raw}」，锁定不设到期日 / Cannot read the date "${until.raw}"; the lock has no end date`);
    }
    byRow.set(row.index, lock);
  }
  return { byRow, issues, columns };
}

/** `已锁定至 2026-12-31` / `locked until 2026-12-31` (or with no end). */
export function describeLock(lock: Lock, locale: 'zh' | 'en'): string {
  if (locale === 'zh') return lock.until === undefined ? '已锁定（无到期日）' : `已锁定至 ${formatCivilDay(lock.until)}`;
  return lock.until === undefined ? 'locked (no end date)' : `locked until ${formatCivilDay(lock.until)}`;
}
