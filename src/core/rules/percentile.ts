/**
 * Percentile tiers: a condition "in the top N% by a fact", written in
 * json-rules-engine's own format as a comparison with a fact reference:
 *
 *   { "fact": "interactions30d", "operator": "greaterThanInclusive",
 *     "value": { "fact": "percentile", "params": { "fact": "interactions30d", "top": 10 } } }
 *
 * The cut is resolved once per run over all members (percentileCuts in
 * compile.ts) and handed to json-rules-engine as the run-time fact
 * `percentile` (evaluate.ts), and to the compiled rules as a constant.
 *
 * The cut, exactly: over the members whose value of the fact (as the rule
 * set sees it, missingAsZero applied) is a finite number — n of them —
 * sorted from largest, the value at rank k = max(1, ⌈n·N/100⌉). So at least
 * k members (⌈N%⌉ of those with a value) have a value ≥ the cut, and every
 * member tied with the cut is in: the tier may hold more than N% when values
 * tie, never fewer than ⌈N%⌉. With no member having a value there is no cut
 * (NaN here, NULL in SQL): the condition holds for nobody, whatever its
 * operator. A member without a value never meets it either (as every
 * comparison with a missing fact).
 */
import type { RuleSet } from './types.js';

export const PERCENTILE_FACT = 'percentile';

/** The operators a percentile may be compared with: ≥ the cut is "in the top N%", < it is "not". */
export const PERCENTILE_OPERATORS = ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan'] as const;

export interface PercentileParams {
  fact: string;
  /** N of "top N%": 0 < N ≤ 100. */
  top: number;
  /** Only in relaxed rule sets (relax.ts): the cut moved by the low-water mark. */
  relax?: { share: number; lower: boolean };
}

export interface PercentileValue {
  fact: typeof PERCENTILE_FACT;
  params: PercentileParams;
}

/** The percentile reference a condition value holds, if it is one (shape only; the validator checks the rest). */
export function percentileOf(value: unknown): PercentileValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as { fact?: unknown; params?: unknown };
  if (v.fact !== PERCENTILE_FACT || typeof v.params !== 'object' || v.params === null) return undefined;
  return value as PercentileValue;
}

/** Cut values of one rule set for one run, by cutKey; a key absent means "no cut" (nobody has a value). */
export type PercentileCuts = ReadonlyMap<string, number>;

export const cutKey = (fact: string, top: number): string => `${fact}\u0000${top}`;

/** The cut of the top `top`% of `sorted` (finite numbers, smallest first), undefined when empty. */
export function cutOf(sorted: Float64Array, top: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const k = Math.max(1, Math.ceil((n * top) / 100));
  return sorted[n - Math.min(k, n)];
}

/**
 * The number a percentile value stands for in this run: the cut, moved by
 * the low-water mark in relaxed rule sets, NaN when there is no cut (every
 * comparison with NaN fails, in both engines).
 */
export function cutValue(cuts: PercentileCuts | undefined, params: PercentileParams): number {
  const cut = cuts?.get(cutKey(params.fact, params.top));
  if (cut === undefined) return NaN;
  return params.relax ? moveThreshold(cut, params.relax.share, params.relax.lower) : cut;
}

/**
 * A threshold moved by the low-water mark `share` the easier way: lower
 * (for "at least") or higher (for "at most"), two decimals rounded so the
 * relaxed rules still match everyone the real ones match.
 */
export function moveThreshold(v: number, share: number, lower: boolean): number {
  // Scaling a negative threshold the same way would move it the wrong way round.
  const moved = lower ? (v >= 0 ? v * share : v / share) : v >= 0 ? v / share : v * share;
  const scaled = Math.round(moved * 1e6) / 1e4; // float noise off first: 18.000000000000004 → 1800
  return (lower ? Math.floor(scaled) : Math.ceil(scaled)) / 100;
}

/** Every distinct (fact, top) a rule set's conditions ask a cut for. */
export function percentileRequests(conditions: unknown[]): Array<{ fact: string; top: number }> {
  const seen = new Map<string, { fact: string; top: number }>();
  const visit = (c: unknown): void => {
    if (typeof c !== 'object' || c === null) return;
    const node = c as Record<string, unknown>;
    for (const key of ['all', 'any'] as const) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    if ('not' in node) visit(node.not);
    const p = percentileOf(node.value);
    if (p && typeof p.params.fact === 'string' && typeof p.params.top === 'number') seen.set(cutKey(p.params.fact, p.params.top), { fact: p.params.fact, top: p.params.top });
  };
  conditions.forEach(visit);
  return [...seen.values()];
}

/** 前 10% / top 10% (with the low-water share when relaxed: 前 10% 的 90%). */
export function percentileTag(params: PercentileParams, locale: 'zh' | 'en'): string {
  const share = params.relax ? Math.round(params.relax.share * 10000) / 100 : undefined;
  if (locale === 'zh') return share === undefined ? `前 ${params.top}%` : `前 ${params.top}% 的 ${share}%`;
  return share === undefined ? `top ${params.top}%` : `${share}% of top ${params.top}%`;
}

/** Whether the rule set has "top N%" conditions; they need the run's cuts (a caller that forgot them is a bug, not a tier). */
export function hasPercentiles(ruleSet: RuleSet, cuts: PercentileCuts | undefined): boolean {
  if (percentileRequests(ruleSet.rules.map((r) => r.conditions)).length === 0) return false;
  if (!cuts) throw new Error(`rule set ${ruleSet.id}: top-N% conditions need the run's percentile cuts`);
  return true;
}

/** A threshold as explanations show it: `151（前 10%）` / `151 (top 10%)`. */
export function thresholdText(cut: number, params: PercentileParams, locale: 'zh' | 'en'): string {
  return locale === 'zh' ? `${String(cut)}（${percentileTag(params, locale)}）` : `${String(cut)} (${percentileTag(params, locale)})`;
}

/** Appended to a 距下一层级 shortfall: `（前 10% 门槛 151）` / ` (top 10% cut 151)`. */
export function cutNote(cut: number, params: PercentileParams, locale: 'zh' | 'en'): string {
  return locale === 'zh' ? `（${percentileTag(params, locale)} 门槛 ${String(cut)}）` : ` (${percentileTag(params, locale)} cut ${String(cut)})`;
}
