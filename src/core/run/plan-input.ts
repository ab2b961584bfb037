import type { AdminsConfig } from '../admins/config.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { Table } from '../base/table.js';
import type { TieredMembers } from '../tiering/tiering.js';

export interface PlanInput {
  table: Table;
  /** All sheet names, to reuse owned sheets under either language's name. */
  sheetNames: string[];
  tiered: TieredMembers;
  ruleSets: RuleSet[];
  locale: Locale;
  rulesVersion: string;
  /** `2026-11-26 09:50`, in the workbook's zone. */
  computedAt: string;
  timeZone: string;
  dryRun: boolean;
  /** Civil day of today; by default the date in `computedAt`. */
  today?: number;
  /** `_fenceng_state` as read (absent on a workbook Fenceng has not run on since it kept state). */
  state?: Table;
  /** 分层变动 as read: its rows are kept and new moves appended. */
  movements?: Table;
  /** The operator's 管理员 sheet: when present, members are assigned to admins. */
  admins?: Table;
  adminsConfig?: AdminsConfig;
  /** The per-admin sheets Fenceng made before (see `ownedAdminSheets`), for the admins' notes. */
  adminSheets?: Table[];
  /** Rule sets whose rule change lets demoted members keep their tier for the grace period (the rule version's choice). */
  keepForGrace?: readonly string[];
}

/** Ids of the two rule sets the members sheet, the overview's matrix and the moves are built around. */
export const ACTIVITY = 'activity';
export const CONTRIBUTION = 'contribution';
