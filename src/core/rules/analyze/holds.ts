/**
 * One condition on one member's facts, with json-rules-engine's operator
 * semantics (a missing fact is null: comparisons fail, notEqual/notIn hold).
 * Used to say which rule an example lands on; the property test checks it
 * against the engine itself. Free of json-rules-engine: the sidebar bundles it.
 */
import type { FactValues } from '../../facts/facts.js';
import type { Condition, Rule } from '../types.js';

export function conditionHolds(c: Condition, facts: FactValues, today: number): boolean {
  if ('all' in c) return c.all.every((x) => conditionHolds(x, facts, today));
  if ('any' in c) return c.any.some((x) => conditionHolds(x, facts, today));
  if ('not' in c) return !conditionHolds(c.not, facts, today);
  const x = facts[c.fact as keyof FactValues] ?? null;
  const v = c.value as never;
  const num = typeof x === 'number';
  switch (c.operator) {
    case 'greaterThanInclusive':
      return num && x >= v;
    case 'greaterThan':
      return num && x > v;
    case 'lessThanInclusive':
      return num && x <= v;
    case 'lessThan':
      return num && x < v;
    case 'equal':
      return x === v;
    case 'notEqual':
      return x !== v;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(x);
    case 'notIn':
      return Array.isArray(c.value) && !c.value.includes(x);
    case 'withinDays': {
      const d = daysAgo(x, today);
      return d !== null && typeof c.value === 'number' && d <= c.value;
    }
    case 'olderThanDays': {
      const d = daysAgo(x, today);
      return d !== null && typeof c.value === 'number' && d > c.value;
    }
    default:
      return false;
  }
}

/** The rule that places the member under `first`: the highest-priority one that holds. */
export function firstMatch(rules: Rule[], facts: FactValues, today: number): Rule | undefined {
  return [...rules].sort((a, b) => b.priority - a.priority).find((r) => conditionHolds(r.conditions, facts, today));
}

/** As operators.ts counts days (that file needs the engine, so it is not imported here). */
function daysAgo(fact: unknown, today: number): number | null {
  return typeof fact === 'number' && Number.isFinite(fact) ? Math.max(0, today - fact) : null;
}
