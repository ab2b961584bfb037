import { Operator } from 'json-rules-engine';

export { OPERATORS, isKnownOperator, type OperatorInfo } from './operator-catalog.js';

/** Days between a date fact (civil day) and today; null when the fact is missing. */
function daysAgo(fact: unknown, today: number): number | null {
  return typeof fact === 'number' && Number.isFinite(fact) ? Math.max(0, today - fact) : null;
}

/** The date operators, bound to the run's "today" (a civil day). */
export function dateOperators(today: number): Operator[] {
  return [
    new Operator('withinDays', (fact: unknown, n: unknown) => {
      const d = daysAgo(fact, today);
      return d !== null && typeof n === 'number' && d <= n;
    }),
    new Operator('olderThanDays', (fact: unknown, n: unknown) => {
      const d = daysAgo(fact, today);
      return d !== null && typeof n === 'number' && d > n;
    }),
  ];
}

export { daysAgo };
