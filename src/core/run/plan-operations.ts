import type { HonorAward } from '../points/honors.js';
import { taskRows, withTasks, type AdminTask } from '../plans/tasks.js';
import type { DashboardData } from '../dashboard/dashboard.js';
import type { SheetPatch } from '../base/patch.js';
import { periodOf } from '../points/period.js';
import type { CellValue } from '../base/table.js';
import { findOpsSheet, TREND_SHEET, type OpsSheetId } from '../names/sheets.js';
import { LEDGER_CARRY_SHEET } from '../points/ledger-carry.js';
import { operationsContext } from './operations-context.js';
import type { OperationsInput } from './operations-input.js';
import { operationsText, summarizeOperations, type OperationsSummary } from './operations-summary.js';
import { planContentAndInteraction } from './plan-content-and-interaction.js';
import { planDashboard } from './plan-dashboard.js';
import { planLeaderboardsAndHonors } from './plan-leaderboards-and-honors.js';
import { planPoints } from './plan-points.js';
import type { Schedule } from '../plans/schedule.js';

export type { OperationsInput } from './operations-input.js';
export type { OperationsSummary } from './operations-summary.js';

export interface OperationsResult {
  sheets: SheetPatch[];
  dashboard: DashboardData;
  /** This week's tasks per admin ('' = not yet assigned). */
  tasks: Map<string, AdminTask[]>;
  /** The block an admin's sheet shows for those tasks. */
  taskBlock(admin: string): CellValue[][];
  schedule: Schedule;
  summary: OperationsSummary;
  /** This period's honors as they stand (provisional): the rule preview compares them before → after. */
  provisional: HonorAward[];
  /** A few lines for the run's message, Chinese first. */
  text: string;
}

/**
 * Everything issue-5 adds to a run, computed as sheet patches before
 * anything is written: the content and interaction plans with the invite
 * list, points (ledger, redemptions, balances), leaderboards, honors and the
 * dashboard. Pure: the caller reads the sheets and applies the patches.
 */
export function planOperations(input: OperationsInput): OperationsResult {
  const { locale, today } = input;
  const ctx = operationsContext(input);
  const period = periodOf(today);

  const plans = planContentAndInteraction(ctx);
  const points = planPoints(ctx, period);
  const boards = planLeaderboardsAndHonors(ctx, period, points);
  const { sheets: dashboardSheets, dashboard } = planDashboard(ctx, { period, allLines: points.allLines, foldedIssued: points.foldedIssued, schedule: plans.schedule, current: boards.current, provisional: boards.provisional });
  const summary = summarizeOperations({
    period,
    window: plans.window,
    library: plans.library,
    schedule: plans.schedule,
    invites: plans.invites,
    points,
    newlyAwarded: boards.newlyAwarded,
    awardedPeriods: boards.awardedPeriods,
  });

  const tasks = input.retention ? withTasks(plans.tasks, input.retention) : plans.tasks;
  return {
    sheets: inTabOrder([...plans.sheets, ...points.sheets, ...boards.sheets, ...dashboardSheets], ctx.sheetName),
    dashboard,
    tasks,
    taskBlock: (admin) => taskRows(tasks.get(admin) ?? [], today, ctx.tierLabel, locale),
    schedule: plans.schedule,
    summary,
    provisional: boards.provisional,
    text: operationsText(summary, locale),
  };
}

/**
 * New tabs are added in patch order: the dashboard first, the operator's
 * input sheets next to the plans they feed. Other patches keep their order, last.
 */
function inTabOrder(sheets: SheetPatch[], sheetName: (id: OpsSheetId) => string): SheetPatch[] {
  const order = (['dashboard', 'contentLibrary', 'contentPlan', 'interactionPlan', 'invites', 'redemptions', 'ledger', 'leaderboard', 'honors'] as const).map((id) => sheetName(id));
  const rank = (p: SheetPatch) => {
    const i = order.indexOf(p.sheet);
    return i < 0 ? order.length : i;
  };
  return sheets.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
}

/** Sheets this stage reads, by id, found under either language's name. */
export function operationsSheetsToRead(sheetNames: string[]): Partial<Record<OpsSheetId, string>> & { trend?: string; ledgerCarry?: string } {
  const out: Partial<Record<OpsSheetId, string>> & { trend?: string; ledgerCarry?: string } = {};
  for (const id of ['contentLibrary', 'redemptions', 'ledger', 'contentPlan', 'interactionPlan', 'honors'] as const) {
    const found = findOpsSheet(id, sheetNames);
    if (found) out[id] = found;
  }
  if (sheetNames.includes(TREND_SHEET)) out.trend = TREND_SHEET;
  if (sheetNames.includes(LEDGER_CARRY_SHEET)) out.ledgerCarry = LEDGER_CARRY_SHEET;
  return out;
}
