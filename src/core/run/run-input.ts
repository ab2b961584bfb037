import type { AdminsConfig } from '../admins/config.js';
import type { Locale } from '../base/locale.js';
import type { Table } from '../base/table.js';
import type { HeaderMapping } from '../facts/headers.js';
import type { OpsSheetId } from '../names/sheets.js';
import type { OpsConfig } from '../plans/config.js';
import type { RuleEngine } from '../rules/rule-engine.js';
import type { RuleSet } from '../rules/types.js';

/** Every sheet a run works from, read once before planning (undefined when the workbook has none). */
export interface RunSheets {
  /** All sheet names, to reuse owned sheets under either language's name. */
  names: string[];
  members: Table;
  /** `_fenceng_state`: tier history for grace periods, the sheets Fenceng made. */
  state?: Table;
  /** 分层变动: its rows are kept and new moves appended. */
  movements?: Table;
  /** The operator's 管理员 sheet: when present, members are assigned to admins. */
  admins?: Table;
  /** The per-admin sheets Fenceng made before, for the admins' notes. */
  adminSheets: Table[];
  /** The content, interaction, points and dashboard sheets the operations stage reads. */
  operations: Partial<Record<OpsSheetId, Table>> & { trend?: Table; ledgerCarry?: Table };
}

/** What one run is planned from: the sheets as read, checked rules and settings. */
export interface RunInput {
  sheets: RunSheets;
  /** Every rule set of the run (checked): the `first` tier sets, and `points` / `honors` when given. */
  ruleSets: RuleSet[];
  mapping: HeaderMapping;
  locale: Locale;
  /** Civil day of today in the workbook's zone. */
  today: number;
  /** `2026-11-26 09:50`, in the workbook's zone. */
  computedAt: string;
  timeZone: string;
  rulesVersion: string;
  dryRun: boolean;
  adminsConfig: AdminsConfig;
  /** The operations stage's rule sets and plan data (checked; defaults filled in by the caller). */
  operations: {
    activity: RuleSet;
    contribution?: RuleSet;
    points: RuleSet;
    honors: RuleSet;
    config: OpsConfig;
  };
  /** Rule sets whose rule change lets demoted members keep their tier for the grace period (the saved version's choice). */
  keepForGrace?: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** Which engine evaluates the rules: the compiled rules unless the reference is asked for. */
  engine?: RuleEngine;
}
