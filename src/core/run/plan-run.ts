import type { Issue } from '../base/issues.js';
import type { WorkbookPatch } from '../base/patch.js';
import type { Table } from '../base/table.js';
import type { Decision } from '../dynamics/grace.js';
import type { Move } from '../dynamics/history.js';
import type { AdminTask } from '../plans/tasks.js';
import { tierMembers, type Placement, type TieredMembers } from '../tiering/tiering.js';
import { planOperations, type OperationsResult } from './plan-operations.js';
import { withLayouts } from './plan-layout.js';
import { planTabOrder } from './plan-tab-order.js';
import { planTiers, tierSheets, type TierPlan } from './plan-tiers.js';
import type { RunInput } from './run-input.js';
import type { RunSummary } from './summary.js';

export type { RunInput, RunSheets } from './run-input.js';

/** Everything a run will write, and the results its callers show, as data. */
export interface RunPlan {
  /** The whole write: tier sheets first, then the operations sheets. */
  patch: WorkbookPatch;
  summary: RunSummary;
  issues: Issue[];
  /** Placements as written (after grace periods and locks). */
  effective: TieredMembers;
  /** The members sheet as read (the preview compares it with `effective`). */
  members: Table;
  /** The managed member columns: where each goes and its cells, by data row index. */
  memberColumns: TierPlan['memberColumns'];
  /** Member ID → responsible admin, when admins are assigned (or the sheet names them). */
  adminOf?: ReadonlyMap<string, string>;
  /** Per data row index: each tier rule set's decision (promoted, held in grace, demoted …). */
  decisions: ReadonlyMap<number, Record<string, Decision>>;
  /** Activity-tier moves since the last run. */
  moves: Move[];
  /** This week's tasks per admin ('' = not yet assigned). */
  tasks: Map<string, AdminTask[]>;
  /** One table per active regular admin (their sheet, tasks included), for writing one file each. */
  adminFiles: Array<{ admin: string; table: Table }>;
  /** Plans, points, leaderboards, honors and the dashboard's figures. */
  operations: OperationsResult;
}

/**
 * The one planner of a run, in the order of the pass: place every member
 * by the tier rules, settle tiers (grace periods, locks) and admins, plan
 * content, interaction, points and the dashboard, then lay out the tier
 * sheets with each admin's tasks. Pure: nothing is read or written here.
 */
export function planRun(input: RunInput): RunPlan {
  const placed = placeMembers(input);
  const tiers = planTiers(tierPlanInput(input, placed));
  const operations = planOperations(operationsInput(input, tiers));
  const { sheets, adminFiles } = tierSheets(tiers, operations.taskBlock);
  const all = withLayouts([...sheets, ...operations.sheets], { tierLabels: tierSets(input).flatMap((s) => [s.tiers.map((t) => t.zh), s.tiers.map((t) => t.en)]) });
  return {
    patch: { sheets: all, order: planTabOrder(input.sheets.names, all) },
    summary: tiers.summary,
    issues: tiers.issues,
    effective: tiers.effective,
    members: input.sheets.members,
    memberColumns: tiers.memberColumns,
    decisions: tiers.planned.dynamics.decisions,
    adminOf: tiers.adminOf,
    moves: tiers.summary.moves,
    tasks: operations.tasks,
    adminFiles,
    operations,
  };
}

/** The tier rule sets: `first` sets place; `collect` sets (points, honors) are the operations stage's. */
function tierSets(input: RunInput) {
  return input.ruleSets.filter((s) => s.hitPolicy === 'first');
}

function placeMembers(input: RunInput): TieredMembers {
  return tierMembers({ table: input.sheets.members, ruleSets: tierSets(input), mapping: input.mapping, today: input.today, locale: input.locale, onProgress: input.onProgress, engine: input.engine });
}

function tierPlanInput(input: RunInput, tiered: TieredMembers): Parameters<typeof planTiers>[0] {
  const { sheets } = input;
  return {
    table: sheets.members,
    sheetNames: sheets.names,
    tiered,
    ruleSets: tierSets(input),
    locale: input.locale,
    rulesVersion: input.rulesVersion,
    computedAt: input.computedAt,
    timeZone: input.timeZone,
    dryRun: input.dryRun,
    today: input.today,
    state: sheets.state,
    movements: sheets.movements,
    admins: sheets.admins,
    adminSheets: sheets.adminSheets,
    adminsConfig: input.adminsConfig,
    keepForGrace: input.keepForGrace,
  };
}

function operationsInput(input: RunInput, tiers: TierPlan): Parameters<typeof planOperations>[0] {
  const members: Map<number, Record<string, Placement>> = tiers.effective.placements;
  return {
    locale: input.locale,
    today: input.today,
    computedAt: tiers.summary.computedAt,
    timeZone: input.timeZone,
    sheetNames: input.sheets.names,
    members: { table: input.sheets.members, rows: tiers.effective.parsed.rows, placements: members },
    ...input.operations,
    tables: input.sheets.operations,
    adminOf: tiers.adminOf,
    memberColumnsWritten: tiers.columns.columns.map((c) => c.index),
    moves: tiers.summary.moves,
    movedMembers: tiers.summary.movedMembers,
    retention: tiers.churn.tasks,
    engine: input.engine,
  };
}
