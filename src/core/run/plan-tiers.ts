import { planAdminTabs, type AdminsPlan, type AdminsPlanInput } from '../admins/plan-admins.js';
import type { Issue } from '../base/issues.js';
import type { ColumnsPatch, SheetPatch } from '../base/patch.js';
import type { CellValue, Table } from '../base/table.js';
import { civilDay, formatCivilDay } from '../base/time.js';
import { MOVEMENT_ARCHIVE_HEADER, MOVEMENT_ARCHIVE_SHEET, MOVEMENT_DAYS_KEPT, movementRows, splitOldMovements } from '../dynamics/history.js';
import { readState, stateRows, type RunState } from '../dynamics/state.js';
import { locateManagedColumns, type ManagedColumnId } from '../names/columns.js';
import { ownedSheetName, STATE_SHEET } from '../names/sheets.js';
import type { RuleSet } from '../rules/types.js';
import type { TieredMembers } from '../tiering/tiering.js';
import { memberAdmins } from './member-admins.js';
import { planAdminColumn } from './plan-admin-column.js';
import { activityHistoryRows } from '../dynamics/activity-history.js';
import { planChurn, type PlannedChurn } from './plan-churn.js';
import { planDynamics, type PlannedDynamics } from './plan-dynamics.js';
import { ACTIVITY, CONTRIBUTION, type PlanInput } from './plan-input.js';
import { issueRows } from './plan-issues-sheet.js';
import { memberColumnsPatch, memberColumnValues } from './plan-member-columns.js';
import { activityMoves, type ActivityMoves } from './plan-moves.js';
import { overviewRows } from './plan-overview-sheet.js';
import { summarizeRun } from './plan-summary.js';
import type { RunSummary } from './summary.js';

export type { PlanInput } from './plan-input.js';

/**
 * The tier pass, planned: placements after grace periods and locks, the
 * member columns, admin assignment, the moves and the summary, as data. Its
 * sheets come from `tierSheets`, once the operations stage has given each
 * admin's tasks.
 */
export interface TierPlan {
  input: PlanInput;
  activitySet?: RuleSet;
  contributionSet?: RuleSet;
  /** Placements as written (after grace periods and locks). */
  effective: TieredMembers;
  /** The members sheet's columns this run writes (managed ones, and 负责管理员 when admins are assigned or it is cleared). */
  columns: ColumnsPatch;
  /** The managed columns: where each is on the members sheet, and its cells by data row index. */
  memberColumns: { where: Record<ManagedColumnId, number>; values: Record<ManagedColumnId, CellValue[]> };
  admins?: { plan: AdminsPlan; input: AdminsPlanInput };
  /** Member ID → 负责管理员 as this run writes it, else as the members sheet shows it; undefined when neither has one. */
  adminOf?: Map<string, string>;
  moves: ActivityMoves;
  issues: Issue[];
  summary: RunSummary;
  planned: PlannedDynamics;
  /** 流失预警: the members who need attention now, their admins' tasks, the activity history to keep. */
  churn: PlannedChurn;
}

/** The sheets of the tier pass and one table per active regular admin (their sheet, for writing one file each). */
export interface TierSheets {
  sheets: SheetPatch[];
  adminFiles: Array<{ admin: string; table: Table }>;
}

/** Per-admin sheets Fenceng made on earlier runs, as recorded in its state sheet: read these before planning. */
export function ownedAdminSheets(state: Table | undefined): string[] {
  return state ? readState(state, 0).adminSheets.map((s) => s.sheet) : [];
}

/** Step one of the tier pass: everything but the sheets. */
export function planTiers(input: PlanInput): TierPlan {
  const { table, locale } = input;
  const activitySet = input.ruleSets.find((s) => s.id === ACTIVITY);
  const contributionSet = input.ruleSets.find((s) => s.id === CONTRIBUTION);
  const where = locateManagedColumns(table);
  const today = input.today ?? todayOf(input.computedAt);

  const planned = planDynamics(input, where, today);
  const { previousState, locks, dynamics } = planned;
  const tiered = dynamics.tiered;
  const issues = [...tiered.parsed.issues, ...locks.issues];

  const values = memberColumnValues({ tiered, activitySet, contributionSet, locale, computedAt: input.computedAt });
  const columns = memberColumnsPatch(table, where, values, locale);
  const { admins, adminsInput, column: adminColumn } = planAdminColumn({ input, tiered, activitySet, contributionSet, where, reasons: values.reason, previousState });
  if (admins) issues.push(...admins.issues);
  if (adminColumn) columns.columns.push(adminColumn);

  const adminOf = memberAdmins(table, tiered.parsed.rows, adminColumn?.values);
  const churn = planChurn({ ruleSets: input.ruleSets.filter((s) => s.hitPolicy === 'first'), ruled: input.tiered, effective: tiered, decisions: dynamics.decisions, state: input.state, adminOf, today, locale });
  const moves = activityMoves(tiered, dynamics.decisions, activitySet, locale);
  const summary = summarizeRun({ input, tiered, moves, issues, dynamics, activitySet, admins });
  if (churn.warnings.length) summary.churnWarned = churn.warnings.length;
  return {
    input,
    activitySet,
    contributionSet,
    effective: tiered,
    columns,
    memberColumns: { where, values },
    admins: admins && adminsInput ? { plan: admins, input: adminsInput } : undefined,
    adminOf,
    moves,
    issues,
    summary,
    planned,
    churn,
  };
}

/**
 * Step two: the managed member columns, 分层概览, 问题, the admin sheets
 * (each admin's `beside` block, their week's tasks, to the right), 分层变动,
 * 流失预警 and the hidden state.
 */
export function tierSheets(plan: TierPlan, beside?: (admin: string) => CellValue[][]): TierSheets {
  const { input, summary, activitySet, contributionSet } = plan;
  const { locale } = input;
  const { previousState, fingerprints, dynamics } = plan.planned;
  const tabs = plan.admins ? planAdminTabs(plan.admins.plan, plan.admins.input, beside) : undefined;
  const nextState: RunState = {
    tiers: dynamics.tiers,
    adminSheets: tabs?.owned ?? previousState?.adminSheets ?? [],
    ruleSets: new Map(input.ruleSets.filter((s) => s.hitPolicy === 'first').map((s) => [s.id, fingerprints[s.id]])),
  };
  const firstPlaced = summary.newMembers > 0 ? { count: summary.newMembers, at: summary.computedAt } : previousState?.firstPlaced;
  if (firstPlaced) nextState.firstPlaced = firstPlaced;
  // The last MOVEMENT_DAYS_KEPT days of moves stay in 分层变动; older ones go to the archive.
  const all = movementRows({ existing: input.movements, movements: dynamics.movements, ruleSets: input.ruleSets, locale, date: input.computedAt, rulesVersion: input.rulesVersion });
  const history = splitOldMovements(all, formatCivilDay((input.today ?? todayOf(input.computedAt)) - MOVEMENT_DAYS_KEPT));
  const sheets: SheetPatch[] = [
    plan.columns,
    { kind: 'replace', sheet: ownedSheetName('overview', input.sheetNames, locale), rows: overviewRows(summary, locale, activitySet, contributionSet, dynamics.movements, firstPlaced) },
    { kind: 'replace', sheet: ownedSheetName('issues', input.sheetNames, locale), rows: issueRows(plan.issues, locale) },
    ...(tabs?.patches ?? []),
    { kind: 'replace', sheet: ownedSheetName('movements', input.sheetNames, locale), rows: history.kept },
    ...(history.archive.length ? [{ kind: 'append' as const, sheet: MOVEMENT_ARCHIVE_SHEET, header: MOVEMENT_ARCHIVE_HEADER, rows: history.archive, hidden: true }] : []),
    { kind: 'replace', sheet: ownedSheetName('churn', input.sheetNames, locale), rows: plan.churn.rows },
    // The activity history rides in the state sheet after the rows stateRows writes (their readers skip it).
    { kind: 'replace', sheet: STATE_SHEET, rows: [...stateRows(nextState), ...activityHistoryRows(plan.churn.histories)], hidden: true },
  ];
  return { sheets, adminFiles: tabs?.files ?? [] };
}

/** The civil day in `2026-11-26 09:50`. */
function todayOf(computedAt: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(computedAt);
  const day = m ? civilDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (day === undefined) throw new Error(`计算时间格式有误：${computedAt} / Bad computedAt: ${computedAt}`);
  return day;
}
