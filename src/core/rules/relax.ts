/**
 * The low-water mark (as Discourse's trust level 3 keeps members at 90%):
 * a member is promoted at a rule's thresholds but keeps the tier until they
 * fall below `share` of them. relaxRuleSet gives the rules with every
 * threshold moved that far in the member's favour: "at least 20" becomes
 * "at least 18" at 0.9, "active within 7 days" becomes "within 7.78 days"
 * (so 7 for whole days), and a threshold under `not` moves the other way,
 * so the relaxed rules match everyone the rules match, and more.
 * A percentile condition ("top 10%") is relaxed to the same share of its
 * cut: `≥ cut` becomes `≥ 90% of cut`, the cut moved and rounded exactly as
 * a written threshold would be (the run-time fact applies `relax`).
 */
import type { Condition, Rule, RuleSet } from './types.js';
import { moveThreshold, percentileOf } from './percentile.js';

/** Operators that hold for large values (a lower threshold is easier) and for small ones (a higher one is). */
const AT_LEAST = new Set(['greaterThanInclusive', 'greaterThan', 'olderThanDays']);
const AT_MOST = new Set(['lessThanInclusive', 'lessThan', 'withinDays']);

export function relaxRuleSet(set: RuleSet, share: number): RuleSet {
  return { ...set, rules: set.rules.map((r) => relaxRule(r, share)) };
}

export function relaxRule(rule: Rule, share: number): Rule {
  return { ...rule, conditions: relaxCondition(rule.conditions, share, true) };
}

/** `easier`: relax (true) or tighten (false, under an odd number of `not`). */
export function relaxCondition(c: Condition, share: number, easier: boolean): Condition {
  if ('all' in c) return { all: c.all.map((x) => relaxCondition(x, share, easier)) };
  if ('any' in c) return { any: c.any.map((x) => relaxCondition(x, share, easier)) };
  if ('not' in c) return { not: relaxCondition(c.not, share, !easier) };
  if (!(share > 0 && share <= 1)) return c;
  if (!AT_LEAST.has(c.operator) && !AT_MOST.has(c.operator)) return c;
  const lower = AT_LEAST.has(c.operator) === easier;
  const p = percentileOf(c.value);
  if (p) return { ...c, value: { fact: p.fact, params: { fact: p.params.fact, top: p.params.top, relax: { share, lower } } } };
  if (typeof c.value !== 'number') return c;
  return { ...c, value: moveThreshold(c.value, share, lower) };
}
