/**
 * Rule analysis with "top N%" conditions (percentile.ts). The cut is only
 * known when a run has the members, so here it is an unknown value in its
 * fact's domain. A finding is claimed only when it holds whatever the cut:
 * the analysis runs once per scenario — the cut placed at every breakpoint
 * of the other thresholds on that quantity, between them, beyond them, and
 * "no cut" — and keeps what every scenario finds. Between two breakpoints
 * the answer cannot change (the regions keep their order), so the scenarios
 * stand for every cut. Where that argument would need too many scenarios
 * (several cuts on related quantities, many thresholds), the rule set is
 * reported as not analyzed rather than guessed.
 */
import type { Condition, RuleSet } from '../types.js';
import { cutKey, percentileOf, percentileRequests } from '../percentile.js';
import { AnalysisLimit } from './dnf.js';
import { canBeMissing, KIND_OF, SUM_PARTS, VARIABLE_OF, type Context, type VarId } from './variables.js';
import { isFactId } from '../../facts/facts.js';

/** More scenarios than this and the rule set is not analyzed. */
const MAX_SCENARIOS = 48;

/** One cut per (fact, top): a number, or null for "no cut" (nobody has a value). */
export type Scenario = Map<string, number | null>;

export function percentileScenarios(ruleSet: RuleSet, ctx: Context): Scenario[] | undefined {
  const asks = percentileRequests(ruleSet.rules.map((r) => r.conditions));
  if (asks.length === 0) return undefined;
  const vars = asks.map((a) => VARIABLE_OF[a.fact as keyof typeof VARIABLE_OF]);
  const related = (a: VarId, b: VarId) => a === b || (isSumSide(a) && isSumSide(b));
  // Two cuts on one quantity (or on the sum and its parts) can fall in any order between the same breakpoints.
  if (vars.some((v, i) => vars.some((w, j) => j < i && related(v, w)))) throw new AnalysisLimit('unsupported', '前 N% / top N%');
  const constants = thresholds(ruleSet.rules.map((r) => r.conditions));
  const options = asks.map((a, i) => {
    const list: Array<number | null> = candidates(vars[i], constants);
    if (canBeMissing(vars[i], ctx)) list.push(null);
    return { key: cutKey(a.fact, a.top), list };
  });
  const count = options.reduce((n, o) => n * o.list.length, 1);
  if (count > MAX_SCENARIOS) throw new AnalysisLimit('too-complex', `${count}`);
  let scenarios: Scenario[] = [new Map()];
  for (const o of options) scenarios = scenarios.flatMap((s) => o.list.map((c) => new Map([...s, [o.key, c]])));
  return scenarios;
}

const isSumSide = (v: VarId) => v === 'interactions30d' || (SUM_PARTS as readonly string[]).includes(v);

/** The rule set with each "top N%" value replaced by the scenario's cut ("no cut": a comparison that never holds). */
export function atScenario(ruleSet: RuleSet, s: Scenario): RuleSet {
  const resolve = (c: Condition): Condition => {
    if ('all' in c) return { ...c, all: c.all.map(resolve) };
    if ('any' in c) return { ...c, any: c.any.map(resolve) };
    if ('not' in c) return { ...c, not: resolve(c.not) };
    const p = percentileOf(c.value);
    if (!p) return c;
    const cut = s.get(cutKey(p.params.fact, p.params.top));
    // Values are never below 0 and a missing one fails every comparison: `< 0` holds for nobody, as NaN does.
    const shownAs = { operator: c.operator, value: p };
    return (cut === null || cut === undefined ? { ...c, operator: 'lessThan', value: 0, shownAs } : { ...c, value: cut, shownAs }) as Condition;
  };
  return { ...ruleSet, rules: ruleSet.rules.map((r) => ({ ...r, conditions: resolve(r.conditions) })) };
}

/** Numeric thresholds written on each quantity (days as days ago). */
function thresholds(conditions: Condition[]): Map<VarId, number[]> {
  const out = new Map<VarId, number[]>();
  const visit = (c: Condition): void => {
    if ('all' in c) return c.all.forEach(visit);
    if ('any' in c) return c.any.forEach(visit);
    if ('not' in c) return visit(c.not);
    if (!isFactId(c.fact)) return;
    const v = VARIABLE_OF[c.fact];
    const xs = Array.isArray(c.value) ? c.value : [c.value];
    for (const x of xs) if (typeof x === 'number' && Number.isFinite(x)) out.set(v, [...(out.get(v) ?? []), x]);
  };
  conditions.forEach(visit);
  return out;
}

/**
 * Where the cut on `v` may sit, one value per distinct answer: every
 * breakpoint, a value between each two, and one beyond. Counts are reals;
 * days are whole numbers, where "between" also needs the neighbours (x > 3
 * and x < c holds someone only from c = 5).
 */
function candidates(v: VarId, constants: Map<VarId, number[]>): number[] {
  const own = (w: VarId) => [0, ...(constants.get(w) ?? [])];
  let points = own(v);
  if (isSumSide(v)) {
    // The sum meets its parts: breakpoints of one side are sums and differences of the others'.
    const parts = SUM_PARTS.map(own);
    const sums = combine(parts);
    points = v === 'interactions30d' ? [...points, ...sums] : [...points, ...own('interactions30d').flatMap((s) => combine(SUM_PARTS.filter((p) => p !== v).map(own)).map((o) => s - o))];
  }
  const sorted = [...new Set(points.filter((x) => x >= 0))].sort((a, b) => a - b);
  const out = new Set<number>();
  if (KIND_OF[v] === 'days') {
    for (const t of sorted) for (let d = -3; d <= 3; d++) if (Math.floor(t) + d >= 0) out.add(Math.floor(t) + d), out.add(Math.ceil(t) + d);
    sorted.forEach((t, i) => i + 1 < sorted.length && out.add(Math.floor((t + sorted[i + 1]) / 2)));
  } else {
    sorted.forEach((t, i) => {
      out.add(t);
      if (i + 1 < sorted.length) out.add((t + sorted[i + 1]) / 2);
    });
  }
  out.add(sorted[sorted.length - 1] + 4);
  if (out.size > MAX_SCENARIOS) throw new AnalysisLimit('too-complex', `${out.size}`);
  return [...out].filter((x) => x >= 0).sort((a, b) => a - b);
}

function combine(lists: number[][]): number[] {
  let acc = [0];
  for (const l of lists) {
    acc = [...new Set(acc.flatMap((a) => l.map((x) => a + x)))];
    if (acc.length > MAX_SCENARIOS * 4) throw new AnalysisLimit('too-complex', `${acc.length}`);
  }
  return acc;
}
