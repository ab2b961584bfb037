import type { MemberRow } from '../facts/members.js';
import type { Locale } from '../base/locale.js';
import type { RuleEngine } from '../rules/rule-engine.js';
import type { RuleSet } from '../rules/types.js';
import type { Move } from '../dynamics/history.js';
import type { Table } from '../base/table.js';
import type { Placement } from '../tiering/tiering.js';
import type { OpsConfig } from '../plans/config.js';
import type { OpsSheetId } from '../names/sheets.js';
import type { AdminTask } from '../plans/tasks.js';

/** What `planOperations` works from: the tier run's results and the ops sheets as read. */
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
  tables: Partial<Record<OpsSheetId, Table>> & { trend?: Table; ledgerCarry?: Table };
  /** Member ID → responsible admin, when admin assignment exists. */
  adminOf?: ReadonlyMap<string, string>;
  /** Members-sheet columns this run already writes, so the balance column goes after them. */
  memberColumnsWritten: number[];
  /** From the tier run: activity-tier moves since the last run. */
  moves: Move[];
  movedMembers: number;
  /** From the tier run: 流失预警's tasks per admin ('' = not yet assigned), joined to each admin's week. */
  retention?: ReadonlyMap<string, AdminTask[]>;
  /** Evaluates the points and honors rules (the compiled rules by default). */
  engine?: RuleEngine;
}
