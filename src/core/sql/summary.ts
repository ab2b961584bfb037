import { ISSUE_LABELS, type IssueCode } from '../base/issues.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { Table } from '../base/table.js';

/**
 * The summary workbook of a DuckDB run, from aggregate figures only (a run of
 * ten million members has no members sheet to show): 分层概览, 问题 counts
 * and the 运营看板 figures.
 */
export interface EngineSummary {
  computedAt: string;
  timeZone: string;
  rulesVersion: string;
  inputs: string[];
  rowsRead: number;
  blankRows: number;
  members: number;
  notTiered: number;
  /** Rule set id → tier id → members. */
  tiers: Record<string, Record<string, number>>;
  /** activity tier → contribution tier → members. */
  matrix: Record<string, Record<string, number>>;
  issuesByCode: Partial<Record<IssueCode, number>>;
  /** Issues about whole columns (missing, repeated), with their file. */
  columnIssues: Array<{ file: string; code: IssueCode; message: string }>;
  mix: Record<'comments30d' | 'likes30d' | 'shares30d' | 'posts30d', number>;
  points: { total: number; content: number; interaction: number; other: number } | null;
  leaders: Array<{ rank: number; memberId: string; nickname: string; points: number }>;
}

export const issueTotal = (s: EngineSummary) => Object.values(s.issuesByCode).reduce((a, b) => a + (b ?? 0), 0);

const say = (locale: Locale, zh: string, en: string) => (locale === 'zh' ? zh : en);

export function summaryTables(s: EngineSummary, ruleSets: RuleSet[], locale: Locale): Table[] {
  const tierSets = ruleSets.filter((r) => r.hitPolicy === 'first');
  const act = tierSets.find((r) => r.id === 'activity');
  const con = tierSets.find((r) => r.id === 'contribution');
  const overview: unknown[][] = [
    [say(locale, '计算时间', 'Computed at'), `${s.computedAt} (${s.timeZone})`],
    [say(locale, '引擎', 'Engine'), 'DuckDB'],
    [say(locale, '规则版本', 'Rules version'), s.rulesVersion],
    [say(locale, '输入', 'Input'), s.inputs.join(', ')],
    [say(locale, '读取行数', 'Rows read'), s.rowsRead],
    [say(locale, '成员总数', 'Members'), s.members],
    [say(locale, '未分层行数', 'Rows not tiered'), s.notTiered],
    [say(locale, '空行', 'Blank rows'), s.blankRows],
    [say(locale, '问题数', 'Issues'), issueTotal(s)],
  ];
  for (const set of tierSets) {
    overview.push([], [set.label[locale], say(locale, '人数', 'Members')]);
    for (const t of set.tiers) overview.push([t[locale], s.tiers[set.id]?.[t.id] ?? 0]);
  }
  if (act && con) {
    overview.push([], [`${act.label[locale]} \\ ${con.label[locale]}`, ...con.tiers.map((t) => t[locale]), say(locale, '合计', 'Total')]);
    for (const a of act.tiers) {
      const counts = con.tiers.map((c) => s.matrix[a.id]?.[c.id] ?? 0);
      overview.push([a[locale], ...counts, counts.reduce((x, y) => x + y, 0)]);
    }
    const totals = con.tiers.map((c) => act.tiers.reduce((sum, a) => sum + (s.matrix[a.id]?.[c.id] ?? 0), 0));
    overview.push([say(locale, '合计', 'Total'), ...totals, totals.reduce((x, y) => x + y, 0)]);
  }

  const issues: unknown[][] = [];
  for (const [code, n] of Object.entries(s.issuesByCode)) if (n) issues.push([ISSUE_LABELS[code as IssueCode], n]);
  if (issues.length === 0) issues.push([say(locale, '没有问题', 'No issues'), 0]);
  issues.push([], [say(locale, '每行的问题数见结果文件的 unreadable_cells、missing_values、future_dates 列', 'Per-row counts are in the results file: unreadable_cells, missing_values, future_dates')]);
  if (s.columnIssues.length) {
    issues.push([], [say(locale, '文件', 'File'), say(locale, '问题', 'Issue')]);
    for (const c of s.columnIssues) issues.push([c.file, c.message]);
  }

  const dash: unknown[][] = [
    [say(locale, '运营看板', 'Operations dashboard')],
    [say(locale, `计算时间 ${s.computedAt}（${s.timeZone}）· 成员 ${s.members}`, `Computed ${s.computedAt} (${s.timeZone}) · ${s.members} members`)],
    [],
  ];
  for (const set of [act, con]) {
    if (!set) continue;
    dash.push([say(locale, `${set.label.zh}人数`, `${set.label.en}: members`)], [say(locale, '层级', 'Tier'), say(locale, '人数', 'Members')]);
    for (const t of set.tiers) dash.push([t[locale], s.tiers[set.id]?.[t.id] ?? 0]);
    dash.push([]);
  }
  dash.push([say(locale, '近30天互动构成', 'Interaction mix (30 days)')], [say(locale, '类型', 'Kind'), say(locale, '合计', 'Total')]);
  dash.push([say(locale, '评论', 'Comments'), s.mix.comments30d], [say(locale, '点赞', 'Likes'), s.mix.likes30d], [say(locale, '转发', 'Shares'), s.mix.shares30d], [say(locale, '发布', 'Posts'), s.mix.posts30d], []);
  if (s.points) {
    dash.push([say(locale, '本期积分（未入账）', 'Points this period (not yet in a ledger)')], [say(locale, '类别', 'Category'), say(locale, '积分', 'Points')]);
    dash.push([say(locale, '合计', 'Total'), s.points.total], [say(locale, '内容', 'Content'), s.points.content], [say(locale, '互动', 'Interaction'), s.points.interaction], [say(locale, '其他', 'Other'), s.points.other], []);
    dash.push([say(locale, '积分榜', 'Points leaders')], [say(locale, '名次', 'Rank'), say(locale, '成员ID', 'Member ID'), say(locale, '昵称', 'Nickname'), say(locale, '积分', 'Points')]);
    for (const l of s.leaders) dash.push([l.rank, l.memberId, l.nickname, l.points]);
  }
  const table = (sheet: string, header: string[], rows: unknown[][]): Table => ({ sheet, header, rows: rows as Table['rows'] });
  return [
    table(say(locale, '分层概览', 'Tier overview'), [say(locale, '项目', 'Item'), say(locale, '数值', 'Value')], overview),
    table(say(locale, '问题', 'Issues'), [say(locale, '问题', 'Issue'), say(locale, '数量', 'Count')], issues),
    table(say(locale, '运营看板', 'Dashboard'), [], dash),
  ];
}
