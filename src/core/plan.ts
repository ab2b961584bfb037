import type { AdminsConfig } from './admins/config.js';
import { planAdmins, type AdminsPlan } from './admins/plan-admins.js';
import { applyDynamics } from './dynamics/apply-dynamics.js';
import { movementMatrix, movementRows } from './dynamics/history.js';
import { readLocks } from './dynamics/locks.js';
import { readState, stateRows, type RunState } from './dynamics/state.js';
import { rulesVersion } from './rules/load.js';
import { ISSUE_LABELS, type Issue } from './issues.js';
import { ADMIN_COLUMN, locateAdminColumn, locateManagedColumns, MANAGED_COLUMNS, type ManagedColumnId } from './managed-columns.js';
import type { MemberRow } from './members.js';
import { ownedSheetName, STATE_SHEET } from './owned-sheets.js';
import type { ColumnsPatch, SheetPatch, WorkbookPatch } from './patch.js';
import type { Locale } from './rules/explain.js';
import type { RuleSet } from './rules/types.js';
import type { AdminSummary } from './admins/plan-admins.js';
import type { Movement } from './dynamics/history.js';
import type { Move, RunSummary } from './summary.js';
import type { CellValue, Table } from './table.js';
import type { Placement, TieredMembers } from './tiering.js';
import { civilDay } from './time.js';

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
}

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

const ACTIVITY = 'activity';
const CONTRIBUTION = 'contribution';

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

  // Tier dynamics: last run's tiers (the state, else what our columns showed), grace periods, locks.
  const previousState = input.state ? readState(input.state, today) : undefined;
  const shown = new Map<string, Array<string | undefined>>();
  if (!previousState) {
    if (activitySet) shown.set(activitySet.id, previousTiers(table, where.activity, activitySet));
    if (contributionSet) shown.set(contributionSet.id, previousTiers(table, where.contribution, contributionSet));
  }
  const locks = readLocks(table, input.tiered.parsed.rows, input.ruleSets, today);
  const fingerprints = Object.fromEntries(input.ruleSets.map((s) => [s.id, rulesVersion([s])]));
  const dynamics = applyDynamics({ tiered: input.tiered, ruleSets: input.ruleSets, previous: previousState, shown, locks, today, locale, fingerprints });
  const tiered = dynamics.tiered;
  const issues = [...tiered.parsed.issues, ...locks.issues];

  const values: Record<ManagedColumnId, CellValue[]> = { activity: [], contribution: [], reason: [], progress: [], status: [], computedAt: [] };
  const moves = new Map<string, Move>();
  let movedMembers = 0;
  let newMembers = 0;
  for (const row of tiered.parsed.rows) {
    const placed = tiered.placements.get(row.index);
    const act = placed?.[ACTIVITY];
    const con = placed?.[CONTRIBUTION];
    values.activity.push(act && activitySet ? label(activitySet, act, locale) : null);
    values.contribution.push(con && contributionSet ? label(contributionSet, con, locale) : null);
    values.reason.push(placed ? joinNonEmpty([act?.explanation, con?.explanation], locale) : null);
    values.progress.push(placed ? joinNonEmpty([act?.progress, con?.progress], locale) : null);
    values.status.push(statusText(row, locale));
    values.computedAt.push(row.status === 'blank' ? null : input.computedAt);
    const decision = activitySet ? dynamics.decisions.get(row.index)?.[activitySet.id] : undefined;
    if (act?.tier && activitySet && decision) {
      const before = decision.kind === 'first' ? undefined : decision.kind === 'same' ? act.tier : decision.kind === 'held' ? act.tier : decision.from;
      if (!before) newMembers++;
      else if (before !== act.tier) {
        movedMembers++;
        const key = `${before}>${act.tier}`;
        const m = moves.get(key) ?? { from: tierName(activitySet, before, locale), to: tierName(activitySet, act.tier, locale), count: 0 };
        m.count++;
        moves.set(key, m);
      }
    }
  }

  const columns: ColumnsPatch = {
    kind: 'columns',
    sheet: table.sheet,
    columns: (Object.keys(MANAGED_COLUMNS) as ManagedColumnId[]).map((id) => ({ index: where[id], header: MANAGED_COLUMNS[id][locale], values: values[id] })),
  };

  // Admin layers: only when the workbook has an Admins sheet (and an activity rule set to assign by).
  const adminColumn = locateAdminColumn(table, where);
  const hasAdminColumn = (table.header[adminColumn] ?? '') !== '';
  let admins: AdminsPlan | undefined;
  if (input.admins && activitySet) {
    admins = planAdmins({
      admins: input.admins,
      config: input.adminsConfig ?? { defaultCapacity: {} },
      members: table,
      rows: tiered.parsed.rows,
      placements: tiered.placements,
      activity: activitySet,
      contribution: contributionSet,
      adminColumn,
      reasonOf: (i) => values.reason[i],
      locale,
      sheetNames: input.sheetNames,
      assignmentsSheet: ownedSheetName('assignments', input.sheetNames, locale),
      owned: previousState?.adminSheets ?? [],
      previousAdminSheets: input.adminSheets ?? [],
    });
    issues.push(...admins.issues);
    columns.columns.push({ index: adminColumn, header: ADMIN_COLUMN[locale], values: admins.column });
  } else if (hasAdminColumn) {
    // The Admins sheet is gone: names left in our column would mislead.
    columns.columns.push({ index: adminColumn, header: ADMIN_COLUMN[locale], values: tiered.parsed.rows.map(() => null) });
  }

  const nextState: RunState = {
    tiers: dynamics.tiers,
    adminSheets: admins?.owned ?? previousState?.adminSheets ?? [],
    ruleSets: new Map(input.ruleSets.filter((s) => s.hitPolicy === 'first').map((s) => [s.id, fingerprints[s.id]])),
  };
  const summary = summarize(input, tiered, [...moves.values()].sort((a, b) => b.count - a.count), movedMembers, newMembers);
  summary.issues = issues.length;
  summary.issuesByCode = {};
  for (const i of issues) summary.issuesByCode[i.code] = (summary.issuesByCode[i.code] ?? 0) + 1;
  summary.held = activitySet ? dynamics.held[activitySet.id] : 0;
  summary.locked = activitySet ? dynamics.locked[activitySet.id] : 0;
  summary.movementsAdded = dynamics.movements.length;
  if (admins) summary.admins = admins.summary;

  const sheets: SheetPatch[] = [
    columns,
    { kind: 'replace', sheet: ownedSheetName('overview', input.sheetNames, locale), rows: overviewRows(summary, input, activitySet, contributionSet, dynamics.movements) },
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

function label(set: RuleSet, p: Placement, locale: Locale): string {
  return tierName(set, p.tier ?? '', locale);
}

function tierName(set: RuleSet, id: string, locale: Locale): string {
  return set.tiers.find((t) => t.id === id)?.[locale] ?? id;
}

function joinNonEmpty(parts: Array<string | undefined>, locale: Locale): string {
  return parts.filter((p) => p).join(locale === 'zh' ? '；' : '; ');
}

/** Tier ids the sheet showed before this run, read back from our own column (either language). */
function previousTiers(table: Table, column: number, set: RuleSet | undefined): Array<string | undefined> {
  if (!set) return [];
  const byLabel = new Map<string, string>();
  for (const t of set.tiers) for (const name of [t.zh, t.en, t.id]) byLabel.set(name, t.id);
  return table.rows.map((r) => (typeof r[column] === 'string' ? byLabel.get((r[column] as string).trim()) : undefined));
}

function statusText(row: MemberRow, locale: Locale): CellValue {
  const zh = locale === 'zh';
  switch (row.status) {
    case 'blank':
      return null;
    case 'missing-id':
      return zh ? '未分层：缺少成员ID' : 'Not tiered: no member ID';
    case 'duplicate-id':
      return zh ? `未分层：与第 ${row.duplicateOfRow} 行成员ID重复` : `Not tiered: same member ID as row ${row.duplicateOfRow}`;
    default:
      if (row.unreadableCells === 0) return zh ? '已分层' : 'Tiered';
      return zh ? `已分层（${row.unreadableCells} 个单元格无法识别，见「问题」表）` : `Tiered (${row.unreadableCells} unreadable cells, see Issues)`;
  }
}

function summarize(input: PlanInput, tiered: TieredMembers, moves: Move[], movedMembers: number, newMembers: number): RunSummary {
  const rows = tiered.parsed.rows;
  const tiers: RunSummary['tiers'] = {};
  for (const set of input.ruleSets.filter((s) => s.hitPolicy === 'first')) {
    const counts = set.tiers.map((t) => ({ tier: t.id, label: t[input.locale], count: 0 }));
    for (const p of tiered.placements.values()) {
      const c = counts.find((x) => x.tier === p[set.id]?.tier);
      if (c) c.count++;
    }
    tiers[set.id] = { label: set.label[input.locale], counts };
  }
  const matrix: RunSummary['matrix'] = {};
  for (const p of tiered.placements.values()) {
    const a = p[ACTIVITY]?.tier ?? '';
    const c = p[CONTRIBUTION]?.tier ?? '';
    matrix[a] ??= {};
    matrix[a][c] = (matrix[a][c] ?? 0) + 1;
  }
  const issuesByCode: RunSummary['issuesByCode'] = {};
  for (const i of tiered.parsed.issues) issuesByCode[i.code] = (issuesByCode[i.code] ?? 0) + 1;
  return {
    sheet: input.table.sheet,
    rowsRead: rows.length,
    members: tiered.placements.size,
    notTiered: rows.filter((r) => r.status === 'missing-id' || r.status === 'duplicate-id').length,
    blankRows: rows.filter((r) => r.status === 'blank').length,
    tiers,
    matrix,
    moves,
    movedMembers,
    newMembers,
    issues: tiered.parsed.issues.length,
    issuesByCode,
    rulesVersion: input.rulesVersion,
    computedAt: input.computedAt,
    timeZone: input.timeZone,
    dryRun: input.dryRun,
  };
}

function overviewRows(s: RunSummary, input: PlanInput, act: RuleSet | undefined, con: RuleSet | undefined, movements: Movement[]): CellValue[][] {
  const zh = input.locale === 'zh';
  const rows: CellValue[][] = [
    [zh ? '项目' : 'Item', zh ? '数值' : 'Value'],
    [zh ? '计算时间' : 'Computed at', `${s.computedAt} (${s.timeZone})`],
    [zh ? '规则版本' : 'Rules version', s.rulesVersion],
    [zh ? '成员总数' : 'Members', s.members],
    [zh ? '未分层行数' : 'Rows not tiered', s.notTiered],
    [zh ? '问题数' : 'Issues', s.issues],
    [zh ? '层级变动人数' : 'Members who moved', s.movedMembers],
    [zh ? '降级宽限期中人数' : 'Members in a demotion grace period', s.held ?? 0],
    [zh ? '锁定层级人数' : 'Members with a locked tier', s.locked ?? 0],
    [],
  ];
  if (act && con) {
    rows.push([`${act.label[input.locale]} \\ ${con.label[input.locale]}`, ...con.tiers.map((t) => t[input.locale]), zh ? '合计' : 'Total']);
    for (const a of act.tiers) {
      const counts = con.tiers.map((c) => s.matrix[a.id]?.[c.id] ?? 0);
      rows.push([a[input.locale], ...counts, counts.reduce((x, y) => x + y, 0)]);
    }
    const totals = con.tiers.map((c) => act.tiers.reduce((sum, a) => sum + (s.matrix[a.id]?.[c.id] ?? 0), 0));
    rows.push([zh ? '合计' : 'Total', ...totals, totals.reduce((x, y) => x + y, 0)]);
    rows.push([]);
  }
  rows.push([zh ? '层级变动（自上次计算）' : 'Moves since last run', zh ? '从' : 'From', zh ? '到' : 'To', zh ? '人数' : 'Members']);
  for (const m of s.moves) rows.push(['', m.from, m.to, m.count]);
  if (s.moves.length === 0) rows.push(['', zh ? '无' : 'none']);
  if (act) rows.push([], ...movementMatrix(movements, act, input.locale));
  if (s.admins) rows.push([], ...adminOverviewRows(s.admins, zh));
  return rows;
}

function adminOverviewRows(a: AdminSummary, zh: boolean): CellValue[][] {
  const rows: CellValue[][] = [
    [zh ? '管理员分配' : 'Admin assignment', zh ? '数值' : 'Value'],
    [zh ? '在职普通管理员' : 'Active regular admins', a.regularAdmins],
    [zh ? '已分配成员' : 'Members with an admin', a.assigned],
    [zh ? '未分配成员' : 'Members without an admin', a.unassigned],
  ];
  for (const s of a.shortfalls) {
    const need = s.adminsNeeded === null ? (zh ? '无管理员能服务此层级' : 'no admin serves this tier') : zh ? `还需 ${s.adminsNeeded} 名普通管理员` : `needs ${s.adminsNeeded} more regular admin${s.adminsNeeded === 1 ? '' : 's'}`;
    rows.push([zh ? `未分配：${s.label}` : `Unassigned: ${s.label}`, s.unassigned, need]);
  }
  if (a.teamIssues > 0) rows.push([zh ? '管理员表问题（见「问题」）' : 'Admins sheet issues (see Issues)', a.teamIssues]);
  return rows;
}

function issueRows(issues: Issue[], locale: Locale): CellValue[][] {
  const zh = locale === 'zh';
  const header = zh ? ['工作表', '行', '列', '列名', '成员ID', '类型', '说明'] : ['Sheet', 'Row', 'Column', 'Header', 'Member ID', 'Type', 'Message'];
  return [header, ...issues.map((i) => [i.sheet, i.row, i.columnLetter, i.column, i.memberId, ISSUE_LABELS[i.code], i.message])];
}
