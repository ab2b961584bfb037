/**
 * Why a condition can never hold: the smallest parts that clash. Each
 * reason is a group of conditions that cannot all hold together; an `any`
 * fails only when each branch does, so it gives one reason per branch.
 */
import type { Condition } from '../types.js';
import { isEmpty, regionOf } from './region.js';
import type { Context } from './variables.js';

export interface Clash {
  path: string;
  condition: Condition;
}

/** `c` (at `path`) must be unsatisfiable. */
export function clashes(c: Condition, path: string, ctx: Context): Clash[][] {
  const never = (x: Condition) => isEmpty(regionOf(x, ctx), ctx);
  if ('any' in c) return c.any.flatMap((x, i) => clashes(x, `${path}.any[${i}]`, ctx));
  if (!('all' in c)) return [[{ path, condition: c }]];
  const kids = c.all.map((x, i) => ({ path: `${path}.all[${i}]`, condition: x }));
  const alone = kids.find((k) => never(k.condition));
  if (alone) return clashes(alone.condition, alone.path, ctx);
  // Drop every child the clash does not need.
  let keep = kids;
  for (const k of kids) {
    const without = keep.filter((x) => x !== k);
    if (without.length && never({ all: without.map((x) => x.condition) })) keep = without;
  }
  return [keep];
}
