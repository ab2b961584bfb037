/**
 * A box: values allowed per variable, all at once (a conjunction). A
 * condition becomes a list of boxes, any of which may hold (disjunctive
 * normal form). Variables a box leaves out may be anything.
 */
import { intersectValues, isEmptyValues, sameValues, type ValueSet } from './value-set.js';
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

/** a ⊆ b: every variable b constrains, a constrains at least as much. */
export function boxWithin(a: Box, b: Box): boolean {
  for (const k of Object.keys(b) as VarId[]) {
    const x = a[k];
    if (!x) return false; // a leaves it free, b does not (b's sets are never the whole domain... or if so, only a missed merge)
    if (!sameValues(intersectValues(k, x, b[k]!), x)) return false;
  }
  return true;
}

/** Drops boxes inside another box of the list: the union stays the same, the list gets shorter. */
export function withoutSubsumed(boxes: Box[], spend: (n: number) => void): Box[] {
  if (boxes.length < 2) return boxes;
  const keep: Box[] = [];
  // Fewer constraints first: the wider boxes, which swallow the others.
  const order = [...boxes].sort((a, b) => Object.keys(a).length - Object.keys(b).length);
  for (const box of order) {
    spend(keep.length);
    if (!keep.some((k) => boxWithin(box, k))) keep.push(box);
  }
  return keep;
}
