/**
 * The low-water mark (as Discourse's trust level 3 keeps members at 90%):
 * a member is promoted at a rule's thresholds but keeps the tier until they
 * fall below `share` of them. relaxRuleSet gives the rules with every
 * threshold moved that far in the member's favour: "at least 20" becomes
 * "at least 18" at 0.9, "active within 7 days" becomes "within 7.78 days"
 * (so 7 for whole days), and a threshold under `not` moves the other way,
 * so the relaxed rules match everyone the rules match, and more.
 */
import type { Condition, Rule, RuleSet } from './types.js';

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
  if (typeof c.value !== 'number' || !(share > 0 && share <= 1)) return c;
  const lower = AT_LEAST.has(c.operator) === easier;
  if (!AT_LEAST.has(c.operator) && !AT_MOST.has(c.operator)) return c;
  const v = c.value;
  // Scaling a negative threshold the same way would move it the wrong way round.
  const moved = lower ? (v >= 0 ? v * share : v / share) : v >= 0 ? v / share : v * share;
  return { ...c, value: roundTowards(moved, lower) };
}

/** Two decimals, readable in explanations (7.78 not 7.777…), rounded the easier way so the superset holds. */
function roundTowards(x: number, down: boolean): number {
  const scaled = Math.round(x * 1e6) / 1e4; // float noise off first: 18.000000000000004 → 1800
  return (down ? Math.floor(scaled) : Math.ceil(scaled)) / 100;
}
