/**
 * Conditions → lists of boxes (see box.ts), with `not` pushed down to the
 * leaves. Exact: a member satisfies the condition iff its values fall in one
 * of the boxes (witness.ts decides whether a box holds anyone at all).
 */
import { isFactId } from '../../facts/facts.js';
import type { Condition } from '../types.js';
import { intersectBoxes, withoutSubsumed, type Box } from './box.js';
import { complementValues, isEmptyValues, leafValues } from './value-set.js';
import { VARIABLE_OF, type Context } from './variables.js';

/** Counts work against the rule set's budget (see Context.work). */
export function spender(ctx: Context): (n: number) => void {
  return (n) => {
    ctx.work.left -= n;
    if (ctx.work.left < 0) throw new AnalysisLimit('too-complex', 'work');
  };
}

/** More boxes than this and the analysis gives up on the rule set (and says so). */
export const BOX_LIMIT = 4000;

export class AnalysisLimit extends Error {
  constructor(readonly reason: 'too-complex' | 'unsupported', detail: string) {
    super(detail);
  }
}

export function toBoxes(c: Condition, ctx: Context, negated = false): Box[] {
  if ('all' in c) return negated ? anyOf(c.all.map((x) => toBoxes(x, ctx, true)), ctx) : allOf(c.all.map((x) => toBoxes(x, ctx, false)), ctx);
  if ('any' in c) return negated ? allOf(c.any.map((x) => toBoxes(x, ctx, true)), ctx) : anyOf(c.any.map((x) => toBoxes(x, ctx, false)), ctx);
  if ('not' in c) return toBoxes(c.not, ctx, !negated);
  if (c.path !== undefined || c.params !== undefined || !isFactId(c.fact)) throw new AnalysisLimit('unsupported', c.fact);
  const v = VARIABLE_OF[c.fact];
  const holds = leafValues(v, c.operator, c.value, ctx);
  if (!holds) throw new AnalysisLimit('unsupported', c.operator);
  const values = negated ? complementValues(v, holds, ctx) : holds;
  return isEmptyValues(values) ? [] : [{ [v]: values }];
}

export function anyOf(lists: Box[][], ctx: Context): Box[] {
  const out = withoutSubsumed(lists.flat(), spender(ctx));
  if (out.length > BOX_LIMIT) throw new AnalysisLimit('too-complex', String(out.length));
  return out;
}

/** Every combination of one box per list, emptied ones dropped. */
export function allOf(lists: Box[][], ctx: Context): Box[] {
  const spend = spender(ctx);
  let acc: Box[] = [{}];
  for (const list of lists) {
    spend(acc.length * list.length);
    const next: Box[] = [];
    for (const a of acc) {
      for (const b of list) {
        const both = intersectBoxes(a, b);
        if (both) next.push(both);
      }
    }
    acc = withoutSubsumed(next, spend);
    if (acc.length > BOX_LIMIT) throw new AnalysisLimit('too-complex', String(acc.length));
    if (acc.length === 0) break;
  }
  return acc;
}
