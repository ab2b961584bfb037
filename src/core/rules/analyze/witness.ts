/**
 * Whether a box holds any member, and if so one that reads well. The only
 * link between variables is interactions30d = comments + likes + shares
 * (missing parts as 0; missing when all three are), handled exactly.
 */
import type { Box } from './box.js';
import type { ExampleMember } from './example.js';
import { addIntervals, intersectIntervals, interval, pickInInterval, subtractFrom, type Interval } from './number-set.js';
import { domainOf, pickValue, type ValueSet } from './value-set.js';
import { SUM_PARTS, VARIABLES, type Context, type CountVar } from './variables.js';

export function witness(box: Box, ctx: Context): ExampleMember | null {
  const out: ExampleMember = {};
  for (const v of VARIABLES) {
    if (v === 'interactions30d' || SUM_PARTS.includes(v as CountVar) || !box[v]) continue;
    const p = pickValue(box[v]!);
    if (p === undefined) return null;
    out[v as keyof ExampleMember] = p;
  }
  const parts = sumParts(box, ctx);
  if (!parts) return null;
  return { ...out, ...parts };
}

type Parts = Partial<Record<CountVar, number | null>>;

function sumParts(box: Box, ctx: Context): Parts | null {
  const total = box.interactions30d as (ValueSet & { num: Interval[] }) | undefined;
  const out: Parts = {};
  if (!total) {
    for (const p of SUM_PARTS) {
      if (!box[p]) continue;
      const v = pickValue(box[p]!);
      if (v === undefined) return null;
      out[p] = v as number | null;
    }
    return out;
  }
  const sets = SUM_PARTS.map((p) => (box[p] ?? domainOf(p, ctx)) as ValueSet & { num: Interval[] });
  // Constrained parts try a value first; free ones try staying empty first.
  const options = SUM_PARTS.map((p, k) => {
    const present = sets[k].num.length > 0 ? [true] : [];
    const missing = sets[k].missing ? [false] : [];
    return box[p] ? [...present, ...missing] : [...missing, ...present];
  });
  for (const pattern of product(options)) {
    const present = SUM_PARTS.filter((_, k) => pattern[k]);
    if (present.length === 0) {
      if (!total.missing) continue;
      for (const p of SUM_PARTS) out[p] = null;
      return out;
    }
    for (const combo of product(present.map((p) => sets[SUM_PARTS.indexOf(p)].num))) {
      const sum = combo.reduce(addIntervals, interval(0, 0));
      for (const target of total.num) {
        const t = pickInInterval(intersectIntervals(target, sum));
        if (t === null) continue;
        const values = splitSum(t, combo);
        if (!values) continue;
        for (const p of SUM_PARTS) out[p] = pattern[SUM_PARTS.indexOf(p)] ? values[present.indexOf(p)] : null;
        return out;
      }
    }
  }
  return null;
}

/** One value per interval adding up to t (t lies in their sum): each pick leaves the rest reachable. */
function splitSum(t: number, parts: Interval[]): number[] | null {
  const suffix: Interval[] = [];
  let acc = interval(0, 0);
  for (let k = parts.length - 1; k >= 0; k--) {
    suffix[k] = acc;
    acc = addIntervals(acc, parts[k]);
  }
  let rest = t;
  const out: number[] = [];
  for (const [k, part] of parts.entries()) {
    const x = pickInInterval(intersectIntervals(part, subtractFrom(rest, suffix[k])));
    if (x === null) return null; // only float rounding gets here
    out.push(x);
    rest -= x;
  }
  return out;
}

function product<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}
