import { ISSUE_LABELS, type Issue } from './issues.js';
import { locateManagedColumns, MANAGED_COLUMNS, type ManagedColumnId } from './managed-columns.js';
import type { MemberRow } from './members.js';
import { ownedSheetName } from './owned-sheets.js';
import type { WorkbookPatch } from './patch.js';
import type { Locale } from './rules/explain.js';
import type { RuleSet } from './rules/types.js';
import type { Move, RunSummary } from './summary.js';
import type { CellValue, Table } from './table.js';
import type { Placement, TieredMembers } from './tiering.js';

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
}

export interface Plan {
  patch: WorkbookPatch;
  summary: RunSummary;
  issues: Issue[];
}

const ACTIVITY = 'activity';
const CONTRIBUTION = 'contribution';

/** Everything the run will write, as data: managed member columns, 分层概览 and 问题. */
export function planRecompute(input: PlanInput): Plan {
  const { table, tiered, locale } = input;
  const activitySet = input.ruleSets.find((s) => s.id === ACTIVITY);
  const contributionSet = input.ruleSets.find((s) => s.id === CONTRIBUTION);
  const where = locateManagedColumns(table);
  const previous = previousTiers(table, where.activity, activitySet);
  const issues = tiered.parsed.issues;

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
    if (act?.tier && activitySet) {
      const before = previous[row.index];
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

  const summary = summarize(input, tiered, [...moves.values()].sort((a, b) => b.count - a.count), movedMembers, newMembers);
  const patch: WorkbookPatch = {
    sheets: [
      {
        kind: 'columns',
        sheet: table.sheet,
        columns: (Object.keys(MANAGED_COLUMNS) as ManagedColumnId[]).map((id) => ({ index: where[id], header: MANAGED_COLUMNS[id][locale], values: values[id] })),
      },
      { kind: 'replace', sheet: ownedSheetName('overview', input.sheetNames, locale), rows: overviewRows(summary, input, activitySet, contributionSet) },
      { kind: 'replace', sheet: ownedSheetName('issues', input.sheetNames, locale), rows: issueRows(issues, locale) },
    ],
  };
  return { patch, summary, issues };
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

function overviewRows(s: RunSummary, input: PlanInput, act: RuleSet | undefined, con: RuleSet | undefined): CellValue[][] {
  const zh = input.locale === 'zh';
  const rows: CellValue[][] = [
    [zh ? '项目' : 'Item', zh ? '数值' : 'Value'],
    [zh ? '计算时间' : 'Computed at', `${s.computedAt} (${s.timeZone})`],
    [zh ? '规则版本' : 'Rules version', s.rulesVersion],
    [zh ? '成员总数' : 'Members', s.members],
    [zh ? '未分层行数' : 'Rows not tiered', s.notTiered],
    [zh ? '问题数' : 'Issues', s.issues],
    [zh ? '层级变动人数' : 'Members who moved', s.movedMembers],
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
  return rows;
}

function issueRows(issues: Issue[], locale: Locale): CellValue[][] {
  const zh = locale === 'zh';
  const header = zh ? ['工作表', '行', '列', '列名', '成员ID', '类型', '说明'] : ['Sheet', 'Row', 'Column', 'Header', 'Member ID', 'Type', 'Message'];
  return [header, ...issues.map((i) => [i.sheet, i.row, i.columnLetter, i.column, i.memberId, ISSUE_LABELS[i.code], i.message])];
}
