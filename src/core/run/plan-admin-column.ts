import { planAdmins, type AdminsPlan, type AdminsPlanInput } from '../admins/plan-admins.js';
import type { RunState } from '../dynamics/state.js';
import { ADMIN_COLUMN, locateAdminColumn, type ManagedColumnId } from '../names/columns.js';
import { ownedSheetName } from '../names/sheets.js';
import type { ColumnsPatch } from '../base/patch.js';
import type { PlanInput } from './plan-input.js';
import type { RuleSet } from '../rules/types.js';
import type { CellValue } from '../base/table.js';
import type { TieredMembers } from '../tiering/tiering.js';

export interface AdminColumnInput {
  input: PlanInput;
  /** Placements as written (after grace periods and locks). */
  tiered: TieredMembers;
  activitySet?: RuleSet;
  contributionSet?: RuleSet;
  where: Record<ManagedColumnId, number>;
  /** The members sheet's reason cells, by data row index, for the admin sheets. */
  reasons: CellValue[];
  previousState?: RunState;
}

export interface AdminColumnPlan {
  /** Present when members are assigned to admins this run, with what it was planned from (for its sheets). */
  admins?: AdminsPlan;
  adminsInput?: AdminsPlanInput;
  /** 负责管理员 on the members sheet, when there is anything to write there. */
  column?: ColumnsPatch['columns'][number];
}

/**
 * Admin layers: only when the workbook has an Admins sheet (and an activity
 * rule set to assign by). Without one, a 负责管理员 column left from earlier
 * runs is cleared.
 */
export function planAdminColumn({ input, tiered, activitySet, contributionSet, where, reasons, previousState }: AdminColumnInput): AdminColumnPlan {
  const { table, locale } = input;
  const adminColumn = locateAdminColumn(table, where);
  const hasAdminColumn = (table.header[adminColumn] ?? '') !== '';
  if (input.admins && activitySet) {
    const adminsInput: AdminsPlanInput = {
      admins: input.admins,
      config: input.adminsConfig ?? { defaultCapacity: {} },
      members: table,
      rows: tiered.parsed.rows,
      placements: tiered.placements,
      activity: activitySet,
      contribution: contributionSet,
      adminColumn,
      reasonOf: (i) => reasons[i],
      locale,
      sheetNames: input.sheetNames,
      assignmentsSheet: ownedSheetName('assignments', input.sheetNames, locale),
      owned: previousState?.adminSheets ?? [],
      previousAdminSheets: input.adminSheets ?? [],
    };
    const admins = planAdmins(adminsInput);
    return { admins, adminsInput, column: { index: adminColumn, header: ADMIN_COLUMN[locale], values: admins.column } };
  }
  // The Admins sheet is gone: names left in our column would mislead.
  if (hasAdminColumn) return { column: { index: adminColumn, header: ADMIN_COLUMN[locale], values: tiered.parsed.rows.map(() => null) } };
  return {};
}
