import { say, type Locale } from '../base/locale.js';
import type { ChartSpec } from '../base/patch.js';
import type { Move } from '../dynamics/history.js';
import type { CellValue } from '../base/table.js';
import type { TrendPoint } from './trend.js';

/**
 * The figures of the 运营看板 (dashboard) as plain data: the sheet and its
 * embedded charts are drawn from it, and so is the CLI's report.html.
 */
export interface Count {
  id: string;
  label: string;
  count: number;
}

export interface DashboardData {
  locale: Locale;
  title: string;
  computedAt: string;
  timeZone: string;
  period: string;
  members: number;
  activity: { label: string; tiers: Count[] };
  contribution: { label: string; tiers: Count[] };
  /** Activity tier counts per run day; series ids are activity tier ids. */
  trend: { dates: string[]; series: Array<{ id: string; label: string; values: Array<number | null> }> };
  moves: Move[];
  /** 30-day totals: comments, likes, shares, posts. */
  mix: Array<{ label: string; value: number }>;
  points: Array<{ period: string; issued: number; redeemed: number }>;
  planLoad: Array<{ tier: string; label: string; content: number; interaction: number; gaps: number }>;
  /** Top of the current period's points board. */
  leaders: Array<{ rank: number; memberId: string; nickname: string; value: number }>;
  /** Honors: the current period's provisional winners. */
  honors: Array<{ honor: string; memberId: string; nickname: string; value: number }>;
}

/** Trend series from the trend store (keys `activity:<tier>`). */
export function trendSeries(points: TrendPoint[], tiers: Array<{ id: string; label: string }>): DashboardData['trend'] {
  return {
    dates: points.map((p) => p.date),
    series: tiers.map((t) => ({ id: t.id, label: t.label, values: points.map((p) => p.values[`activity:${t.id}`] ?? null) })),
  };
}

/** Rows a chart's block takes at least, so the chart beside it does not cover the next block. */
const BLOCK_ROWS = 20;
const TABLE_COLUMNS = 5;

export function dashboardSheet(d: DashboardData): { rows: CellValue[][]; charts: ChartSpec[] } {
  const { locale } = d;
  const rows: CellValue[][] = [
    [d.title],
    [say(locale, `计算时间 ${d.computedAt}（${d.timeZone}）· 本期 ${d.period} · 成员 ${d.members}`, `Computed ${d.computedAt} (${d.timeZone}) · period ${d.period} · ${d.members} members`)],
    [],
  ];
  const charts: ChartSpec[] = [];
  const block = (title: string, header: CellValue[], body: CellValue[][], chart?: Omit<ChartSpec, 'range' | 'anchor' | 'title'>) => {
    const top = rows.length + 1;
    rows.push([title]);
    rows.push(header);
    rows.push(...body);
    if (chart && body.length > 0) {
      charts.push({ ...chart, title, range: { row: top + 1, column: 1, rows: body.length + 1, columns: header.length }, anchor: { row: top, column: TABLE_COLUMNS + 2 } });
    }
    const used = 2 + body.length;
    const pad = chart && body.length > 0 ? Math.max(1, BLOCK_ROWS - used) : 1;
    for (let i = 0; i < pad; i++) rows.push([]);
  };

  block(say(locale, `${d.activity.label}人数`, `${d.activity.label}: members`), [say(locale, '层级', 'Tier'), say(locale, '人数', 'Members')], d.activity.tiers.map((t) => [t.label, t.count]), { type: 'column' });
  block(say(locale, `${d.contribution.label}构成`, `${d.contribution.label}: mix`), [say(locale, '层级', 'Tier'), say(locale, '人数', 'Members')], d.contribution.tiers.map((t) => [t.label, t.count]), { type: 'pie' });
  block(
    say(locale, '层级人数趋势（每天最后一次计算）', 'Tier counts over runs (last run each day)'),
    [say(locale, '日期', 'Date'), ...d.trend.series.map((s) => s.label)],
    d.trend.dates.map((date, i) => [date, ...d.trend.series.map((s) => s.values[i])]),
    { type: 'line' },
  );
  block(
    say(locale, '层级变动（自上次计算）', 'Tier moves since the last run'),
    [say(locale, '变动', 'Move'), say(locale, '人数', 'Members')],
    d.moves.length ? d.moves.map((m) => [`${m.from} → ${m.to}`, m.count]) : [[say(locale, '无', 'none'), 0]],
    d.moves.length ? { type: 'bar' } : undefined,
  );
  block(say(locale, '互动构成（近30天合计）', 'Activity mix (30-day totals)'), [say(locale, '类型', 'Kind'), say(locale, '合计', 'Total')], d.mix.map((m) => [m.label, m.value]), { type: 'pie' });
  block(
    say(locale, '积分发放与兑换（按期间）', 'Points issued and redeemed (per period)'),
    [say(locale, '期间', 'Period'), say(locale, '发放', 'Issued'), say(locale, '兑换', 'Redeemed')],
    d.points.map((p) => [p.period, p.issued, p.redeemed]),
    { type: 'column' },
  );
  block(
    say(locale, '计划负载（计划窗口内，按层级）', 'Plan load per tier (plan window)'),
    [say(locale, '层级', 'Tier'), say(locale, '内容', 'Content'), say(locale, '互动', 'Interactions'), say(locale, '内容缺口', 'Content gaps')],
    d.planLoad.map((p) => [p.label, p.content, p.interaction, p.gaps]),
    { type: 'column', stacked: true },
  );
  block(
    say(locale, `本期积分前 ${d.leaders.length ? d.leaders[d.leaders.length - 1].rank : 0} 名`, `Points leaders this period`),
    [say(locale, '名次', 'Rank'), say(locale, '成员ID', 'Member ID'), say(locale, '昵称', 'Nickname'), say(locale, '积分', 'Points')],
    d.leaders.map((l) => [l.rank, l.memberId, l.nickname, l.value]),
  );
  return { rows, charts };
}
