import type { AdminSummary } from '../admins/plan-admins.js';
import type { IssueCode } from '../base/issues.js';
import { count as n, type Locale } from '../base/locale.js';
import type { Move } from '../dynamics/history.js';

export interface TierCount {
  tier: string;
  label: string;
  count: number;
}

/** What a run did, as plain JSON (the CLI's --json, the sidebar, the toast). */
export interface RunSummary {
  sheet: string;
  /** Data rows read, blank ones included. */
  rowsRead: number;
  /** Members placed in tiers. */
  members: number;
  /** Rows with content that were not tiered (no ID, duplicate ID). */
  notTiered: number;
  blankRows: number;
  tiers: Record<string, { label: string; counts: TierCount[] }>;
  /** Activity × contribution counts: matrix[activityTier][contributionTier]. */
  matrix: Record<string, Record<string, number>>;
  /** Activity-tier moves since the tiers the sheet showed before this run. */
  moves: Move[];
  movedMembers: number;
  newMembers: number;
  issues: number;
  issuesByCode: Partial<Record<IssueCode, number>>;
  rulesVersion: string;
  computedAt: string;
  timeZone: string;
  dryRun: boolean;
  /** Activity tier: members kept in their tier by a demotion grace period / pinned by 锁定层级. */
  held?: number;
  locked?: number;
  /** Members on 流失预警 (grace periods, falls in activity). */
  churnWarned?: number;
  /** Rows appended to 分层变动 (every rule set). */
  movementsAdded?: number;
  /** Present when the workbook has an Admins sheet. */
  admins?: AdminSummary;
}

/** A few lines a person reads at a glance; Chinese first, English second. */
export function summaryText(s: RunSummary, locale: Locale = 'zh'): string {
  const zhFirst = locale === 'zh';
  const line = (zh: string, en: string) => (zhFirst ? `${zh} / ${en}` : `${en} / ${zh}`);
  const tierLine = (id: string) =>
    s.tiers[id] ? `${s.tiers[id].label}: ${s.tiers[id].counts.map((c) => `${c.label} ${n(c.count)}`).join(' · ')}` : '';
  const lines = [
    line(`${s.dryRun ? '预演（未写入）' : '分层完成'}：${n(s.members)} 名成员`, `${s.dryRun ? 'Dry run (nothing written)' : 'Tiers computed'}: ${n(s.members)} members`),
    ...Object.keys(s.tiers).map(tierLine),
    line(
      `层级变动 ${n(s.movedMembers)} 人，新成员 ${n(s.newMembers)} 人`,
      `${n(s.movedMembers)} moved, ${n(s.newMembers)} new`,
    ) + (s.moves.length ? `（${s.moves.slice(0, 4).map((m) => `${m.from}→${m.to} ${n(m.count)}`).join('，')}）` : ''),
    s.held || s.locked
      ? line(`宽限期中 ${n(s.held ?? 0)} 人，锁定 ${n(s.locked ?? 0)} 人`, `${n(s.held ?? 0)} in a grace period, ${n(s.locked ?? 0)} locked`)
      : '',
    s.churnWarned ? line(`流失预警 ${n(s.churnWarned)} 人（见「流失预警」表）`, `${n(s.churnWarned)} on the churn warning sheet (流失预警)`) : '',
    s.admins
      ? line(
          `管理员：${n(s.admins.regularAdmins)} 名普通管理员，已分配 ${n(s.admins.assigned)} 人，未分配 ${n(s.admins.unassigned)} 人`,
          `Admins: ${n(s.admins.regularAdmins)} regular admins, ${n(s.admins.assigned)} members assigned, ${n(s.admins.unassigned)} unassigned`,
        ) + s.admins.shortfalls.map((f) => (f.adminsNeeded === null ? `（${f.label} ${n(f.unassigned)}）` : `（${f.label} ${n(f.unassigned)}：还需 ${n(f.adminsNeeded)} 名 / ${n(f.adminsNeeded)} more needed）`)).join('')
      : '',
    line(`问题 ${n(s.issues)} 条${s.notTiered ? `，${n(s.notTiered)} 行未分层` : ''}`, `${n(s.issues)} issues${s.notTiered ? `, ${n(s.notTiered)} rows not tiered` : ''}`),
    line(`规则版本 ${s.rulesVersion}`, `rules ${s.rulesVersion}`) + ` · ${s.computedAt} (${s.timeZone})`,
  ];
  return lines.filter(Boolean).join('\n');
}
