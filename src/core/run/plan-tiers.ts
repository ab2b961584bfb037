import { movementRows } from '../dynamics/history.js';
import { readState, stateRows, type RunState } from '../dynamics/state.js';
import type { Issue } from '../base/issues.js';
import { locateManagedColumns } from '../names/columns.js';
import { ownedSheetName, STATE_SHEET } from '../names/sheets.js';
import type { SheetPatch, WorkbookPatch } from '../base/patch.js';
import { planAdminColumn } from './plan-admin-column.js';
import { planDynamics } from './plan-dynamics.js';
import { ACTIVITY, CONTRIBUTION, type PlanInput } from './plan-input.js';
import { issueRows } from './plan-issues-sheet.js';
import { memberColumnsPatch, memberColumnValues } from './plan-member-columns.js';
import { activityMoves } from './plan-moves.js';
import { overviewRows } from './plan-overview-sheet.js';
import { summarizeRun } from './plan-summary.js';
import type { RunSummary } from './summary.js';
import type { Table } from '../base/table.js';
import type { TieredMembers } from '../tiering/tiering.js';
import { civilDay } from '../base/time.js';

export type { PlanInput } from './plan-input.js';

export interface Plan {
  patch: WorkbookPatch;
  summary: RunSummary;
  issues: Issue[];
  /** One table per active regular admin (their sheet), for writing one file each. */
  adminFiles: Array<{ admin: string; table: Table }>;
  /** Placements as written (after grace periods and locks), for later stages of the run. */
  effective?: TieredMembers;
}

/** Per-admin sheets Fenceng made on earlier runs, as recorded in its state sheet: read these before planning. */
export function ownedAdminSheets(state: Table | undefined): string[] {
  return state ? readState(state, 0).adminSheets.map((s) => s.sheet) : [];
}

/**
 * Everything the run will write, as data: the managed member columns (tiers
 * after grace periods and locks, 负责管理员 when there is an Admins sheet),
 * 分层概览, 问题, the admin sheets, 分层变动 and the hidden state.
 */
export function planRecompute(input: PlanInput): Plan {
  const { table, locale } = input;
  const activitySet = input.ruleSets.find((s) => s.id === ACTIVITY);
  const contributionSet = input.ruleSets.find((s) => s.id === CONTRIBUTION);
  const where = locateManagedColumns(table);
  const today = input.today ?? todayOf(input.computedAt);

  const { previousState, locks, fingerprints, dynamics } = planDynamics(input, where, today);
  const tiered = dynamics.tiered;
  const issues = [...tiered.parsed.issues, ...locks.issues];

  const values = memberColumnValues({ tiered, activitySet, contributionSet, locale, computedAt: input.computedAt });
  const columns = memberColumnsPatch(table, where, values, locale);
  const { admins, column: adminColumn } = planAdminColumn({ input, tiered, activitySet, contributionSet, where, reasons: values.reason, previousState });
  if (admins) issues.push(...admins.issues);
  if (adminColumn) columns.columns.push(adminColumn);

  const nextState: RunState = {
    tiers: dynamics.tiers,
    adminSheets: admins?.owned ?? previousState?.adminSheets ?? [],
    ruleSets: new Map(input.ruleSets.filter((s) => s.hitPolicy === 'first').map((s) => [s.id, fingerprints[s.id]])),
  };
  const moves = activityMoves(tiered, dynamics.decisions, activitySet, locale);
  const summary = summarizeRun({ input, tiered, moves, issues, dynamics, activitySet, admins });

  const sheets: SheetPatch[] = [
    columns,
    { kind: 'replace', sheet: ownedSheetName('overview', input.sheetNames, locale), rows: overviewRows(summary, locale, activitySet, contributionSet, dynamics.movements) },
    { kind: 'replace', sheet: ownedSheetName('issues', input.sheetNames, locale), rows: issueRows(issues, locale) },
    ...(admins?.patches ?? []),
    {
      kind: 'replace',
      sheet: ownedSheetName('movements', input.sheetNames, locale),
      rows: movementRows({ existing: input.movements, movements: dynamics.movements, ruleSets: input.ruleSets, locale, date: input.computedAt, rulesVersion: input.rulesVersion }),
    },
    { kind: 'replace', sheet: STATE_SHEET, rows: stateRows(nextState), hidden: true },
  ];
  return { patch: { sheets }, summary, issues, adminFiles: admins?.files ?? [], effective: tiered };
}

/** The civil day in `2026-11-26 09:50`. */
function todayOf(computedAt: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(computedAt);
  const day = m ? civilDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (day === undefined) throw new Error(`计算时间格式有误：${computedAt} / Bad computedAt: ${computedAt}`);
  return day;
}
