import type { SheetPatch } from '../base/patch.js';
import { categoriesOf } from '../points/award.js';
import { awardedRows, awardHonors, HonorEligibility, honorRows, honorSpecs, noWinnerRow, readHonorHistory, type HonorAward, type MemberMetrics } from '../points/honors.js';
import { leaderboardRows, leaderboards, type BoardMember } from '../points/leaderboard.js';
import { redemptionIdOf, type LedgerLine } from '../points/ledger.js';
import type { CellValue } from '../base/table.js';
import { say } from '../base/locale.js';
import type { OperationsContext } from './operations-context.js';
import type { PointsPlan } from './plan-points.js';

export interface LeaderboardsAndHonorsPlan {
  /** 排行榜 (with this period's provisional honors) and 荣誉. */
  sheets: SheetPatch[];
  /** Every member's points and contribution this period. */
  current: MemberMetrics[];
  /** Honors as they stand this period, awarded for good once it closes. */
  provisional: HonorAward[];
  /** 荣誉 rows for periods that closed since the last run. */
  newlyAwarded: CellValue[][];
  awardedPeriods: string[];
}

/** This period's leaderboards, its provisional honors, and the honors of periods that closed since the last run. */
export function planLeaderboardsAndHonors(ctx: OperationsContext, period: string, points: PointsPlan): LeaderboardsAndHonorsPlan {
  const { input, members, sheetName, tierLabel } = ctx;
  const { locale, config, activity } = input;
  const metricsFor = periodMetrics(ctx, points.allLines);
  const current = metricsFor(period);
  const boardTiers = activity.tiers.map((t) => ({ id: t.id, label: t[locale] }));
  const boardInput = { period, size: config.incentives.leaderboardSize, tiers: boardTiers, locale };
  const boards = leaderboards({ ...boardInput, points: toBoard(current, (m) => m.points), contribution: toBoard(current, (m) => m.contribution) });

  const honors = planHonors(ctx, period, points, current, metricsFor);
  const idText = new Map(members.map((m) => [m.memberId, m.row.memberIdText ?? m.memberId]));
  const shownId = (id: string) => idText.get(id) ?? id;

  const sheets: SheetPatch[] = [
    {
      kind: 'replace',
      sheet: sheetName('leaderboard'),
      rows: [
        ...leaderboardRows(boards, boardInput, input.computedAt, shownId),
        [],
        [say(locale, '本期荣誉（暂定，月末后颁发）', 'Honors this period (provisional, awarded after the month ends)')],
        ...honors.provisional.map((a) => [a.honor[locale], a.rank, shownId(a.memberId), a.nickname, tierLabel(members.find((m) => m.memberId === a.memberId)?.activity ?? ''), a.value]),
        ...(honors.provisional.length ? [] : [['', say(locale, '（暂无）', '(none yet)')]]),
      ],
    },
    honors.sheet,
  ];
  return { sheets, current, provisional: honors.provisional, newlyAwarded: honors.newlyAwarded, awardedPeriods: honors.awardedPeriods };
}

/** One value per member, as a leaderboard ranks them. */
export function toBoard(metrics: MemberMetrics[], value: (m: MemberMetrics) => number): BoardMember[] {
  return metrics.map((m) => ({ memberId: m.memberId, nickname: m.nickname, tier: m.tier, value: value(m) }));
}

/** Each member's points in a period (redemptions aside), split by what earned them. */
function periodMetrics({ input, members }: OperationsContext, lines: LedgerLine[]): (period: string) => MemberMetrics[] {
  const categories = categoriesOf(input.points);
  return (p) => {
    const sums = new Map<string, { points: number; content: number; interaction: number }>();
    for (const l of lines) {
      if (l.period !== p || redemptionIdOf(l.rule)) continue;
      const s = sums.get(l.memberId) ?? { points: 0, content: 0, interaction: 0 };
      s.points += l.points;
      const cat = categories.get(l.rule);
      if (cat === 'content') s.content += l.points;
      if (cat === 'interaction') s.interaction += l.points;
      sums.set(l.memberId, s);
    }
    return members.map((m) => {
      const s = sums.get(m.memberId);
      return { memberId: m.memberId, nickname: m.nickname, tier: m.activity, facts: m.facts, points: s?.points ?? 0, contentPoints: s?.content ?? 0, interactionPoints: s?.interaction ?? 0, contribution: m.score };
    });
  };
}

/**
 * 荣誉: honors of the periods that closed since the last run, awarded for
 * good (a row saying so where nobody won), and this period's as they stand.
 */
function planHonors({ input, sheetName, members }: OperationsContext, period: string, points: PointsPlan, current: MemberMetrics[], metricsFor: (period: string) => MemberMetrics[]) {
  const { locale, computedAt, today } = input;
  const specs = honorSpecs(input.honors);
  const history = readHonorHistory(input.tables.honors, specs);
  const newlyAwarded: CellValue[][] = [];
  const awardedPeriods: string[] = [];
  let provisional: HonorAward[] = [];
  if (input.honors) {
    const eligibility = new HonorEligibility(input.honors, today, input.engine);
    const closed = [...new Set(points.ledger.lines.filter((l) => !redemptionIdOf(l.rule) && l.period < period).map((l) => l.period))].sort().reverse();
    for (const p of closed) {
      const open = specs.filter((s) => !history.awarded.has(`${p}|${s.zh}`));
      if (open.length === 0) continue;
      const won = awardHonors(input.honors, p, metricsFor(p), today, (s) => open.some((o) => o.zh === s.zh), eligibility);
      for (const s of open) {
        const mine = won.filter((a) => a.honor.zh === s.zh);
        newlyAwarded.push(...(mine.length ? awardedRows(mine, computedAt, locale) : [noWinnerRow(p, s, computedAt, locale)]));
      }
      awardedPeriods.push(p);
    }
    provisional = awardHonors(input.honors, period, current, today, undefined, eligibility);
  }
  // The member-ID column (D) shows IDs as the operator wrote them; honors are matched by period and honor, not by ID.
  const idText = new Map(members.map((m) => [m.memberId, m.row.memberIdText ?? m.memberId]));
  const rows = honorRows({ provisional, newlyAwarded, history, computedAt, locale }).map((r) => (typeof r[3] === 'string' && idText.has(r[3]) ? [...r.slice(0, 3), idText.get(r[3])!, ...r.slice(4)] : r));
  const sheet: SheetPatch = { kind: 'replace', sheet: sheetName('honors'), rows };
  return { sheet, provisional, newlyAwarded, awardedPeriods };
}
