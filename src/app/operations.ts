import { FencengError } from './errors.js';
import { validateOpsConfig, type OpsConfig } from '../core/plans/config.js';
import { operationsSheetsToRead, planOperations, type OperationsResult } from '../core/run/plan-operations.js';
import type { OpsSheetId } from '../core/names/sheets.js';
import type { MemberRow } from '../core/facts/members.js';
import type { ColumnsPatch, ReplaceSheetPatch, WorkbookPatch } from '../core/base/patch.js';
import type { Locale } from '../core/base/locale.js';
import { validateRuleSets } from '../core/rules/load.js';
import type { RuleSet } from '../core/rules/types.js';
import type { Move } from '../core/dynamics/history.js';
import type { CellValue, Table } from '../core/base/table.js';
import type { Placement } from '../core/tiering/tiering.js';
import type { WorkbookPort } from '../ports/port.js';
import { DEFAULT_HONORS_RULES, DEFAULT_OPS_CONFIG, DEFAULT_POINTS_RULES, HONORS_RULE_SET_ID, POINTS_RULE_SET_ID } from './default-operations.js';
import { ADMIN_COLUMN } from '../core/names/columns.js';
import { parseText } from '../core/base/cells.js';
import { findColumn } from '../core/base/columns.js';

/**
 * The content, interaction, points and dashboard stage of a run: reads the
 * sheets it needs through the port, plans, and hands back patches to add to
 * the run's patch. Nothing is written here.
 */
export interface OperationsRunInput {
  port: WorkbookPort;
  locale: Locale;
  today: number;
  computedAt: string;
  timeZone: string;
  sheetNames: string[];
  members: { table: Table; rows: MemberRow[]; placements: Map<number, Record<string, Placement>> };
  /** Every rule set of the run: the tier sets, and `points` / `honors` when given. */
  ruleSets: RuleSet[];
  /** The run's patch so far: the members-sheet columns it writes (and 负责管理员, if admin assignment wrote it). */
  patch: WorkbookPatch;
  moves: Move[];
  movedMembers: number;
  /** Plan and incentive data; the bundled rules/plans/ when absent. */
  config?: OpsConfig;
}

export async function runOperations(input: OperationsRunInput): Promise<OperationsResult> {
  const activity = input.ruleSets.find((s) => s.id === 'activity');
  if (!activity) throw new FencengError('no-activity-rules', '缺少活跃层级规则集（activity），无法制定内容与互动计划 / No activity rule set; content and interaction plans need it');
  const contribution = input.ruleSets.find((s) => s.id === 'contribution');
  const points = input.ruleSets.find((s) => s.id === POINTS_RULE_SET_ID) ?? DEFAULT_POINTS_RULES;
  const honors = input.ruleSets.find((s) => s.id === HONORS_RULE_SET_ID) ?? DEFAULT_HONORS_RULES;
  const config = input.config ?? DEFAULT_OPS_CONFIG;
  const problems = [
    ...validateOpsConfig(config, { activity: activity.tiers.map((t) => t.id), contribution: contribution?.tiers.map((t) => t.id) ?? [] }),
    ...validateRuleSets([points, honors].filter((s) => !input.ruleSets.includes(s)).map((s) => ({ source: s.id, json: s }))),
  ];
  if (problems.length) {
    const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
    throw new FencengError('invalid-plans', `计划或积分配置有误，未写入任何内容 / Invalid plan or points settings, nothing written:\n${lines.join('\n')}`, problems);
  }

  const where = operationsSheetsToRead(input.sheetNames);
  const tables: Partial<Record<OpsSheetId, Table>> & { trend?: Table } = {};
  for (const [id, sheet] of Object.entries(where) as Array<[OpsSheetId | 'trend', string]>) {
    const t = input.port.read(sheet);
    if (t) tables[id] = t;
  }
  const memberPatch = input.patch.sheets.find((p): p is ColumnsPatch => p.kind === 'columns' && p.sheet === input.members.table.sheet);
  return planOperations({
    locale: input.locale,
    today: input.today,
    computedAt: input.computedAt,
    timeZone: input.timeZone,
    sheetNames: input.sheetNames,
    members: input.members,
    activity,
    contribution,
    points,
    honors,
    config,
    tables,
    adminOf: adminsFromRun(input.members.table, input.members.rows, memberPatch),
    memberColumnsWritten: memberPatch?.columns.map((c) => c.index) ?? [],
    moves: input.moves,
    movedMembers: input.movedMembers,
  });
}

/**
 * Member → admin as this run writes it (the 负责管理员 column of admin
 * assignment), else as the members sheet shows it; undefined when neither
 * has one.
 */
export function adminsFromRun(table: Table, rows: MemberRow[], memberPatch: ColumnsPatch | undefined): Map<string, string> | undefined {
  const names = [ADMIN_COLUMN.zh, ADMIN_COLUMN.en, 'Admin'];
  const at = memberPatch ? findColumn(memberPatch.columns.map((c) => c.header), names) : -1;
  const written = at >= 0 ? memberPatch!.columns[at] : undefined;
  const column = written ? undefined : findColumn(table.header, names);
  if (!written && (column === undefined || column < 0)) return undefined;
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.status !== 'ok' || !r.memberId) continue;
    const cell = written ? written.values[r.index] : table.rows[r.index]?.[column!];
    const p = parseText(cell ?? null);
    if (p.kind === 'value') out.set(r.memberId, p.value);
  }
  return out;
}

/**
 * Adds each admin's "this week's tasks" to their sheet (分配-<name>), to the
 * right of the member list, when admin assignment made those sheets in this
 * patch. Returns how many sheets got a block.
 */
export function addTasksToAdminSheets(patch: WorkbookPatch, adminFiles: Array<{ admin: string; table: Table }>, ops: OperationsResult): number {
  let n = 0;
  for (const file of adminFiles) {
    const p = patch.sheets.find((s): s is ReplaceSheetPatch => s.kind === 'replace' && s.sheet === file.table.sheet);
    if (!p || p.rows.length === 0) continue;
    p.rows = withBlockBeside(p.rows, ops.taskBlock(file.admin));
    // The admin's own file (--split-admins) shows the same.
    const rows = withBlockBeside([file.table.header, ...file.table.rows], ops.taskBlock(file.admin));
    file.table = { ...file.table, header: rows[0].map((h) => (h == null ? '' : String(h))), rows: rows.slice(1) };
    n++;
  }
  return n;
}

/** `block` to the right of `rows`, one empty column between; new row arrays (rows may be shared, a header may be a constant). */
function withBlockBeside(rows: CellValue[][], block: CellValue[][]): CellValue[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return Array.from({ length: Math.max(rows.length, block.length) }, (_, i) => {
    const row = [...(rows[i] ?? [])];
    if (i >= block.length) return row;
    while (row.length < width + 1) row.push(null);
    return [...row, ...block[i]];
  });
}
