/**
 * A box: values allowed per variable, all at once (a conjunction). A
 * condition becomes a list of boxes, any of which may hold (disjunctive
 * normal form). Variables a box leaves out may be anything.
 */
import { intersectValues, isEmptyValues, type ValueSet } from './value-set.js';
import type { VarId } from './variables.js';

export type Box = Partial<Record<VarId, ValueSet>>;

/** Both boxes at once; null when some variable has no value left. */
export function intersectBoxes(a: Box, b: Box): Box | null {
  const out: Box = { ...a };
  for (const k of Object.keys(b) as VarId[]) {
    const v = out[k] ? intersectValues(k, out[k]!, b[k]!) : b[k]!;
    if (isEmptyValues(v)) return null;
    out[k] = v;
  }
  return out;
}
