import { parseText } from '../base/cells.js';
import type { FactValues } from '../facts/facts.js';
import { headerRow } from '../base/bilingual.js';
import { locateColumns } from '../base/columns.js';
import { say, type Locale } from '../base/locale.js';
import { HONOR_METRIC_IDS } from '../rules/collect-params.js';
import { COMPILED_ENGINE, type RuleEngine, type SyncEvaluator } from '../rules/rule-engine.js';
import type { Rule, RuleSet } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import { topN } from './leaderboard.js';
import { parsePeriod } from './period.js';

/**
 * 荣誉 (honors): a `collect` rule set where each rule is an honor — its
 * conditions say who is eligible, its params how winners are ranked. A
 * period's honors are awarded once, at the first run after the period ends,
 * from the ledger (final by then), and kept as history verbatim; the current
 * period's front-runners are shown as provisional. Equal metrics are
 * separated by the contribution score; only members equal on both share.
 */
/** Metrics an honor ranks by besides numeric facts (the validator checks the same list). */
export const HONOR_METRICS = HONOR_METRIC_IDS;
export type HonorMetric = (typeof HONOR_METRICS)[number];

export const METRIC_LABELS: Record<HonorMetric, { zh: string; en: string }> = {
  points: { zh: '本期积分', en: 'Points this period' },
  contentPoints: { zh: '内容积分', en: 'Content points' },
  interactionPoints: { zh: '互动积分', en: 'Interaction points' },
  contribution: { zh: '贡献值', en: 'Contribution' },
};

export interface HonorSpec {
  rule: Rule;
  zh: string;
  en: string;
  /** A HonorMetric or a numeric fact id. */
  metric: string;
  winners: number;
  minimum: number;
}

export function honorSpecs(set: RuleSet | undefined): HonorSpec[] {
  return (set?.rules ?? []).map((rule) => {
    const p = (rule.event.params ?? {}) as Record<string, unknown>;
    return {
      rule,
      zh: rule.name,
      en: typeof p.en === 'string' && p.en ? p.en : rule.name,
      metric: String(p.metric ?? 'points'),
      winners: Number.isInteger(p.winners) ? (p.winners as number) : 1,
      minimum: typeof p.minimum === 'number' ? p.minimum : 1,
    };
  });
}

export interface MemberMetrics {
  memberId: string;
  nickname: string;
  /** Activity tier id ('' when not tiered). */
  tier: string;
  facts: FactValues;
  points: number;
  contentPoints: number;
  interactionPoints: number;
  contribution: number;
}

export interface HonorAward {
  period: string;
  honor: HonorSpec;
  rank: number;
  memberId: string;
  nickname: string;
  value: number;
}

function metricOf(m: MemberMetrics, metric: string, facts: FactValues): number {
  if ((HONOR_METRICS as readonly string[]).includes(metric)) return m[metric as HonorMetric];
  const v = facts[metric as keyof FactValues];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * Who is eligible for which honor, evaluated lazily and remembered: facts do
 * not change within a run, so one evaluation per member serves every period
 * and honor. Share one per run.
 */
export class HonorEligibility {
  private evaluator: SyncEvaluator;
  private cache = new Map<string, { honors: Set<string>; facts: FactValues }>();

  constructor(readonly set: RuleSet, today: number, engine: RuleEngine = COMPILED_ENGINE) {
    this.evaluator = engine.evaluator(set, today);
  }

  of(m: MemberMetrics): { honors: Set<string>; facts: FactValues } {
    let p = this.cache.get(m.memberId);
    if (!p) {
      const ev = this.evaluator.evaluate(m.facts);
      p = { honors: new Set(ev.matches.map((x) => x.rule.name)), facts: ev.facts };
      this.cache.set(m.memberId, p);
    }
    return p;
  }
}

/**
 * Winners of every honor for one period; an honor nobody qualifies for has
 * no entry. Candidates are taken best first and only as many are evaluated
 * as it takes to fill the places (ties included).
 */
export function awardHonors(set: RuleSet, period: string, members: MemberMetrics[], today: number, only?: (honor: HonorSpec) => boolean, eligibility = new HonorEligibility(set, today)): HonorAward[] {
  const specs = honorSpecs(set).filter((h) => !only || only(h));
  const out: HonorAward[] = [];
  for (const spec of specs) {
    // Capped points tie often: the contribution score (the period's points for a contribution honor) decides between equals.
    const second = (m: MemberMetrics) => (spec.metric === 'contribution' ? m.points : m.contribution);
    const fromSheet = !(HONOR_METRICS as readonly string[]).includes(spec.metric);
    const first = (m: MemberMetrics, facts: FactValues) => metricOf(m, spec.metric, facts);
    // A fact metric (e.g. posts30d) may be derived, so it is read after evaluation; points metrics are known before.
    const ranked = members
      .map((m) => ({ m, guess: fromSheet ? first(m, m.facts) : first(m, {}) }))
      .filter((x) => fromSheet || x.guess >= spec.minimum)
      .sort((a, b) => b.guess - a.guess || second(b.m) - second(a.m) || (a.m.memberId < b.m.memberId ? -1 : 1));
    const won: Array<{ memberId: string; value: number; m: MemberMetrics }> = [];
    const BATCH = 50;
    for (let start = 0; start < ranked.length; start += BATCH) {
      const batch = ranked.slice(start, start + BATCH);
      const results = batch.map((x) => eligibility.of(x.m));
      batch.forEach((x, k) => {
        if (!results[k].honors.has(spec.zh)) return;
        const value = first(x.m, results[k].facts);
        if (value >= spec.minimum) won.push({ memberId: x.m.memberId, value, m: x.m });
      });
      // Enough once the places are filled and the next candidate cannot tie the last place.
      const placed = topN(won, spec.winners, (w) => second(w.m));
      const last = placed[placed.length - 1];
      const next = ranked[start + BATCH];
      if (!fromSheet && placed.length >= spec.winners && (!next || next.guess < last.entry.value || (next.guess === last.entry.value && second(next.m) < second(last.entry.m)))) break;
    }
    for (const r of topN(won, spec.winners, (w) => second(w.m))) {
      out.push({ period, honor: spec, rank: r.rank, memberId: r.entry.memberId, nickname: r.entry.m.nickname, value: r.entry.value });
    }
  }
  return out;
}

export const HONOR_COLUMNS = {
  period: { zh: '期间', en: 'Period' },
  honor: { zh: '荣誉', en: 'Honor' },
  rank: { zh: '名次', en: 'Rank' },
  memberId: { zh: '成员ID', en: 'Member ID' },
  nickname: { zh: '昵称', en: 'Nickname' },
  value: { zh: '数值', en: 'Value' },
  basis: { zh: '依据', en: 'Basis' },
  status: { zh: '状态', en: 'Status' },
  awardedAt: { zh: '颁发时间', en: 'Awarded at' },
} as const;

type Field = keyof typeof HONOR_COLUMNS;
const FIELDS = Object.keys(HONOR_COLUMNS) as Field[];

const AWARDED = { zh: '已颁发', en: 'Awarded' };
const PROVISIONAL = { zh: '暂定（本期进行中）', en: 'Provisional (period in progress)' };

export interface HonorHistory {
  /** History rows in our column order, as they were. */
  rows: CellValue[][];
  /** `period|honor` for every honor already awarded (honor by its Chinese or English name). */
  awarded: Set<string>;
}

export function readHonorHistory(table: Table | undefined, specs: HonorSpec[]): HonorHistory {
  const rows: CellValue[][] = [];
  const awarded = new Set<string>();
  if (!table) return { rows, awarded };
  const col = locateColumns(table.header, HONOR_COLUMNS);
  for (const cells of table.rows) {
    const get = (f: Field) => (col[f] < 0 ? null : (cells[col[f]] ?? null));
    const status = parseText(get('status'));
    if (status.kind !== 'value' || (status.value !== AWARDED.zh && status.value !== AWARDED.en)) continue;
    const period = parsePeriod(get('period'));
    const honorText = parseText(get('honor'));
    if (!period || honorText.kind !== 'value') continue;
    const spec = specs.find((s) => s.zh === honorText.value || s.en === honorText.value);
    awarded.add(`${period}|${spec?.zh ?? honorText.value}`);
    rows.push(FIELDS.map((f) => (f === 'period' ? period : get(f))));
  }
  return { rows, awarded };
}

function metricLabel(metric: string, locale: Locale): string {
  return (HONOR_METRICS as readonly string[]).includes(metric) ? METRIC_LABELS[metric as HonorMetric][locale] : metric;
}

function awardRow(a: HonorAward, status: { zh: string; en: string }, at: string, locale: Locale): CellValue[] {
  return [a.period, a.honor[locale], a.rank, a.memberId, a.nickname, a.value, metricLabel(a.honor.metric, locale), status[locale], at];
}

/** Rows for honors nobody won, so the period is not awarded again later. */
export function noWinnerRow(period: string, honor: HonorSpec, at: string, locale: Locale): CellValue[] {
  return [period, honor[locale], '', '', say(locale, '（无人获得）', '(no winner)'), '', metricLabel(honor.metric, locale), AWARDED[locale], at];
}

export function honorRows(input: { provisional: HonorAward[]; newlyAwarded: CellValue[][]; history: HonorHistory; computedAt: string; locale: Locale }): CellValue[][] {
  const { locale } = input;
  return [
    headerRow(HONOR_COLUMNS, locale),
    ...input.provisional.map((a) => awardRow(a, PROVISIONAL, input.computedAt, locale)),
    ...input.newlyAwarded,
    ...input.history.rows,
  ];
}

export function awardedRows(awards: HonorAward[], at: string, locale: Locale): CellValue[][] {
  return awards.map((a) => awardRow(a, AWARDED, at, locale));
}
