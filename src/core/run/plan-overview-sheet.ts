import type { AdminSummary } from '../admins/plan-admins.js';
import { movementMatrix, type Movement } from '../dynamics/history.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { RunSummary } from './summary.js';
import type { CellValue } from '../base/table.js';

/** 分层概览: the run's figures, the activity × contribution matrix, the moves and the admin assignment. */
export function overviewRows(s: RunSummary, locale: Locale, act: RuleSet | undefined, con: RuleSet | undefined, movements: Movement[], firstPlaced?: { count: number; at: string }): CellValue[][] {
  const zh = locale === 'zh';
  const rows: CellValue[][] = [
    [zh ? '项目' : 'Item', zh ? '数值' : 'Value'],
    [zh ? '计算时间' : 'Computed at', `${s.computedAt} (${s.timeZone})`],
    [zh ? '规则版本' : 'Rules version', s.rulesVersion],
    [zh ? '成员总数' : 'Members', s.members],
    [zh ? '未分层行数' : 'Rows not tiered', s.notTiered],
    [zh ? '问题数' : 'Issues', s.issues],
    [zh ? '层级变动人数' : 'Members who moved', s.movedMembers],
    // First placements are counted here, not listed in 分层变动; the last run that placed anyone, so a re-run shows the same.
    [zh ? '首次分层人数' : 'Members placed for the first time', firstPlaced?.count ?? 0, firstPlaced?.at ?? null],
    [zh ? '降级宽限期中人数' : 'Members in a demotion grace period', s.held ?? 0],
    [zh ? '锁定层级人数' : 'Members with a locked tier', s.locked ?? 0],
    [],
  ];
  if (act && con) rows.push(...matrixRows(s, locale, act, con), []);
  rows.push([zh ? '层级变动（自上次计算）' : 'Moves since last run', zh ? '从' : 'From', zh ? '到' : 'To', zh ? '人数' : 'Members']);
  for (const m of s.moves) rows.push(['', m.from, m.to, m.count]);
  if (s.moves.length === 0) rows.push(['', zh ? '无' : 'none']);
  if (act) rows.push([], ...movementMatrix(movements, act, locale));
  if (s.admins) rows.push([], ...adminOverviewRows(s.admins, zh));
  return rows;
}

/** Activity tiers down, contribution tiers across, with totals on both. */
function matrixRows(s: RunSummary, locale: Locale, act: RuleSet, con: RuleSet): CellValue[][] {
  const zh = locale === 'zh';
  const rows: CellValue[][] = [[`${act.label[locale]} \\ ${con.label[locale]}`, ...con.tiers.map((t) => t[locale]), zh ? '合计' : 'Total']];
  for (const a of act.tiers) {
    const counts = con.tiers.map((c) => s.matrix[a.id]?.[c.id] ?? 0);
    rows.push([a[locale], ...counts, counts.reduce((x, y) => x + y, 0)]);
  }
  const totals = con.tiers.map((c) => act.tiers.reduce((sum, a) => sum + (s.matrix[a.id]?.[c.id] ?? 0), 0));
  rows.push([zh ? '合计' : 'Total', ...totals, totals.reduce((x, y) => x + y, 0)]);
  return rows;
}

function adminOverviewRows(a: AdminSummary, zh: boolean): CellValue[][] {
  const rows: CellValue[][] = [
    [zh ? '管理员分配' : 'Admin assignment', zh ? '数值' : 'Value'],
    [zh ? '在职普通管理员' : 'Active regular admins', a.regularAdmins],
    [zh ? '已分配成员' : 'Members with an admin', a.assigned],
    [zh ? '未分配成员' : 'Members without an admin', a.unassigned],
  ];
  for (const s of a.shortfalls) {
    const need = s.adminsNeeded === null ? (zh ? '无管理员能服务此层级' : 'no admin serves this tier') : zh ? `还需 ${s.adminsNeeded} 名普通管理员` : `needs ${s.adminsNeeded} more regular admin${s.adminsNeeded === 1 ? '' : 's'}`;
    rows.push([zh ? `未分配：${s.label}` : `Unassigned: ${s.label}`, s.unassigned, need]);
  }
  if (a.teamIssues > 0) rows.push([zh ? '管理员表问题（见「问题」）' : 'Admins sheet issues (see Issues)', a.teamIssues]);
  return rows;
}
