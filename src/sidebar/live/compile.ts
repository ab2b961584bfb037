/**
 * Conditions compiled to plain functions over member columns, for live
 * counts in the browser (the engine is not bundled into the sidebar). Same
 * semantics as json-rules-engine with Fenceng's date operators; a test
 * checks them against createEvaluator on random rule sets.
 */
import { isFactId } from '../../core/facts/facts.js';
import { VARIABLE_OF } from '../../core/rules/analyze/variables.js';
import type { Condition } from '../../core/rules/types.js';
import type { Column, ColumnView } from './columns.js';
import { cutOf, percentileOf } from '../../core/rules/percentile.js';

export type MemberTest = (i: number) => boolean;

/** null when a condition reads something the sidebar has no column for (text facts). */
export function compileCondition(c: Condition, view: ColumnView): MemberTest | null {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => compileCondition(x, view));
    if (parts.some((p) => p === null)) return null;
    const tests = parts as MemberTest[];
    return 'all' in c ? (i) => tests.every((t) => t(i)) : (i) => tests.some((t) => t(i));
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, view);
    return inner && ((i) => !inner(i));
  }
  const col = isFactId(c.fact) ? view.column(VARIABLE_OF[c.fact]) : undefined;
  if (!col) return null;
  const v = c.value;
  const p = percentileOf(v);
  // "Top N%": the cut over these members (percentile.ts); NaN when none has a value, which nothing meets.
  const n = typeof v === 'number' ? v : p ? (cutOfColumn(col, p.params.top) ?? NaN) : NaN;
  switch (c.operator) {
    case 'greaterThanInclusive':
      return (i) => col[i] !== null && col[i]! >= n;
    case 'greaterThan':
    case 'olderThanDays':
      return (i) => col[i] !== null && col[i]! > n;
    case 'lessThanInclusive':
    case 'withinDays':
      return (i) => col[i] !== null && col[i]! <= n;
    case 'lessThan':
      return (i) => col[i] !== null && col[i]! < n;
    case 'equal':
      return (i) => col[i] === v;
    case 'notEqual':
      return (i) => col[i] !== v;
    case 'in':
      return Array.isArray(v) ? (i) => v.includes(col[i]) : null;
    case 'notIn':
      return Array.isArray(v) ? (i) => !v.includes(col[i]) : null;
    default:
      return null;
  }
}

const sortedColumns = new WeakMap<Column, Float64Array>();

/** The run's cut of the top `top`% of a column, as percentileCuts computes it (sorted once per column). */
export function cutOfColumn(col: Column, top: number): number | undefined {
  let sorted = sortedColumns.get(col);
  if (!sorted) {
    sorted = Float64Array.from(col.filter((x): x is number => typeof x === 'number' && Number.isFinite(x))).sort();
    sortedColumns.set(col, sorted);
  }
  return typeof top === 'number' && top > 0 && top <= 100 ? cutOf(sorted, top) : undefined;
}
