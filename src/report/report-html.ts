import type { DashboardData } from '../core/dashboard/dashboard.js';
import { barChart, donutChart, escapeXml, hbarChart, lineChart } from './svg-charts.js';

/**
 * out/report.html: the 运营看板 figures as one self-contained page — inline
 * SVG charts and the tables behind them, inline styles, no script, no
 * network — readable offline in any browser.
 */
export interface ReportExtras {
  /** The run's summary lines (Chinese first). */
  summaryText?: string;
  /** Content planned and missing in the plan window. */
  plan?: { from: string; to: string; content: number; missing: number; interactions: number };
  /** Points added by this run and redemptions by status. */
  points?: { issued: number; redeemed: number; accepted: number; rejected: number; invalid: number; pending: number };
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
header { background: #1f3a5f; color: #fff; padding: 20px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; font-size: 14px; }
main { padding: 20px 28px 40px; max-width: 1240px; margin: 0 auto; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 20px; }
.kpi { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.kpi .n { font-size: 26px; font-weight: 600; }
.kpi .l { font-size: 13px; color: #52606d; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
section.card { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
section.card h2 { font-size: 16px; margin: 2px 0 8px; }
svg.chart { width: 100%; height: auto; display: block; }
svg .chart-title { font-size: 14px; font-weight: 600; fill: #1f2933; }
svg .tick, svg .legend { font-size: 11px; fill: #52606d; }
svg .value { font-size: 11px; fill: #1f2933; }
svg .total { font-size: 20px; font-weight: 600; fill: #1f2933; }
svg .muted { font-size: 13px; fill: #9aa5b1; }
svg .grid { stroke: #e4e7eb; stroke-width: 1; }
details { margin-top: 6px; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 6px; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre.summary { white-space: pre-wrap; background: #fff; border-radius: 8px; padding: 12px 16px; font-size: 13px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
footer { color: #7b8794; font-size: 12px; margin-top: 24px; }
`;

function table(head: string[], rows: Array<Array<string | number | null>>, numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeXml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${escapeXml(c ?? '')}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function card(id: string, title: string, chart: string, data: string, dataLabel: string): string {
  return `<section class="card" id="${id}"><h2>${escapeXml(title)}</h2>${chart}<details><summary>${escapeXml(dataLabel)}</summary>${data}</details></section>`;
}

/**
 * The page: key figures, then one card per chart (each with the table behind
 * it), then the run's summary.
 */
export function renderReportHtml(d: DashboardData, extras: ReportExtras = {}): string {
  const words = wordsOf(d);
  const cards = [...tierCards(d, words), ...activityCards(d, words), ...planCards(d, words, extras), leadersCard(d, words)];
  return page(d, kpiTiles(d, words, extras), cards, extras, words);
}

/** The page's words in its language. */
interface Words {
  t: (zh: string, en: string) => string;
  none: string;
  dataLabel: string;
}

function wordsOf(d: DashboardData): Words {
  const t = (a: string, b: string) => (d.locale === 'zh' ? a : b);
  return { t, none: t('暂无数据', 'No data yet'), dataLabel: t('数据表', 'Data') };
}

/** Members, each activity tier, this period's points, and the plan's content when known. */
function kpiTiles(d: DashboardData, { t }: Words, extras: ReportExtras): Array<[string | number, string]> {
  const thisPeriod = d.points.find((p) => p.period === d.period) ?? { issued: 0, redeemed: 0 };
  const kpis: Array<[string | number, string]> = [
    [d.members, t('成员', 'Members')],
    ...d.activity.tiers.map((x): [number, string] => [x.count, x.label]),
    [thisPeriod.issued, t(`${d.period} 发放积分`, `Points issued ${d.period}`)],
    [thisPeriod.redeemed, t(`${d.period} 兑换积分`, `Points redeemed ${d.period}`)],
  ];
  if (extras.plan) {
    kpis.push([extras.plan.content, t('计划内容', 'Content planned')], [extras.plan.missing, t('内容缺口', 'Content missing')]);
  }
  return kpis;
}

/** Tiers: activity counts, the contribution mix, the trend over runs, the moves since the last run. */
function tierCards(d: DashboardData, { t, none, dataLabel }: Words): string[] {
  return [
    card(
      'tiers',
      t(`${d.activity.label}人数`, `${d.activity.label}: members`),
      barChart({ title: d.activity.label, categories: d.activity.tiers.map((x) => x.label), series: [{ label: t('人数', 'Members'), values: d.activity.tiers.map((x) => x.count) }], empty: none }),
      table([t('层级', 'Tier'), t('人数', 'Members')], d.activity.tiers.map((x) => [x.label, x.count]), [false, true]),
      dataLabel,
    ),
    card(
      'contribution',
      t(`${d.contribution.label}构成`, `${d.contribution.label}: mix`),
      donutChart({ title: d.contribution.label, slices: d.contribution.tiers.map((x) => ({ label: x.label, value: x.count })), empty: none }),
      table([t('层级', 'Tier'), t('人数', 'Members')], d.contribution.tiers.map((x) => [x.label, x.count]), [false, true]),
      dataLabel,
    ),
    card(
      'trend',
      t('层级人数趋势', 'Tier counts over runs'),
      lineChart({ title: t('每天最后一次计算', 'Last run each day'), x: d.trend.dates, series: d.trend.series.map((s) => ({ label: s.label, values: s.values })), empty: none }),
      table([t('日期', 'Date'), ...d.trend.series.map((s) => s.label)], d.trend.dates.map((date, i) => [date, ...d.trend.series.map((s) => s.values[i])]), [false, ...d.trend.series.map(() => true)]),
      dataLabel,
    ),
    card(
      'moves',
      t('层级变动（自上次计算）', 'Tier moves since the last run'),
      hbarChart({ title: t('人数', 'Members'), items: d.moves.map((m) => ({ label: `${m.from} → ${m.to}`, value: m.count })), empty: t('没有变动', 'No moves') }),
      table([t('从', 'From'), t('到', 'To'), t('人数', 'Members')], d.moves.map((m) => [m.from, m.to, m.count]), [false, false, true]),
      dataLabel,
    ),
  ];
}

/** What members did and earned: the 30-day activity mix, points issued and redeemed. */
function activityCards(d: DashboardData, { t, none, dataLabel }: Words): string[] {
  return [
    card(
      'mix',
      t('互动构成（近30天合计）', 'Activity mix (30-day totals)'),
      donutChart({ title: t('近30天', '30 days'), slices: d.mix, empty: none }),
      table([t('类型', 'Kind'), t('合计', 'Total')], d.mix.map((m) => [m.label, m.value]), [false, true]),
      dataLabel,
    ),
    card(
      'points',
      t('积分发放与兑换', 'Points issued and redeemed'),
      barChart({
        title: t('按期间', 'Per period'),
        categories: d.points.map((p) => p.period),
        series: [
          { label: t('发放', 'Issued'), values: d.points.map((p) => p.issued) },
          { label: t('兑换', 'Redeemed'), values: d.points.map((p) => p.redeemed) },
        ],
        empty: none,
      }),
      table([t('期间', 'Period'), t('发放', 'Issued'), t('兑换', 'Redeemed')], d.points.map((p) => [p.period, p.issued, p.redeemed]), [false, true, true]),
      dataLabel,
    ),
  ];
}

/** The plan's load per tier over its window. */
function planCards(d: DashboardData, { t, none, dataLabel }: Words, extras: ReportExtras): string[] {
  return [
    card(
      'plan-load',
      t('计划负载（按层级）', 'Plan load per tier'),
      barChart({
        title: extras.plan ? `${extras.plan.from} ~ ${extras.plan.to}` : t('计划窗口', 'Plan window'),
        categories: d.planLoad.map((p) => p.label),
        series: [
          { label: t('内容', 'Content'), values: d.planLoad.map((p) => p.content) },
          { label: t('互动', 'Interactions'), values: d.planLoad.map((p) => p.interaction) },
          { label: t('内容缺口', 'Content gaps'), values: d.planLoad.map((p) => p.gaps) },
        ],
        stacked: true,
        empty: none,
      }),
      table([t('层级', 'Tier'), t('内容', 'Content'), t('互动', 'Interactions'), t('内容缺口', 'Content gaps')], d.planLoad.map((p) => [p.label, p.content, p.interaction, p.gaps]), [false, true, true, true]),
      dataLabel,
    ),
  ];
}

/** This period's points leaders and provisional honors. */
function leadersCard(d: DashboardData, { t, none }: Words): string {
  return `<section class="card" id="leaders"><h2>${escapeXml(t(`本期积分榜（${d.period}）`, `Points leaders (${d.period})`))}</h2>${
    d.leaders.length ? table([t('名次', 'Rank'), t('成员ID', 'Member ID'), t('昵称', 'Nickname'), t('积分', 'Points')], d.leaders.map((l) => [l.rank, l.memberId, l.nickname, l.value]), [true, false, false, true]) : `<p>${escapeXml(none)}</p>`
  }<h2>${escapeXml(t('本期荣誉（暂定）', 'Honors this period (provisional)'))}</h2>${
    d.honors.length ? table([t('荣誉', 'Honor'), t('成员ID', 'Member ID'), t('昵称', 'Nickname'), t('数值', 'Value')], d.honors.map((h) => [h.honor, h.memberId, h.nickname, h.value]), [false, false, false, true]) : `<p>${escapeXml(none)}</p>`
  }</section>`;
}

function page(d: DashboardData, kpis: Array<[string | number, string]>, cards: string[], extras: ReportExtras, { t }: Words): string {
  const zh = d.locale === 'zh';
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(`${d.title} · ${d.computedAt}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeXml(d.title)}</h1><p>${escapeXml(t(`计算时间 ${d.computedAt}（${d.timeZone}）· 本期 ${d.period}`, `Computed ${d.computedAt} (${d.timeZone}) · period ${d.period}`))}</p></header>
<main>
<div class="kpis">${kpis.map(([n, l]) => `<div class="kpi"><div class="n">${escapeXml(typeof n === 'number' ? n.toLocaleString('en-US') : n)}</div><div class="l">${escapeXml(l)}</div></div>`).join('')}</div>
<div class="grid2">
${cards.join('\n')}
</div>
${extras.summaryText ? `<h2>${escapeXml(t('本次计算', 'This run'))}</h2><pre class="summary">${escapeXml(extras.summaryText)}</pre>` : ''}
<footer>${escapeXml(t('由 分层管理 Fenceng 生成；离线可读，不含脚本，不联网。', 'Generated by Fenceng 分层管理; readable offline, no script, no network.'))}</footer>
</main>
</body>
</html>
`;
}
