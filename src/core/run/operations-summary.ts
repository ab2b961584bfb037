import type { PlanWindow } from '../plans/calendar.js';
import type { ContentLibrary } from '../plans/library.js';
import { splitKey } from '../plans/formats.js';
import type { InviteList } from '../plans/invites.js';
import type { RedemptionOutcome } from '../points/redemptions.js';
import { type Locale, both } from '../base/locale.js';
import type { CellValue } from '../base/table.js';
import type { PointsPlan } from './plan-points.js';
import type { Schedule } from '../plans/schedule.js';

export interface OperationsSummary {
  period: string;
  window: { from: string; to: string; weeks: number };
  content: { planned: number; missing: number; libraryItems: number; libraryProblems: number };
  interaction: { planned: number; festivals: number; conversions: number };
  invites: number;
  points: { linesAdded: number; issued: number; redeemed: number; ledgerUnreadable: number };
  redemptions: Record<RedemptionOutcome['status'], number>;
  honors: { awarded: number; periods: string[] };
}

export interface OperationsSummaryInput {
  period: string;
  window: PlanWindow;
  library: ContentLibrary;
  schedule: Schedule;
  invites: InviteList[];
  points: PointsPlan;
  /** 荣誉 rows for the periods that closed since the last run, and those periods. */
  newlyAwarded: CellValue[][];
  awardedPeriods: string[];
}

/** What the operations stage did, as counts. */
export function summarizeOperations({ period, window, library, schedule, invites, points, newlyAwarded, awardedPeriods }: OperationsSummaryInput): OperationsSummary {
  const { ledger, earned, redemption, added } = points;
  const statusCount = { accepted: 0, rejected: 0, invalid: 0, pending: 0 } as OperationsSummary['redemptions'];
  for (const o of redemption.outcomes) statusCount[o.status]++;
  const missing = schedule.gaps.reduce((s, g) => s + g.missing, 0);
  const kindCount = (k: string) => schedule.interaction.filter((e) => splitKey(e.key)?.kind === k && e.day >= window.start).length;
  return {
    period,
    window: { from: isoDay(window.start), to: isoDay(window.end - 1), weeks: window.weeks },
    content: { planned: schedule.content.length, missing, libraryItems: library.items.length, libraryProblems: library.problems.length },
    interaction: { planned: schedule.interaction.length, festivals: kindCount('festival'), conversions: kindCount('conversion') },
    invites: invites.reduce((s, l) => s + l.invited.length, 0),
    points: { linesAdded: added.length, issued: earned.reduce((s, l) => s + l.points, 0), redeemed: -redemption.lines.reduce((s, l) => s + l.points, 0), ledgerUnreadable: ledger.unreadableRows.length },
    redemptions: statusCount,
    honors: { awarded: newlyAwarded.length, periods: awardedPeriods },
  };
}

/** A few lines for the run's message, Chinese first. */
export function operationsText(summary: OperationsSummary, locale: Locale): string {
  const { period, content, points, redemptions: statusCount } = summary;
  const missing = content.missing;
  return [
    both(
      `内容计划 ${content.planned} 条${missing ? `，缺 ${missing} 条（见「内容计划」缺口）` : ''}，互动 ${summary.interaction.planned} 次`,
      `Content plan ${content.planned}${missing ? ` (${missing} missing, see the gaps in Content plan)` : ''}, ${summary.interaction.planned} interactions`,
      locale,
    ),
    both(
      `积分 ${period}：本次新增 ${points.linesAdded} 行（发放 ${points.issued}，兑换扣除 ${points.redeemed}）；兑换申请：已兑换 ${statusCount.accepted}，拒绝 ${statusCount.rejected}，无效 ${statusCount.invalid}，待处理 ${statusCount.pending}`,
      `Points ${period}: ${points.linesAdded} ledger lines added (${points.issued} issued, ${points.redeemed} redeemed); redemptions: ${statusCount.accepted} accepted, ${statusCount.rejected} rejected, ${statusCount.invalid} invalid, ${statusCount.pending} pending`,
      locale,
    ),
  ].join('\n');
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
