import type { PlanEntry } from '../content/cadence.js';
import { planWindow } from '../content/calendar.js';
import { libraryHeader, parseContentLibrary } from '../content/library.js';
import { contentPlanRows, readContentPlan } from '../content/sheet.js';
import { taskRows, weeklyTasks, type AdminTask } from '../content/tasks.js';
import { dashboardSheet, trendSeries, type DashboardData } from '../dashboard/dashboard.js';
import { readTrend, trendRows, upsertTrend } from '../dashboard/trend.js';
import type { FactValues } from '../facts.js';
import { splitKey } from '../interaction/formats.js';
import { inviteLists, inviteRows, type InviteCandidate } from '../interaction/invites.js';
import { interactionName, interactionPlanRows, readInteractionPlan } from '../interaction/sheet.js';
import type { MemberRow } from '../members.js';
import type { SheetPatch } from '../patch.js';
import { categoriesOf, computeAwards } from '../points/award.js';
import { balanceColumnPatch } from '../points/balance-column.js';
import { contributionScore } from '../points/contribution.js';
import { awardedRows, awardHonors, HonorEligibility, honorRows, honorSpecs, noWinnerRow, readHonorHistory, type HonorAward, type MemberMetrics } from '../points/honors.js';
import { leaderboardRows, leaderboards, topN, type BoardMember } from '../points/leaderboard.js';
import { balances, earnedLines, ledgerHeader, ledgerRow, pointsByPeriod, readLedger, redemptionIdOf, type LedgerLine } from '../points/ledger.js';
import { periodOf } from '../points/period.js';
import { processRedemptions, REDEMPTION_MANAGED, type RedemptionOutcome } from '../points/redemptions.js';
import type { Locale } from '../rules/explain.js';
import type { RuleSet } from '../rules/types.js';
import type { Move } from '../summary.js';
import type { CellValue, Table } from '../table.js';
import type { Placement } from '../tiering.js';
import type { OpsConfig } from './config.js';
import { both, findOpsSheet, opsSheetName, say, TREND_SHEET, type OpsSheetId } from './names.js';
import { planSchedule, type Schedule } from './schedule.js';

/**
 * Everything issue-5 adds to a run, computed as sheet patches before
 * anything is written: the content and interaction plans with the invite
 * list, points (ledger, redemptions, balances), leaderboards, honors and the
 * dashboard. Pure: the caller reads the sheets and applies the patches.
 */
export interface OperationsInput {
  locale: Locale;
  /** Civil day of today in the workbook's zone. */
  today: number;
  /** `2026-11-26 09:50`, in the workbook's zone. */
  computedAt: string;
  timeZone: string;
  sheetNames: string[];
  members: {
    table: Table;
    rows: MemberRow[];
    /** Effective placements by data row index (rule set id → placement). */
    placements: Map<number, Record<string, Placement>>;
  };
  activity: RuleSet;
  contribution?: RuleSet;
  /** `collect` rule sets; absent means no points (or no honors) this run. */
  points?: RuleSet;
  honors?: RuleSet;
  config: OpsConfig;
  /** The sheets this reads, as the workbook holds them (undefined when absent). */
  tables: Partial<Record<OpsSheetId, Table>> & { trend?: Table };
  /** Member ID → responsible admin, when admin assignment exists. */
  adminOf?: ReadonlyMap<string, string>;
  /** Members-sheet columns this run already writes, so the balance column goes after them. */
  memberColumnsWritten: number[];
  /** From the tier run: activity-tier moves since the last run. */
  moves: Move[];
  movedMembers: number;
}

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

export interface OperationsResult {
  sheets: SheetPatch[];
  dashboard: DashboardData;
  /** This week's tasks per admin ('' = not yet assigned). */
  tasks: Map<string, AdminTask[]>;
  /** The block an admin's sheet shows for those tasks. */
  taskBlock(admin: string): CellValue[][];
  schedule: Schedule;
  summary: OperationsSummary;
  /** A few lines for the run's message, Chinese first. */
  text: string;
}

interface Member {
  row: MemberRow;
  memberId: string;
  nickname: string;
  facts: FactValues;
  activity: string;
  contribution: string;
  score: number;
  admin: string;
}

export async function planOperations(input: OperationsInput): Promise<OperationsResult> {
  const { locale, today, config, activity } = input;
  const tierIds = activity.tiers.map((t) => t.id);
  const tierLabel = (id: string) => activity.tiers.find((t) => t.id === id)?.[locale] ?? id;
  const contributionLabel = (id: string) => input.contribution?.tiers.find((t) => t.id === id)?.[locale] ?? id;
  const name = (id: OpsSheetId) => opsSheetName(id, input.sheetNames, locale);
  const sheets: SheetPatch[] = [];

  // Members as the plans and points see them.
  const members: Member[] = [];
  for (const row of input.members.rows) {
    const placed = input.members.placements.get(row.index);
    if (row.status !== 'ok' || !row.memberId || !placed) continue;
    const nick = row.facts.nickname;
    members.push({
      row,
      memberId: row.memberId,
      nickname: typeof nick === 'string' ? nick : '',
      facts: row.facts,
      activity: placed[activity.id]?.tier ?? '',
      contribution: input.contribution ? (placed[input.contribution.id]?.tier ?? '') : '',
      score: contributionScore(row.facts, config.incentives.contributionWeights),
      admin: input.adminOf?.get(row.memberId) ?? '',
    });
  }
  const nicknames = new Map(members.map((m) => [m.memberId, m.nickname]));
  const adminsKnown = !!input.adminOf && input.adminOf.size > 0;
  const tierAdmins: Record<string, string[]> = {};
  if (adminsKnown) {
    for (const t of tierIds) tierAdmins[t] = [...new Set(members.filter((m) => m.activity === t && m.admin).map((m) => m.admin))].sort();
  }

  // ---- content and interaction plans ----
  const library = parseContentLibrary(input.tables.contentLibrary, config.content.types, activity.tiers);
  const names = { config: config.interactions, festivals: config.festivals.festivals };
  const previous: PlanEntry[] = [
    ...readContentPlan(input.tables.contentPlan, activity.tiers, today),
    ...readInteractionPlan(input.tables.interactionPlan, activity.tiers, names, today),
  ];
  const window = planWindow(today, config.calendar.weeks);
  const schedule = planSchedule({ window, tiers: tierIds, config, library: library.items, previous, admins: adminsKnown ? tierAdmins : undefined });

  const candidates: InviteCandidate[] = members.map((m) => ({ memberId: m.memberId, nickname: m.nickname, activity: m.activity, contribution: m.contribution, score: m.score, admin: m.admin }));
  const lists = inviteLists(schedule.interaction, config.interactions.conversion, candidates, today);
  const inviteCount = new Map(lists.map((l) => [`${l.day}|${l.key}`, l.invited.length]));
  const audienceLabel = (id: string) => {
    const c = config.interactions.conversion.find((x) => x.id === id);
    const parts = [...(c?.audience.activity ?? []).map(tierLabel), ...(c?.audience.contribution ?? []).map(contributionLabel)];
    return parts.join(locale === 'zh' ? '、' : ', ');
  };

  if (!input.tables.contentLibrary) sheets.push({ kind: 'replace', sheet: name('contentLibrary'), rows: [libraryHeader(locale)] });
  sheets.push({ kind: 'replace', sheet: name('contentPlan'), rows: contentPlanRows({ schedule, library: library.items, libraryProblems: library.problems, tiers: activity.tiers, locale, adminsKnown }) });
  sheets.push({ kind: 'replace', sheet: name('interactionPlan'), rows: interactionPlanRows({ schedule, names, tiers: activity.tiers, audienceLabel, invites: inviteCount, locale, adminsKnown }) });
  sheets.push({ kind: 'replace', sheet: name('invites'), rows: inviteRows(lists, (kind, id) => (kind === 'activity' ? tierLabel(id) : contributionLabel(id)), locale) });

  const byTitle = new Map(library.items.map((i) => [i.title, i]));
  const tasks = weeklyTasks([...schedule.content, ...schedule.interaction], today, {
    name: (e) => (e.kind === 'content' ? e.key : (interactionName(e.key, names, locale, e.tier) ?? e.carried?.format ?? e.key)),
    channel: (e) => (e.kind === 'content' ? (byTitle.get(e.key)?.channel ?? e.carried?.channel ?? '') : ''),
    link: (e) => (e.kind === 'content' ? (byTitle.get(e.key)?.link ?? e.carried?.link ?? '') : ''),
  });

  // ---- points: ledger, redemptions, balances ----
  const period = periodOf(today);
  const ledger = readLedger(input.tables.ledger);
  const awards = input.points ? await computeAwards(input.points, members, today, locale) : new Map();
  const earned = earnedLines(ledger.lines, awards, period, nicknames, input.computedAt, locale);
  const afterEarning = [...ledger.lines, ...earned];
  const known = new Set([...members.map((m) => m.memberId), ...afterEarning.map((l) => l.memberId)]);
  const redemption = processRedemptions({ table: input.tables.redemptions, ledger: afterEarning, knownMembers: known, nicknames, today, recordedAt: input.computedAt, locale });
  const allLines: LedgerLine[] = [...afterEarning, ...redemption.lines];
  const added = [...earned, ...redemption.lines];
  const balanceOf = balances(allLines);

  sheets.push({ kind: 'append', sheet: name('ledger'), header: ledgerHeader(locale), rows: added.map(ledgerRow) });
  if (redemption.patch) sheets.push(redemption.patch);
  else sheets.push({ kind: 'replace', sheet: name('redemptions'), rows: [[...redemptionHeader(locale), ...Object.values(REDEMPTION_MANAGED).map((h) => h[locale])]] });
  sheets.push(balanceColumnPatch(input.members.table, input.members.rows, balanceOf, input.memberColumnsWritten, locale));

  // ---- leaderboards and honors ----
  const categories = categoriesOf(input.points);
  const metricsFor = (p: string): MemberMetrics[] => {
    const sums = new Map<string, { points: number; content: number; interaction: number }>();
    for (const l of allLines) {
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
  const current = metricsFor(period);
  const boardTiers = activity.tiers.map((t) => ({ id: t.id, label: t[locale] }));
  const toBoard = (value: (m: MemberMetrics) => number): BoardMember[] => current.map((m) => ({ memberId: m.memberId, nickname: m.nickname, tier: m.tier, value: value(m) }));
  const boardInput = { period, size: config.incentives.leaderboardSize, tiers: boardTiers, locale };
  const boards = leaderboards({ ...boardInput, points: toBoard((m) => m.points), contribution: toBoard((m) => m.contribution) });

  const specs = honorSpecs(input.honors);
  const history = readHonorHistory(input.tables.honors, specs);
  const newlyAwarded: CellValue[][] = [];
  const awardedPeriods: string[] = [];
  let provisional: HonorAward[] = [];
  if (input.honors) {
    const eligibility = new HonorEligibility(input.honors, today);
    const closed = [...new Set(ledger.lines.filter((l) => !redemptionIdOf(l.rule) && l.period < period).map((l) => l.period))].sort().reverse();
    for (const p of closed) {
      const open = specs.filter((s) => !history.awarded.has(`${p}|${s.zh}`));
      if (open.length === 0) continue;
      const won = await awardHonors(input.honors, p, metricsFor(p), today, (s) => open.some((o) => o.zh === s.zh), eligibility);
      const rows: CellValue[][] = [];
      for (const s of open) {
        const mine = won.filter((a) => a.honor.zh === s.zh);
        rows.push(...(mine.length ? awardedRows(mine, input.computedAt, locale) : [noWinnerRow(p, s, input.computedAt, locale)]));
      }
      newlyAwarded.push(...rows);
      awardedPeriods.push(p);
    }
    provisional = await awardHonors(input.honors, period, current, today, undefined, eligibility);
  }
  sheets.push({
    kind: 'replace',
    sheet: name('leaderboard'),
    rows: [
      ...leaderboardRows(boards, boardInput, input.computedAt),
      [],
      [say(locale, '本期荣誉（暂定，月末后颁发）', 'Honors this period (provisional, awarded after the month ends)')],
      ...provisional.map((a) => [a.honor[locale], a.rank, a.memberId, a.nickname, tierLabel(members.find((m) => m.memberId === a.memberId)?.activity ?? ''), a.value]),
      ...(provisional.length ? [] : [['', say(locale, '（暂无）', '(none yet)')]]),
    ],
  });
  sheets.push({ kind: 'replace', sheet: name('honors'), rows: honorRows({ provisional, newlyAwarded, history, computedAt: input.computedAt, locale }) });

  // ---- dashboard ----
  const count = (pick: (m: Member) => string, set: RuleSet | undefined) => (set?.tiers ?? []).map((t) => ({ id: t.id, label: t[locale], count: members.filter((m) => pick(m) === t.id).length }));
  const activityCounts = count((m) => m.activity, activity);
  const contributionCounts = count((m) => m.contribution, input.contribution);
  const perPeriod = pointsByPeriod(allLines);
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
  sheets.push({ kind: 'replace', sheet: TREND_SHEET, rows: trendRows(trend), hidden: true });

  const sum = (f: keyof FactValues) => members.reduce((s, m) => s + (typeof m.facts[f] === 'number' ? (m.facts[f] as number) : 0), 0);
  const leaders = topN(toBoard((m) => m.points), Math.min(10, config.incentives.leaderboardSize)).map((r) => ({ rank: r.rank, memberId: r.entry.memberId, nickname: r.entry.nickname, value: r.entry.value }));
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
  sheets.push({ kind: 'replace', sheet: name('dashboard'), rows: dash.rows, charts: dash.charts });

  // ---- summary ----
  const statusCount = { accepted: 0, rejected: 0, invalid: 0, pending: 0 } as OperationsSummary['redemptions'];
  for (const o of redemption.outcomes) statusCount[o.status]++;
  const missing = schedule.gaps.reduce((s, g) => s + g.missing, 0);
  const kindCount = (k: string) => schedule.interaction.filter((e) => splitKey(e.key)?.kind === k && e.day >= window.start).length;
  const summary: OperationsSummary = {
    period,
    window: { from: isoDay(window.start), to: isoDay(window.end - 1), weeks: window.weeks },
    content: { planned: schedule.content.length, missing, libraryItems: library.items.length, libraryProblems: library.problems.length },
    interaction: { planned: schedule.interaction.length, festivals: kindCount('festival'), conversions: kindCount('conversion') },
    invites: lists.reduce((s, l) => s + l.invited.length, 0),
    points: { linesAdded: added.length, issued: earned.reduce((s, l) => s + l.points, 0), redeemed: -redemption.lines.reduce((s, l) => s + l.points, 0), ledgerUnreadable: ledger.unreadableRows.length },
    redemptions: statusCount,
    honors: { awarded: newlyAwarded.length, periods: awardedPeriods },
  };
  const text = [
    both(
      `内容计划 ${summary.content.planned} 条${missing ? `，缺 ${missing} 条（见「内容计划」缺口）` : ''}，互动 ${summary.interaction.planned} 次`,
      `Content plan ${summary.content.planned}${missing ? ` (${missing} missing, see the gaps in Content plan)` : ''}, ${summary.interaction.planned} interactions`,
      locale,
    ),
    both(
      `积分 ${period}：本次新增 ${summary.points.linesAdded} 行（发放 ${summary.points.issued}，兑换扣除 ${summary.points.redeemed}）；兑换申请：已兑换 ${statusCount.accepted}，拒绝 ${statusCount.rejected}，无效 ${statusCount.invalid}，待处理 ${statusCount.pending}`,
      `Points ${period}: ${summary.points.linesAdded} ledger lines added (${summary.points.issued} issued, ${summary.points.redeemed} redeemed); redemptions: ${statusCount.accepted} accepted, ${statusCount.rejected} rejected, ${statusCount.invalid} invalid, ${statusCount.pending} pending`,
      locale,
    ),
  ].join('\n');

  // New tabs are added in patch order: the dashboard first, the operator's input sheets next to the plans they feed.
  const order = ['dashboard', 'contentLibrary', 'contentPlan', 'interactionPlan', 'invites', 'redemptions', 'ledger', 'leaderboard', 'honors'].map((id) => name(id as OpsSheetId));
  const rank = (p: SheetPatch) => {
    const i = order.indexOf(p.sheet);
    return i < 0 ? order.length : i;
  };
  const ordered = sheets.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);

  return {
    sheets: ordered,
    dashboard,
    tasks,
    taskBlock: (admin) => taskRows(tasks.get(admin) ?? [], today, tierLabel, locale),
    schedule,
    summary,
    text,
  };
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The operator's columns of a new 积分兑换 sheet. */
function redemptionHeader(locale: Locale): string[] {
  return locale === 'zh' ? ['成员ID', '兑换物品', '积分', '日期'] : ['Member ID', 'Item', 'Points', 'Date'];
}

/** Sheets this stage reads, by id, found under either language's name. */
export function operationsSheetsToRead(sheetNames: string[]): Partial<Record<OpsSheetId, string>> & { trend?: string } {
  const out: Partial<Record<OpsSheetId, string>> & { trend?: string } = {};
  for (const id of ['contentLibrary', 'redemptions', 'ledger', 'contentPlan', 'interactionPlan', 'honors'] as const) {
    const found = findOpsSheet(id, sheetNames);
    if (found) out[id] = found;
  }
  if (sheetNames.includes(TREND_SHEET)) out.trend = TREND_SHEET;
  return out;
}


