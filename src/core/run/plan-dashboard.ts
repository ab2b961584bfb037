import { dashboardSheet, trendSeries, type DashboardData } from '../dashboard/dashboard.js';
import { readTrend, trendRows, upsertTrend } from '../dashboard/trend.js';
import type { FactValues } from '../facts/facts.js';
import type { SheetPatch } from '../base/patch.js';
import type { HonorAward, MemberMetrics } from '../points/honors.js';
import { topN } from '../points/leaderboard.js';
import { pointsByPeriod, type LedgerLine } from '../points/ledger.js';
import type { RuleSet } from '../rules/types.js';
import { TREND_SHEET } from '../names/sheets.js';
import { say } from '../base/locale.js';
import type { Member, OperationsContext } from './operations-context.js';
import { toBoard } from './plan-leaderboards-and-honors.js';
import type { Schedule } from '../plans/schedule.js';

export interface DashboardInput {
  period: string;
  /** The ledger after this run. */
  allLines: LedgerLine[];
  /** Points issued by periods folded out of the ledger. */
  foldedIssued?: ReadonlyMap<string, number>;
  schedule: Schedule;
  /** This period's member metrics and provisional honors. */
  current: MemberMetrics[];
  provisional: HonorAward[];
}

export interface DashboardPlan {
  /** The hidden trend sheet (with today's point) and 运营看板. */
  sheets: SheetPatch[];
  dashboard: DashboardData;
}

/** 运营看板: tier counts and their trend, moves, the interaction mix, points, plan load, leaders and honors. */
export function planDashboard(ctx: OperationsContext, { period, allLines, foldedIssued, schedule, current, provisional }: DashboardInput): DashboardPlan {
  const { input, members, sheetName, tierLabel } = ctx;
  const { locale, activity, config } = input;
  const tierIds = activity.tiers.map((t) => t.id);
  const count = (pick: (m: Member) => string, set: RuleSet | undefined) => (set?.tiers ?? []).map((t) => ({ id: t.id, label: t[locale], count: members.filter((m) => pick(m) === t.id).length }));
  const activityCounts = count((m) => m.activity, activity);
  const contributionCounts = count((m) => m.contribution, input.contribution);
  const perPeriod = pointsByPeriod(allLines, foldedIssued);
  const thisPeriod = perPeriod.find((p) => p.period === period) ?? { period, issued: 0, redeemed: 0 };
  const trendPoint = {
    date: input.computedAt.slice(0, 10),
    values: {
      members: members.length,
      moved: input.movedMembers,
      pointsIssued: thisPeriod.issued,
      pointsRedeemed: thisPeriod.redeemed,
      ...Object.fromEntries(activityCounts.map((c) => [`activity:${c.id}`, c.count])),
      ...Object.fromEntries(contributionCounts.map((c) => [`contribution:${c.id}`, c.count])),
    },
  };
  const trend = upsertTrend(readTrend(input.tables.trend), trendPoint);

  const sum = (f: keyof FactValues) => members.reduce((s, m) => s + (typeof m.facts[f] === 'number' ? (m.facts[f] as number) : 0), 0);
  const leaders = topN(toBoard(current, (m) => m.points), Math.min(10, config.incentives.leaderboardSize)).map((r) => ({ rank: r.rank, memberId: r.entry.memberId, nickname: r.entry.nickname, value: r.entry.value }));
  const dashboard: DashboardData = {
    locale,
    title: say(locale, '运营看板', 'Operations dashboard'),
    computedAt: input.computedAt,
    timeZone: input.timeZone,
    period,
    members: members.length,
    activity: { label: activity.label[locale], tiers: activityCounts },
    contribution: { label: input.contribution?.label[locale] ?? '', tiers: contributionCounts },
    trend: trendSeries(trend, activity.tiers.map((t) => ({ id: t.id, label: t[locale] }))),
    moves: input.moves,
    mix: [
      { label: say(locale, '评论', 'Comments'), value: sum('comments30d') },
      { label: say(locale, '点赞', 'Likes'), value: sum('likes30d') },
      { label: say(locale, '转发', 'Shares'), value: sum('shares30d') },
      { label: say(locale, '发布', 'Posts'), value: sum('posts30d') },
    ],
    points: perPeriod.slice(-12),
    planLoad: tierIds.map((t) => ({
      tier: t,
      label: tierLabel(t),
      content: schedule.content.filter((e) => e.tier === t).length,
      interaction: schedule.interaction.filter((e) => e.tier === t).length,
      gaps: schedule.gaps.filter((g) => g.tier === t).reduce((s, g) => s + g.missing, 0),
    })),
    leaders,
    honors: provisional.map((a) => ({ honor: a.honor[locale], memberId: a.memberId, nickname: a.nickname, value: a.value })),
  };
  const dash = dashboardSheet(dashboard);
  return {
    sheets: [
      { kind: 'replace', sheet: TREND_SHEET, rows: trendRows(trend), hidden: true },
      { kind: 'replace', sheet: sheetName('dashboard'), rows: dash.rows, charts: dash.charts },
    ],
    dashboard,
  };
}
